"""Issue #12: the daily sweep (`queueing.day_close`, run per regency by satupintu.fanout) closes
past days on the regency's local date: tickets left open become Batal, bookings never checked in
expire, every past phone number is erased; today's and the next day's rows stay; idempotent."""

from __future__ import annotations

from datetime import date, datetime, time

from activity.models import ActivityEntry
from catalogue.models import Counter, Service
from queueing.actions import ticket_act, ticket_call_next, ticket_issue
from queueing.booking import booking_confirm, booking_draft
from queueing.models import Booking, Ticket
from queueing.sweep import day_close
from satupintu.fanout import fanout_run
from tests.clock import WIB
from tests.conftest import in_schema, staff_user

PHONE = "+6281234567890"


def _book(day: date, identity: str, *, confirm: bool = True) -> Booking:
    booking = booking_draft(
        service=Service.objects.get(key="akta-kelahiran"),
        day=day,
        slot=time(14, 0),
        identity=identity,
    )
    Booking.objects.filter(pk=booking.pk).update(notify_phone=PHONE)
    return booking_confirm(public_id=booking.public_id) if confirm else booking


def test_past_days_are_closed_and_their_numbers_erased_once(alpha, alpha_queue, pinned_clock):
    officer = staff_user(alpha, "petugas@alpha.test")
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        done, called, serving, waiting, held = (ticket_issue(queue=alpha_queue) for _i in range(5))
        for _ticket in (done, called, serving):
            ticket_call_next(counter=counter, officer=officer)
        ticket_act(ticket=done, action="start", officer=officer)
        ticket_act(ticket=done, action="finish", officer=officer)
        ticket_act(ticket=serving, action="start", officer=officer)
        ticket_act(ticket=held, action="hold", officer=officer)
        Ticket.objects.update(notify_phone=PHONE)  # a number left behind on every ticket
        no_show = _book(date(2026, 11, 23), "081200000001")
        draft = _book(date(2026, 11, 23), "081200000002", confirm=False)
        tomorrow = _book(date(2026, 11, 24), "081200000003")
        assert day_close().total == 0  # still Monday: nothing is past
        pinned_clock.move_to(datetime(2026, 11, 24, 0, 5, tzinfo=WIB))
        report = day_close()
        status = dict(Ticket.objects.values_list("pk", "status"))
        assert [status[t.pk] for t in (done, called, serving, waiting, held)] == [
            "done",
            "cancelled",
            "serving",
            "cancelled",
            "cancelled",
        ]
        assert set(Ticket.objects.values_list("notify_phone", flat=True)) == {""}
        assert Booking.objects.get(pk=no_show.pk).status == "expired"
        assert Booking.objects.get(pk=draft.pk).status == "expired"
        kept = Booking.objects.get(pk=tomorrow.pk)
        assert (kept.status, kept.notify_phone) == ("confirmed", PHONE)
        others = Booking.objects.exclude(pk=tomorrow.pk)
        assert set(others.values_list("notify_phone", flat=True)) == {""}
        assert (report.tickets_cancelled, report.ticket_phones_erased) == (3, 5)
        assert (report.bookings_expired, report.booking_phones_erased) == (2, 2)
        assert ActivityEntry.objects.filter(verb="queue.day_close").count() == 1
        assert day_close().total == 0
        assert ActivityEntry.objects.filter(verb="queue.day_close").count() == 1


def test_the_job_runs_per_regency_and_keeps_each_regencys_rows(
    alpha, beta, alpha_queue, beta_queue, pinned_clock
):
    with in_schema(alpha):
        mine = ticket_issue(queue=alpha_queue)
        Ticket.objects.filter(pk=mine.pk).update(notify_phone=PHONE)
    with in_schema(beta):
        theirs = ticket_issue(queue=beta_queue)
    pinned_clock.move_to(datetime(2026, 11, 24, 7, 0, tzinfo=WIB))
    with in_schema(alpha):
        assert day_close().tickets_cancelled == 1
    with in_schema(beta):
        assert Ticket.objects.get(pk=theirs.pk).status == "waiting"  # alpha's sweep stays home
    results = fanout_run("queueing.day_close")
    assert results[alpha.schema_name] == 0
    assert results[beta.schema_name] == 1
    with in_schema(alpha):
        fresh = Ticket.objects.get(pk=mine.pk)
        assert (fresh.status, fresh.notify_phone) == ("cancelled", "")
    with in_schema(beta):
        assert Ticket.objects.get(pk=theirs.pk).status == "cancelled"
