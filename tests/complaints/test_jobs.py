"""The per-regency jobs (through the fan-out): reminders sent once, auto-close after 10 working
days of silence, contact details erased after the retention period; and the public figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core import mail

from catalogue.models import Agency
from complaints.actions import (
    ComplaintInput,
    complaint_answer,
    complaint_forward,
    complaint_submit,
    complaint_verify,
)
from complaints.figures import complaint_figures
from complaints.models import Complaint, ReminderSent, Status
from complaints.reporter_actions import complaint_reporter_message
from satupintu.fanout import fanout_run
from tests.clock import WIB
from tests.complaints.conftest import coordinator_client
from tests.conftest import in_schema, staff_user

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=WIB)


def _complaint(regency, **extra) -> Complaint:
    with in_schema(regency):
        return complaint_submit(
            data=ComplaintInput(
                classification="pengaduan",
                subject="Lampu parkir mati",
                body="Parkiran gelap di malam hari.",
                reporter_name="Made",
                reporter_contact="made@contoh.id",
                **extra,
            )
        )


def _answered(regency, agency_key="disdukcapil") -> Complaint:
    complaint = _complaint(regency)
    with in_schema(regency):
        agency = Agency.objects.get(key=agency_key)
        complaint_verify(complaint=complaint, actor=None)
        complaint_forward(complaint=complaint, actor=None, agency=agency)
        return complaint_answer(complaint=complaint, actor=None, text="Lampu sudah diganti.")


def test_reminders_are_sent_once_to_the_coordinators(complaints_on, alpha, beta, time_machine):
    time_machine.move_to(MONDAY, tick=False)
    coordinator_client(alpha)  # koordinator@alpha.test
    complaint = _complaint(alpha)
    assert complaint.forward_due == date(2026, 11, 26)
    time_machine.move_to(MONDAY + timedelta(days=2), tick=False)  # Wednesday: due Thursday
    first = fanout_run("complaints.reminders_send")
    assert first[alpha.schema_name] == 1
    assert first[beta.schema_name] == 0
    assert fanout_run("complaints.reminders_send")[alpha.schema_name] == 0
    assert [m.to for m in mail.outbox] == [["koordinator@alpha.test"]]
    assert complaint.display_code in mail.outbox[0].subject
    time_machine.move_to(MONDAY + timedelta(days=4), tick=False)  # Friday: overdue
    assert fanout_run("complaints.reminders_send")[alpha.schema_name] == 1
    assert "melewati tenggat" in mail.outbox[1].subject
    with in_schema(alpha):
        assert ReminderSent.objects.filter(complaint=complaint).count() == 2


def test_the_agency_is_reminded_of_its_follow_up(complaints_on, alpha, time_machine):
    time_machine.move_to(MONDAY, tick=False)
    staff_user(alpha, "dukcapil@alpha.test", agencies=("disdukcapil",))
    complaint = _complaint(alpha)
    with in_schema(alpha):
        complaint_verify(complaint=complaint, actor=None)
        complaint = complaint_forward(
            complaint=complaint, actor=None, agency=Agency.objects.get(key="disdukcapil")
        )
        assert complaint.followup_due == date(2026, 11, 30)
        complaint.forward_due = date(2026, 12, 31)  # no verification reminder in this test
        complaint.save()
    time_machine.move_to(datetime(2026, 11, 27, 9, 0, tzinfo=WIB), tick=False)
    assert fanout_run("complaints.reminders_send")[alpha.schema_name] == 1
    assert mail.outbox[-1].to == ["dukcapil@alpha.test"]


def test_silence_closes_a_followed_up_complaint_after_10_working_days(
    complaints_on, alpha, time_machine
):
    time_machine.move_to(MONDAY, tick=False)
    silent, replied = _answered(alpha), _answered(alpha)
    assert silent.autoclose_on == date(2026, 12, 7)
    time_machine.move_to(MONDAY + timedelta(hours=2), tick=False)
    with in_schema(alpha):
        complaint_reporter_message(complaint=replied, text="Belum, lampu masih mati.")
    time_machine.move_to(datetime(2026, 12, 4, 9, 0, tzinfo=WIB), tick=False)
    assert fanout_run("complaints.autoclose")[alpha.schema_name] == 0
    time_machine.move_to(datetime(2026, 12, 7, 9, 0, tzinfo=WIB), tick=False)
    assert fanout_run("complaints.autoclose")[alpha.schema_name] == 1
    assert fanout_run("complaints.autoclose")[alpha.schema_name] == 0
    with in_schema(alpha):
        assert Complaint.objects.get(pk=silent.pk).status == Status.CLOSED
        assert Complaint.objects.get(pk=replied.pk).status == Status.FOLLOWED_UP


def test_contacts_are_erased_after_the_retention_period(
    complaints_on, alpha, alpha_client, time_machine
):
    time_machine.move_to(MONDAY, tick=False)
    complaint = _answered(alpha)
    open_one = _complaint(alpha)
    fanout_run("complaints.autoclose")  # not yet
    time_machine.move_to(datetime(2026, 12, 7, 9, 0, tzinfo=WIB), tick=False)
    fanout_run("complaints.autoclose")
    time_machine.move_to(datetime(2027, 12, 7, 9, 0, tzinfo=WIB), tick=False)
    assert fanout_run("complaints.contacts_erase")[alpha.schema_name] == 0  # 365 days not past
    time_machine.move_to(datetime(2027, 12, 8, 10, 0, tzinfo=WIB), tick=False)
    assert fanout_run("complaints.contacts_erase")[alpha.schema_name] == 1
    with in_schema(alpha):
        erased = Complaint.objects.get(pk=complaint.pk)
        assert (erased.reporter_name, erased.reporter_contact) == ("", "")
        assert erased.contact_erased_at is not None
        assert Complaint.objects.get(pk=open_one.pk).reporter_contact == "made@contoh.id"


def test_figures_count_received_closed_and_on_time_per_month_and_agency(
    complaints_on, alpha, beta, alpha_client, time_machine
):
    time_machine.move_to(MONDAY, tick=False)
    closed = _answered(alpha)
    _complaint(alpha)
    _answered(beta, agency_key="bpjs-kesehatan")
    client = coordinator_client(alpha)
    assert (
        client.post(f"/admin/pengaduan/{closed.pk}/tindakan/", {"move": "close"}).status_code == 302
    )
    with in_schema(alpha):
        agency_id = Agency.objects.get(key="disdukcapil").pk
        figures = complaint_figures(
            start=date(2026, 11, 1), end=date(2026, 11, 30), agency_ids=None
        )
        assert (figures["received"], figures["closed"], figures["closed_within_deadlines"]) == (
            2,
            1,
            1,
        )
        assert figures["by_month"] == [
            {"month": date(2026, 11, 1), "received": 2, "closed": 1, "closed_within_deadlines": 1}
        ]
        assert figures["by_agency"][0]["agency_id"] == agency_id
        assert (
            complaint_figures(start=date(2026, 12, 1), end=date(2026, 12, 31), agency_ids=None)[
                "received"
            ]
            == 0
        )
        assert (
            complaint_figures(
                start=date(2026, 11, 1), end=date(2026, 11, 30), agency_ids={agency_id}
            )["received"]
            == 1
        )
    page = alpha_client.get("/pengaduan/statistik/").content.decode()
    assert "Made" not in page
    assert "made@contoh.id" not in page
    assert "Disdukcapil" in page or "Kependudukan" in page
