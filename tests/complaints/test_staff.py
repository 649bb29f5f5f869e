"""The staff's side: coordinator verifies and forwards, the agency answers, the coordinator
closes; scoping, confidentiality, illegal moves, the activity trail, recorded complaints."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activity.models import ActivityEntry
from catalogue.models import Agency
from complaints.actions import ComplaintInput, IllegalTransition, complaint_submit, complaint_verify
from complaints.models import Complaint, ComplaintEvent, EventKind, Status
from tests.clock import WIB
from tests.complaints.conftest import agency_client, coordinator_client
from tests.conftest import in_schema, staff_login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _complaint(regency, *, identity="nama", uploads=()) -> Complaint:
    with in_schema(regency):
        return complaint_submit(
            data=ComplaintInput(
                classification="pengaduan",
                subject="Petugas tidak ramah",
                body="Petugas loket membentak saya.",
                identity=identity,
                reporter_name="Siti Rahma",
                reporter_contact="siti@contoh.id",
            ),
            uploads=uploads,
        )


def _move(client, complaint, move, **data):
    response = client.post(f"/admin/pengaduan/{complaint.pk}/tindakan/", {"move": move, **data})
    if response.status_code == 302:
        assert response["Location"] == f"/admin/pengaduan/{complaint.pk}/"
    return response


def _agency_id(regency, key):
    with in_schema(regency):
        return Agency.objects.get(key=key).pk


def test_the_coordinator_forwards_the_agency_answers_and_the_citizen_reopens(
    complaints_on, alpha, alpha_client, pinned_clock
):
    complaint = _complaint(alpha, identity="rahasia")
    coordinator = coordinator_client(alpha)
    assert _move(coordinator, complaint, "verify").status_code == 302
    forward = _move(coordinator, complaint, "forward", agency=_agency_id(alpha, "disdukcapil"))
    assert forward.status_code == 302
    dukcapil = agency_client(alpha, "disdukcapil", "dukcapil@alpha.test")
    listing = dukcapil.get("/admin/pengaduan/").content.decode()
    assert complaint.display_code in listing
    detail = dukcapil.get(f"/admin/pengaduan/{complaint.pk}/").content.decode()
    assert "Siti Rahma" not in detail
    assert "siti@contoh.id" not in detail
    assert "Siti Rahma" in coordinator.get(f"/admin/pengaduan/{complaint.pk}/").content.decode()
    assert _move(dukcapil, complaint, "process").status_code == 302
    assert _move(dukcapil, complaint, "note", text="Cek CCTV loket 3").status_code == 302
    answer = _move(dukcapil, complaint, "answer", text="Petugas sudah dibina; mohon maaf.")
    assert answer.status_code == 302
    assert _move(coordinator, complaint, "close").status_code == 302
    with in_schema(alpha):
        complaint.refresh_from_db()
        assert complaint.status == Status.CLOSED
        assert complaint.within_deadlines is True
        verbs = list(
            ActivityEntry.objects.filter(target_id=str(complaint.pk))
            .order_by("id")
            .values_list("verb", flat=True)
        )
        assert verbs == [
            "complaint.verify",
            "complaint.forward",
            "complaint.process",
            "complaint.note",
            "complaint.answer",
            "complaint.close",
        ]
    page = alpha_client.get(f"/pengaduan/lacak/{complaint.tracking_code}/").content.decode()
    assert "Petugas sudah dibina; mohon maaf." in page
    assert "Cek CCTV loket 3" not in page  # internal note
    assert "dukcapil@alpha.test" not in page
    reopen = alpha_client.post(
        f"/pengaduan/lacak/{complaint.tracking_code}/buka/", {"text": "Masih dibentak kemarin."}
    )
    assert reopen.status_code == 302
    with in_schema(alpha):
        complaint.refresh_from_db()
        assert complaint.status == Status.IN_PROGRESS
        assert complaint.followup_due is not None


def test_an_agency_admin_sees_only_complaints_forwarded_to_their_agency(
    complaints_on, alpha, pinned_clock
):
    mine, other, unforwarded = _complaint(alpha), _complaint(alpha), _complaint(alpha)
    coordinator = coordinator_client(alpha)
    for complaint, key in ((mine, "disdukcapil"), (other, "polres")):
        _move(coordinator, complaint, "verify")
        _move(coordinator, complaint, "forward", agency=_agency_id(alpha, key))
    dukcapil = agency_client(alpha, "disdukcapil", "dukcapil@alpha.test")
    listing = dukcapil.get("/admin/pengaduan/").content.decode()
    assert mine.display_code in listing
    assert other.display_code not in listing
    assert unforwarded.display_code not in listing
    assert dukcapil.get(f"/admin/pengaduan/{other.pk}/").status_code == 404
    assert _move(dukcapil, other, "answer", text="bukan urusan saya").status_code == 404
    # and may not do the coordinator's work on their own complaint
    # (Wagtail answers PermissionDenied with a redirect to the dashboard and a message)
    refused = dukcapil.post(f"/admin/pengaduan/{mine.pk}/tindakan/", {"move": "close"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    with in_schema(alpha):
        assert Complaint.objects.get(pk=other.pk).status == Status.FORWARDED
        assert Complaint.objects.get(pk=mine.pk).status == Status.FORWARDED


def test_an_illegal_move_is_refused_with_a_domain_error_and_changes_nothing(
    complaints_on, alpha, pinned_clock
):
    complaint = _complaint(alpha)
    coordinator = coordinator_client(alpha)
    response = _move(coordinator, complaint, "close")
    assert response.status_code == 422
    assert "tidak dapat diubah" in response.content.decode()
    no_reason = _move(coordinator, complaint, "out_of_remit", text="  ")
    assert no_reason.status_code == 422
    assert "Tuliskan alasannya" in no_reason.content.decode()
    with in_schema(alpha):
        complaint.refresh_from_db()
        assert complaint.status == Status.RECEIVED
        assert not ActivityEntry.objects.filter(target_id=str(complaint.pk)).exists()
        complaint_verify(complaint=complaint, actor=None)
        with pytest.raises(IllegalTransition) as refused:
            complaint_verify(complaint=complaint, actor=None)
        assert refused.value.code == "complaint_illegal_transition"


def test_set_aside_with_a_reason_the_reporter_reads(
    complaints_on, alpha, alpha_client, pinned_clock
):
    complaint = _complaint(alpha)
    coordinator = coordinator_client(alpha)
    response = _move(coordinator, complaint, "out_of_remit", text="Urusan pemerintah provinsi.")
    assert response.status_code == 302
    page = alpha_client.get(f"/pengaduan/lacak/{complaint.tracking_code}/").content.decode()
    assert "Bukan Wewenang" in page
    assert "Urusan pemerintah provinsi." in page


def test_staff_record_a_phone_complaint_with_its_real_received_time(
    complaints_on, alpha, pinned_clock
):
    coordinator = coordinator_client(alpha)
    response = coordinator.post(
        "/admin/pengaduan/catat/",
        {
            "classification": "pengaduan",
            "subject": "Telepon: SIM lama",
            "body": "Penelepon menunggu SIM dua minggu.",
            "identity": "nama",
            "reporter_name": "Budi",
            "reporter_contact": "0812345678",
            "channel": "telepon",
            "received_at": "2026-11-20T17:30",  # Friday after hours, WIB
            "lapor_id": "LAP-123",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_schema(alpha):
        complaint = Complaint.objects.get(subject="Telepon: SIM lama")
        assert complaint.received_at == datetime(2026, 11, 20, 17, 30, tzinfo=WIB)
        assert complaint.channel == "telepon"
        assert complaint.forward_due == date(2026, 11, 26)  # day 0 Mon 23: 24, 25, 26
        assert ActivityEntry.objects.filter(verb="complaint.record").count() == 1
    future = coordinator.post(
        "/admin/pengaduan/catat/",
        {
            "classification": "pengaduan",
            "subject": "x",
            "body": "isi yang cukup panjang",
            "identity": "anonim",
            "channel": "surat",
            "received_at": "2027-12-01T10:00",
        },
    )
    assert future.status_code == 422
    assert "masa depan" in future.content.decode()


def test_an_agency_admin_may_not_record_and_a_citizen_has_no_admin(
    complaints_on, alpha, alpha_client
):
    dukcapil = agency_client(alpha, "disdukcapil", "dukcapil@alpha.test")
    refused = dukcapil.get("/admin/pengaduan/catat/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert alpha_client.get("/admin/pengaduan/").status_code == 302  # to the sign-in page


def test_attachments_are_served_only_to_staff_on_their_own_regency_host(
    complaints_on, alpha, beta, alpha_client, beta_client, pinned_clock
):
    complaint = _complaint(alpha, uploads=[SimpleUploadedFile("bukti.pdf", PDF)])
    with in_schema(alpha):
        attachment = complaint.attachments.get()
        file_name = attachment.file.name
    url = f"/admin/pengaduan/lampiran/{attachment.token}/"
    coordinator = coordinator_client(alpha)
    served = coordinator.get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    beta_coordinator = coordinator_client(beta, "koordinator@beta.test")
    assert beta_coordinator.get(url).status_code == 404
    # the public media URL of the stored file: refused on its own host and on beta's
    assert alpha_client.get(f"/media/{alpha.schema_name}/{file_name}").status_code == 404
    assert beta_client.get(f"/media/{alpha.schema_name}/{file_name}").status_code == 404
    # an agency admin of another agency does not get it either
    polres = agency_client(alpha, "polres", "polres@alpha.test")
    assert polres.get(url).status_code == 404


def test_admin_pages_404_and_no_menu_when_the_plan_lacks_the_module(complaints_on, alpha):
    from tests.complaints.conftest import plan_set

    coordinator = coordinator_client(alpha)
    assert "/admin/pengaduan/" in coordinator.get("/admin/").content.decode()
    plan_set(alpha, "dasar")
    assert coordinator.get("/admin/pengaduan/").status_code == 404
    assert "/admin/pengaduan/" not in coordinator.get("/admin/").content.decode()


def test_events_keep_notes_apart(complaints_on, alpha, pinned_clock):
    complaint = _complaint(alpha)
    coordinator = coordinator_client(alpha)
    _move(coordinator, complaint, "note", text="rahasia internal")
    with in_schema(alpha):
        assert (
            ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.NOTE).text
            == "rahasia internal"
        )


def test_the_dashboard_counts_overdue_and_due_soon_in_the_users_scope(
    complaints_on, alpha, time_machine
):
    time_machine.move_to(datetime(2026, 11, 23, 9, 0, tzinfo=WIB), tick=False)
    _complaint(alpha)  # due Thursday 26
    time_machine.move_to(datetime(2026, 11, 25, 9, 0, tzinfo=WIB), tick=False)
    _complaint(alpha)  # due Monday 30
    coordinator = coordinator_client(alpha)
    page = coordinator.get("/admin/").content.decode()
    assert "Tenggat pengaduan" in page
    assert "<strong>0</strong> terlambat" in page
    assert "<strong>1</strong> jatuh tempo" in page
    time_machine.move_to(datetime(2026, 11, 27, 9, 0, tzinfo=WIB), tick=False)
    coordinator = staff_login(alpha, "koordinator@alpha.test")  # the session has aged out
    page = coordinator.get("/admin/").content.decode()
    assert "<strong>1</strong> terlambat" in page
    assert "<strong>1</strong> jatuh tempo" in page
    dukcapil = agency_client(alpha, "disdukcapil", "dukcapil@alpha.test")
    assert "<strong>0</strong> terlambat" in dukcapil.get("/admin/").content.decode()


def test_the_list_reads_in_a_fixed_number_of_queries(complaints_on, alpha, pinned_clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import data_queries

    coordinator = coordinator_client(alpha)
    _complaint(alpha)
    coordinator.get("/admin/pengaduan/")  # warm the session and the admin's caches
    with CaptureQueriesContext(connection) as few:
        assert coordinator.get("/admin/pengaduan/").status_code == 200
    for _ in range(5):
        _complaint(alpha)
    with CaptureQueriesContext(connection) as many:
        assert coordinator.get("/admin/pengaduan/").status_code == 200
    assert data_queries(many) == data_queries(few)


def test_a_response_template_prefills_the_answer(complaints_on, alpha, pinned_clock):
    from complaints.models import ResponseTemplate

    complaint = _complaint(alpha)
    with in_schema(alpha):
        template = ResponseTemplate.objects.create(
            status=Status.FOLLOWED_UP, title="Terima kasih", text="Terima kasih atas laporan Anda."
        )
    coordinator = coordinator_client(alpha)
    _move(coordinator, complaint, "verify")
    _move(coordinator, complaint, "forward", agency=_agency_id(alpha, "disdukcapil"))
    dukcapil = agency_client(alpha, "disdukcapil", "dukcapil@alpha.test")
    page = dukcapil.get(f"/admin/pengaduan/{complaint.pk}/?templat={template.pk}").content.decode()
    assert "Terima kasih atas laporan Anda.</textarea>" in page
    assert coordinator.get("/admin/pengaduan-templat/").status_code == 200


def test_the_citizen_pages_speak_english_under_en(complaints_on, alpha_client, pinned_clock):
    page = alpha_client.get("/en/pengaduan/")
    assert page.status_code == 200
    assert "File a complaint" in page.content.decode()


def test_templates_and_settings_are_closed_when_the_plan_lacks_the_module(complaints_on, alpha):
    from tests.complaints.conftest import plan_set

    coordinator = coordinator_client(alpha)
    assert coordinator.get("/admin/pengaduan-templat/").status_code == 200
    assert coordinator.get("/admin/pengaduan-pengaturan/").status_code == 200
    plan_set(alpha, "dasar")
    for url in ("/admin/pengaduan-templat/", "/admin/pengaduan-pengaturan/"):
        refused = coordinator.get(url)
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
