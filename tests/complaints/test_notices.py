"""Issue #13: a reporter who left a phone number hears of forwarded, answered, closed and out of
remit (once per status), never when anonymous or with an e-mail, never when channels are off,
and each regency's messages stay in its own outbox."""

from __future__ import annotations

from catalogue.models import Agency
from complaints.actions import (
    ComplaintInput,
    complaint_answer,
    complaint_close,
    complaint_forward,
    complaint_set_aside,
    complaint_submit,
    complaint_verify,
)
from complaints.models import Complaint
from notify.models import OutboxMessage
from tests.conftest import in_schema
from tests.notify.conftest import channels_configure


def _complaint(*, identity="nama", contact="0812-3456-7890") -> Complaint:
    return complaint_submit(
        data=ComplaintInput(
            classification="pengaduan",
            subject="Antrean lama",
            body="Saya menunggu tiga jam.",
            identity=identity,
            reporter_name="" if identity == "anonim" else "Siti",
            reporter_contact="" if identity == "anonim" else contact,
        )
    )


def _through(complaint: Complaint) -> None:
    complaint_verify(complaint=complaint, actor=None)
    agency = Agency.objects.order_by("pk").first()
    complaint_forward(complaint=complaint, actor=None, agency=agency)
    complaint_answer(complaint=complaint, actor=None, text="Sudah kami tindak lanjuti.")
    complaint_close(complaint=complaint, actor=None)


def test_the_reporter_hears_each_status_once(
    complaints_on, alpha, beta, providers, pinned_clock, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
        with django_capture_on_commit_callbacks(execute=True):
            complaint = _complaint()
            _through(Complaint.objects.get(pk=complaint.pk))
        rows = list(OutboxMessage.objects.order_by("id"))
        assert [r.dedupe_key for r in rows] == [
            f"complaint_status:{complaint.pk}:diteruskan",
            f"complaint_status:{complaint.pk}:ditindaklanjuti",
            f"complaint_status:{complaint.pk}:selesai",
        ]
        assert rows[0].to == "+6281234567890"
        assert rows[0].params["code"] == complaint.display_code
        assert rows[0].params["url"].endswith(f"/pengaduan/lacak/{complaint.tracking_code}/")
        assert {r.status for r in rows} == {"sent"}
    with in_schema(beta):
        assert OutboxMessage.objects.count() == 0


def test_out_of_remit_but_never_anonymous_email_or_channels_off(
    complaints_on, alpha, beta, providers, pinned_clock
):
    with in_schema(beta):  # channels off: nothing queued
        _through(_complaint())
        assert OutboxMessage.objects.count() == 0
    with in_schema(alpha):
        channels_configure()
        _through(_complaint(identity="anonim"))
        _through(_complaint(contact="siti@contoh.id"))
        assert OutboxMessage.objects.count() == 0
        aside = _complaint()
        complaint_set_aside(complaint=aside, actor=None, move="out_of_remit", text="Urusan pusat.")
        [row] = OutboxMessage.objects.all()
        assert row.dedupe_key == f"complaint_status:{aside.pk}:bukan_wewenang"
        assert row.params["status"] == "Bukan Wewenang"
