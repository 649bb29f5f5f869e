"""The SKM's admin screens: the dashboard for regency and agency admins (scoped), its CSV, paper
entry, CSV import with row errors, suggestion moderation, and the evidence report (page + PDF)."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from activity.models import ActivityEntry
from catalogue.models import Service
from surveys.models import SuggestionStatus, SurveyResponse
from tests.conftest import in_schema, staff_client
from tests.surveys.helpers import sheet, worked_example


def _data(alpha):
    with in_schema(alpha):
        worked_example(Service.objects.get(key="ktp-el-baru"), on=date(2026, 2, 3))  # Disdukcapil
        from surveys.actions import responses_import

        responses_import(
            actor=None,
            sheets=[sheet(Service.objects.get(key="skck"), [1] * 9, on=date(2026, 4, 4))],
        )


def test_dashboard_for_the_regency_admin_shows_everything(alpha, pinned_clock):
    _data(alpha)
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    body = client.get("/admin/kinerja/?periode=2026-S1").content.decode()
    # 5 respondents: 123 + 9 = 132 points; 132 / 45 × 25 = 73.33… → 73,33 C
    assert "73,33" in body
    assert "Kurang Baik" in body
    assert "Modul antrean tidak aktif." in body
    assert "Modul pengaduan tidak aktif." in body
    assert "<svg" in body
    csv_text = client.get("/admin/kinerja/csv/?periode=2026-S1").content.decode()
    assert "2026-S1,skm,ikm_x25,73.33" in csv_text
    assert "2026-S1,skm,responden,5" in csv_text


def test_agency_admin_sees_only_their_agency(alpha, pinned_clock):
    _data(alpha)
    client = staff_client(
        alpha, "dukcapil@alpha.test", group="Admin Instansi", agencies=("disdukcapil",)
    )
    body = client.get("/admin/kinerja/?periode=2026-S1").content.decode()
    assert "85,42" in body
    assert "73,33" not in body
    assert "instansi Anda saja" in body
    # Regency-admin screens stay closed to them.
    for url in ("/admin/skm/impor/", "/admin/skm/bukti/", "/admin/skm/saran/"):
        refused = client.get(url)  # Wagtail answers PermissionDenied with a redirect and a message
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_staff_without_agency_cannot_open_the_dashboard(alpha):
    client = staff_client(alpha, "lain@alpha.test", group="Editor Konten")
    refused = client.get("/admin/kinerja/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_bad_period_on_the_dashboard_answers_in_indonesian(alpha):
    client = staff_client(alpha, "admin2@alpha.test", group="Admin MPP")
    response = client.get("/admin/kinerja/?periode=zzz", follow=True)
    assert "Periode tidak dikenal" in response.content.decode()
    assert client.get("/admin/kinerja/csv/?periode=zzz").status_code == 400


def test_csv_import_screen_reports_rows_and_writes_nothing_then_imports(alpha, pinned_clock):
    client = staff_client(alpha, "admin3@alpha.test", group="Admin MPP")
    header = b"tanggal,layanan,u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin,usia,pendidikan,pekerjaan\n"
    bad = header + b"2026-02-01,skck,4,4,4,4,4,4,4,4,7,L,30,SMA,swasta\n"
    response = client.post("/admin/skm/impor/", {"file": SimpleUploadedFile("a.csv", bad)})
    assert response.status_code == 422
    assert "Baris 2: U9 harus 1–4 (bukan &#x27;7&#x27;)" in response.content.decode()
    with in_schema(alpha):
        assert SurveyResponse.objects.count() == 0
    good = header + b"2026-02-01,skck,4,4,4,4,4,4,4,4,4,L,30,SMA,swasta\n"
    response = client.post("/admin/skm/impor/", {"file": SimpleUploadedFile("a.csv", good)})
    assert response.status_code == 302
    with in_schema(alpha):
        assert SurveyResponse.objects.get().channel == "import"
        assert (
            ActivityEntry.objects.filter(verb="skm.import", actor_label="admin3@alpha.test").count()
            == 1
        )


def test_paper_entry_and_suggestion_moderation(alpha, pinned_clock):
    client = staff_client(alpha, "admin4@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        service_id = Service.objects.get(key="skck").pk
    form = {
        "service": service_id,
        "answered_on": "2026-11-20",
        **{f"u{i}": "4" for i in range(1, 10)},
        "gender": "P",
        "age": "33",
        "education": "s2",
        "occupation": "pns",
        "suggestion": "Ruang tunggu sejuk",
    }
    assert (
        client.post("/admin/skm/entri/", {**form, "answered_on": "2027-01-01"}).status_code == 422
    )
    assert client.post("/admin/skm/entri/", form).status_code == 302
    with in_schema(alpha):
        response = SurveyResponse.objects.get()
        assert (response.channel, response.suggestion_status) == ("paper", SuggestionStatus.PENDING)
    assert "Ruang tunggu sejuk" in client.get("/admin/skm/saran/").content.decode()
    client.post(f"/admin/skm/saran/{response.pk}/", {"keputusan": "setuju"})
    with in_schema(alpha):
        assert SurveyResponse.objects.get().suggestion_status == SuggestionStatus.APPROVED
        assert ActivityEntry.objects.filter(verb="skm.suggestion_approve").count() == 1


def test_evidence_report_page_and_pdf(alpha, pinned_clock):
    client = staff_client(alpha, "admin5@alpha.test", group="Admin MPP")
    body = client.get("/admin/skm/bukti/").content.decode()
    assert "Standar pelayanan lengkap 14 komponen" in body
    assert "Modul pengaduan SatuPintu belum aktif" in body
    pdf = client.get("/admin/skm/bukti.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Bukti untuk evaluasi PEKPPP" in text
    assert "Maklumat pelayanan dipublikasikan" in text


def test_dashboard_per_agency_never_widens_an_agency_admins_view(alpha, pinned_clock):
    _data(alpha)  # Disdukcapil: the worked example (85,42); Polres: one all-1 sheet (25,00)
    admin = staff_client(alpha, "admin6@alpha.test", group="Admin MPP")
    assert (
        "85,42"
        in admin.get("/admin/kinerja/?periode=2026-S1&instansi=disdukcapil").content.decode()
    )
    polres = admin.get("/admin/kinerja/csv/?periode=2026-S1&instansi=polres").content.decode()
    assert "2026-S1,skm,ikm_x25,25.00" in polres
    agency = staff_client(
        alpha, "dukcapil2@alpha.test", group="Admin Instansi", agencies=("disdukcapil",)
    )
    other = agency.get("/admin/kinerja/csv/?periode=2026-S1&instansi=polres").content.decode()
    assert "2026-S1,skm,responden,0" in other
    assert "25.00" not in other


def test_regency_admin_manages_the_follow_up_plan(alpha, pinned_clock):
    client = staff_client(alpha, "admin7@alpha.test", group="Admin MPP")
    listing = client.get("/admin/snippets/surveys/followupaction/")
    assert listing.status_code == 200
    created = client.post(
        "/admin/snippets/surveys/followupaction/add/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "unsur": "U3",
            "action": "Loket prioritas saat jam sibuk",
            "owner": "Kepala MPP",
            "due_date": "2026-08-31",
            "status": "done",
            "done_on": "",
        },
    )
    assert created.status_code == 200  # "done" needs its date: the form answers, nothing saved
    from surveys.models import FollowUpAction

    with in_schema(alpha):
        assert FollowUpAction.objects.count() == 0


def test_follow_up_items_written_in_the_admin_are_in_the_trail(alpha, pinned_clock):
    client = staff_client(alpha, "admin8@alpha.test", group="Admin MPP")
    response = client.post(
        "/admin/snippets/surveys/followupaction/add/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "unsur": "U3",
            "action": "Loket prioritas saat jam sibuk",
            "owner": "Kepala MPP",
            "due_date": "2026-08-31",
            "status": "planned",
            "done_on": "",
        },
    )
    assert response.status_code == 302
    with in_schema(alpha):
        entry = ActivityEntry.objects.get(verb="skm.followupaction.create")
        assert entry.actor_label == "admin8@alpha.test"
        assert entry.after["owner"] == "Kepala MPP"


def test_an_entered_population_sets_the_sample_and_bad_entries_are_refused(
    alpha, alpha_client, pinned_clock
):
    """Without the queue, an admin enters the previous period's service users; the sample is the
    Krejcie–Morgan table's next larger row (1 050 → the row of 1 100: 285)."""
    from surveys.models import SamplePopulation

    client = staff_client(alpha, "admin9@alpha.test", group="Admin MPP")
    add = "/admin/snippets/surveys/samplepopulation/add/"
    form = {"period_start": "2026-01-01", "period_end": "2026-06-30", "service_users": "1050"}
    for bad in (
        {"period_end": "2025-12-31"},  # ends before it starts
        {"service_users": "-5"},
        {"service_users": "banyak"},
    ):
        assert client.post(add, {**form, **bad}).status_code == 200  # the form again
    with in_schema(alpha):
        assert SamplePopulation.objects.count() == 0
    assert client.post(add, form).status_code == 302
    assert client.post(add, {**form, "service_users": "900"}).status_code == 200  # same period
    with in_schema(alpha):
        assert list(SamplePopulation.objects.values_list("service_users", flat=True)) == [1050]
        assert ActivityEntry.objects.filter(
            verb="skm.samplepopulation.create", actor_label="admin9@alpha.test"
        ).exists()
        worked_example(Service.objects.get(key="ktp-el-baru"), on=date(2026, 3, 2))

    assert "4 dari 285 responden" in alpha_client.get("/skm/?periode=2026-S1").content.decode()
    dashboard = client.get("/admin/kinerja/?periode=2026-S1").content.decode()
    assert "4 dari 285 responden" in dashboard
