"""The SKM on the portal: one response per link, results and PDF showing the same numbers as the
index, suggestions public only when approved, isolation between regencies, the KPI page."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from catalogue.models import Service
from surveys.actions import response_submit_by_link, survey_link_issue
from surveys.models import (
    FollowUpAction,
    SamplePopulation,
    SuggestionStatus,
    SurveyLink,
    SurveyResponse,
)
from tests.conftest import in_schema
from tests.surveys.helpers import sheet, worked_example

ANSWERS = {
    **{f"u{i}": "3" for i in range(1, 10)},
    "gender": "L",
    "age": "40",
    "education": "sma",
    "occupation": "wirausaha",
    "suggestion": "",
}


def _link(regency, key="ktp-el-baru", source_id="A-001") -> str:
    with in_schema(regency):
        return survey_link_issue(
            service=Service.objects.get(key=key), source="queue", source_id=source_id
        )


def test_a_link_takes_one_response_only(alpha, alpha_client, pinned_clock):
    url = _link(alpha)
    assert url.startswith("https://")
    assert "/skm/isi/" in url
    assert _link(alpha) == url  # the same ticket gets the same link
    path = url[url.index("/skm/isi/") :]

    assert alpha_client.get(path).status_code == 200
    first = alpha_client.post(path, ANSWERS)
    assert first.status_code == 200
    assert "Terima kasih" in first.content.decode()
    again = alpha_client.post(path, {**ANSWERS, "u1": "1"})
    assert "sudah diisi" in again.content.decode()

    with in_schema(alpha):
        response = SurveyResponse.objects.get()
        assert (response.u1, response.channel, response.answered_on) == (
            3,
            "link",
            date(2026, 11, 23),
        )
        assert SurveyLink.objects.get().used_on == date(2026, 11, 23)  # the day, not the time


def test_a_link_refuses_scores_off_the_scale_in_indonesian(alpha, alpha_client, pinned_clock):
    path = _link(alpha, source_id="A-002")
    path = path[path.index("/skm/") :]
    response = alpha_client.post(path, {**ANSWERS, "u4": "5", "age": "abc"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Jawaban harus 1, 2, 3, atau 4." in body
    with in_schema(alpha):
        assert SurveyResponse.objects.count() == 0
        assert SurveyLink.objects.get().used_on is None


def test_unknown_link_is_404_and_a_link_never_crosses_regencies(alpha, beta_client, pinned_clock):
    url = _link(alpha, source_id="A-003")
    assert beta_client.get(url[url.index("/skm/") :]).status_code == 404
    assert beta_client.get("/skm/isi/tidak-ada/").status_code == 404


def test_rate_limit_by_hashed_address(alpha, pinned_clock, settings):
    from surveys import actions

    with in_schema(alpha):
        service = Service.objects.get(key="skck")
        limit = actions.RATE_MAX_PER_ADDRESS
        tokens = []
        for i in range(limit + 1):
            url = survey_link_issue(service=service, source="test", source_id=f"r{i}")
            tokens.append(url.rsplit("/", 2)[-2])
        for token in tokens[:limit]:
            response_submit_by_link(
                token=token,
                answers=sheet(service, [3] * 9, on=date(2026, 11, 23)),
                address="10.0.0.9",
            )
        with pytest.raises(actions.RateLimited):
            response_submit_by_link(
                token=tokens[-1],
                answers=sheet(service, [3] * 9, on=date(2026, 11, 23)),
                address="10.0.0.9",
            )
        assert SurveyResponse.objects.count() == limit


def test_results_page_and_pdf_show_the_index(alpha, beta, alpha_client, beta_client, pinned_clock):
    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
        worked_example(service, on=date(2026, 3, 2))
        SamplePopulation.objects.create(
            period_start=date(2026, 1, 1), period_end=date(2026, 6, 30), service_users=1000
        )
        FollowUpAction.objects.create(
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            unsur="U3",
            action="Tambah petugas verifikasi berkas",
            owner="Disdukcapil",
            due_date=date(2026, 9, 30),
        )

    page = alpha_client.get("/skm/?periode=2026-S1")
    body = page.content.decode()
    assert page.status_code == 200
    assert "85,42" in body
    assert "Sangat Baik" not in body
    assert "Baik" in body
    assert "4 dari 278 responden" in body
    assert "U3 Waktu Penyelesaian (3,000)" in body
    assert "Tambah petugas verifikasi berkas" in body
    assert "0 dari 1 tindak lanjut selesai (0%)" in body  # the plan's progress
    assert "<script" not in body.split("<main")[1]
    assert "85,42" not in beta_client.get("/skm/?periode=2026-S1").content.decode()

    pdf = alpha_client.get("/skm/laporan.pdf?periode=2026-S1")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "LAPORAN SURVEI KEPUASAN MASYARAKAT" in text
    assert "85,42" in text
    assert "3,4167" in text
    assert "3,750" in text
    assert "Tambah petugas verifikasi berkas" in text
    assert "Kemajuan: 0 dari 1 selesai (0%)" in text
    assert re.search(r"Sampel minimal 278 responden", text)


def test_bad_period_is_400_in_indonesian(alpha_client):
    response = alpha_client.get("/skm/?periode=semester-lalu")
    assert response.status_code == 400
    assert "Periode tidak dikenal" in response.content.decode()


def test_suggestions_are_public_only_when_approved(alpha, alpha_client, pinned_clock):
    with in_schema(alpha):
        service = Service.objects.get(key="skck")
        from surveys.actions import responses_import

        responses_import(
            actor=None,
            sheets=[
                sheet(
                    service, [4] * 9, on=date(2026, 8, 1), suggestion="Mohon tambah kursi tunggu"
                ),
                sheet(
                    service, [4] * 9, on=date(2026, 8, 2), suggestion="Petugas X namanya Budi 0812"
                ),
            ],
        )
        first, second = SurveyResponse.objects.order_by("answered_on")
        assert first.suggestion_status == SuggestionStatus.PENDING
    body = alpha_client.get("/skm/?periode=2026-S2").content.decode()
    assert "Mohon tambah kursi tunggu" not in body
    with in_schema(alpha):
        SurveyResponse.objects.filter(pk=first.pk).update(
            suggestion_status=SuggestionStatus.APPROVED
        )
        SurveyResponse.objects.filter(pk=second.pk).update(
            suggestion_status=SuggestionStatus.REJECTED
        )
    cache.clear()  # the anonymous page cache (cms.middleware) would serve the earlier page
    body = alpha_client.get("/skm/?periode=2026-S2").content.decode()
    assert "Mohon tambah kursi tunggu" in body
    assert "Budi" not in body


def test_kpi_page_works_without_queue_and_complaints(alpha, alpha_client, pinned_clock):
    with in_schema(alpha):
        worked_example(Service.objects.get(key="skck"), on=date(2026, 5, 1))
    body = alpha_client.get("/kinerja/").content.decode()
    assert "Kepuasan masyarakat" in body
    assert "85,42" in body
    assert "Layanan dengan standar terbit" in body
    assert "Pengaduan selesai tepat waktu" not in body  # the module is not installed here


def test_kiosk_needs_a_staff_device(alpha_client):
    response = alpha_client.get("/skm/tablet/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_counter_tablet_takes_one_respondent_at_a_time(alpha, pinned_clock):
    from tests.conftest import staff_client

    client = staff_client(alpha, "loket@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        service_id = Service.objects.get(key="sim-a-baru").pk
    assert client.get("/skm/tablet/").status_code == 200
    done = client.post("/skm/tablet/", {**ANSWERS, "service": service_id})
    assert done.status_code == 200
    assert "Responden berikutnya" in done.content.decode()
    assert done["Cache-Control"].startswith("max-age=0") or "no-cache" in done["Cache-Control"]
    too_soon = client.post("/skm/tablet/", {**ANSWERS, "service": service_id})
    assert too_soon.status_code == 422
    assert "Mohon tunggu sebentar" in too_soon.content.decode()
    cache.clear()  # as if the 10-second window had passed (Redis TTLs ignore a moved clock)
    assert client.post("/skm/tablet/", {**ANSWERS, "service": service_id}).status_code == 200
    with in_schema(alpha):
        assert list(SurveyResponse.objects.values_list("channel", flat=True)) == ["kiosk", "kiosk"]


def test_results_in_english_under_en(alpha_client):
    body = alpha_client.get("/en/skm/?periode=2026-S1").content.decode()
    assert "Community Satisfaction Survey results" in body
    assert "Completion time" in body


def test_results_per_agency_service_and_location(alpha, alpha_client, pinned_clock):
    from surveys.actions import responses_import

    with in_schema(alpha):
        worked_example(Service.objects.get(key="ktp-el-baru"), on=date(2026, 3, 2))  # Disdukcapil
        responses_import(
            actor=None,
            sheets=[sheet(Service.objects.get(key="skck"), [1] * 9, on=date(2026, 3, 3))],
        )
    everything = alpha_client.get("/skm/?periode=2026-S1").content.decode()
    assert "73,33" in everything  # 132 / 45 × 25
    agency = alpha_client.get("/skm/?periode=2026-S1&instansi=disdukcapil").content.decode()
    assert "85,42" in agency
    service = alpha_client.get("/skm/?periode=2026-S1&layanan=skck").content.decode()
    assert "25,00" in service
    assert "Tidak Baik" in service
    unknown = alpha_client.get("/skm/?periode=2026-S1&instansi=tidak-ada")
    assert unknown.status_code == 400
    assert "Instansi tidak dikenal." in unknown.content.decode()


def test_a_tablet_set_up_for_a_location_records_it(alpha, pinned_clock):
    from catalogue.models import Location
    from tests.conftest import staff_client

    client = staff_client(alpha, "tablet@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        service_id = Service.objects.get(key="skck").pk
        location = Location.objects.get(key="gedung-mpp")
    client.post("/skm/tablet/?lokasi=gedung-mpp", {**ANSWERS, "service": service_id})
    with in_schema(alpha):
        assert SurveyResponse.objects.get().location_id == location.pk
    assert alpha_client_get_location_index(alpha) == 1


def alpha_client_get_location_index(alpha) -> int:
    from surveys.selectors import scope_resolve, skm_index

    with in_schema(alpha):
        scope = scope_resolve(location="gedung-mpp")
        return skm_index(
            start=date(2026, 1, 1), end=date(2026, 12, 31), location_id=scope.location_id
        ).respondents


def test_index_selectors_read_in_one_query_each(alpha, django_assert_max_num_queries, pinned_clock):
    from surveys.selectors import skm_index, skm_index_by_agency, skm_trend, weight_mode_get

    with in_schema(alpha):
        worked_example(Service.objects.get(key="skck"), on=date(2026, 3, 2))
        weight_mode_get()  # the setting's row is created on first read
        for selector in (skm_index, skm_index_by_agency, skm_trend):
            # the weight setting (one read) and one aggregate; search_path statements aside
            with django_assert_max_num_queries(4) as captured:
                selector(start=date(2026, 1, 1), end=date(2026, 6, 30))
            data = [q for q in captured.captured_queries if not q["sql"].startswith("SET ")]
            assert len(data) == 2, [q["sql"][:80] for q in data]


def test_kpi_page_writes_its_date_in_words(alpha, alpha_client, pinned_clock):
    """ "Angka tahun berjalan sampai 23-11-2026" read like a form field on a citizen's page."""
    cache.clear()
    body = alpha_client.get("/kinerja/").content.decode()
    english = alpha_client.get("/en/kinerja/").content.decode()

    assert "Angka tahun berjalan sampai 23 November 2026." in body
    assert "Figures for the year to 23 November 2026." in english
