"""Issue #12: a queue that runs overnight (`Queue.overnight`) numbers tickets taken after closing
(or before opening, or on a closed day) in the next opening day's sequence, on the location's
local date, using the catalogue's hours and the regency calendar (holidays, New Year); a break
and a queue without the setting still refuse; the kiosk names the day."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from catalogue.models import Location, Service
from queueing.actions import ticket_issue
from queueing.booking import booking_check_in, booking_confirm, booking_draft
from queueing.errors import BookingRefused, QueueClosed
from queueing.models import Queue, Ticket
from queueing.sweep import day_close
from tests.clock import WIB, WITA
from tests.conftest import in_schema
from tests.queueing.test_pages import kiosk_client


def _overnight(regency, queue) -> Queue:
    with in_schema(regency):
        Queue.objects.filter(pk=queue.pk).update(overnight=True)
        return Queue.objects.select_related("location").get(pk=queue.pk)


def _issued(queue) -> tuple[str, date]:
    ticket = ticket_issue(queue=queue)
    return ticket.number, ticket.local_date


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2026, 11, 23, 16, 5, tzinfo=WIB), date(2026, 11, 24)),  # Monday after closing
        (datetime(2026, 11, 24, 6, 0, tzinfo=WIB), date(2026, 11, 24)),  # Tuesday before opening
        (datetime(2026, 11, 27, 20, 0, tzinfo=WIB), date(2026, 11, 28)),  # Friday: Saturday's hours
        (datetime(2026, 11, 28, 13, 0, tzinfo=WIB), date(2026, 11, 30)),  # Saturday: Monday
        (datetime(2026, 12, 31, 17, 0, tzinfo=WIB), date(2027, 1, 2)),  # New Year's Day closed
    ],
)
def test_after_closing_the_ticket_is_for_the_next_opening_day(
    alpha, alpha_queue, pinned_clock, moment, day
):
    queue = _overnight(alpha, alpha_queue)
    pinned_clock.move_to(moment)
    with in_schema(alpha):
        assert [_issued(queue), _issued(queue)] == [("A-001", day), ("A-002", day)]


def test_tonight_and_tomorrow_morning_share_one_sequence_on_the_local_date(
    beta, beta_queue, time_machine
):
    queue = _overnight(beta, beta_queue)  # Paser: WITA, Mon-Fri 08.00-15.00
    tuesday = date(2026, 11, 24)
    with in_schema(beta):
        time_machine.move_to(datetime(2026, 11, 23, 22, 0, tzinfo=WITA))
        assert _issued(queue) == ("A-001", tuesday)
        time_machine.move_to(datetime(2026, 11, 24, 0, 30, tzinfo=WITA))  # still Monday in WIB
        assert _issued(queue) == ("A-002", tuesday)
        assert day_close().total == 0  # Tuesday's tickets are not of a past day
        time_machine.move_to(datetime(2026, 11, 24, 8, 30, tzinfo=WITA))
        assert _issued(queue) == ("A-003", tuesday)
        assert Ticket.objects.filter(status="waiting", local_date=tuesday).count() == 3


def test_without_the_setting_or_during_a_break_it_still_refuses(alpha, alpha_queue, pinned_clock):
    pinned_clock.move_to(datetime(2026, 11, 23, 17, 0, tzinfo=WIB))
    refusal = re.escape("Dibuka lagi Selasa, 24 November 2026 pukul 07.30")
    with in_schema(alpha), pytest.raises(QueueClosed, match=refusal):
        ticket_issue(queue=alpha_queue)
    queue = _overnight(alpha, alpha_queue)
    pinned_clock.move_to(datetime(2026, 11, 23, 12, 15, tzinfo=WIB))
    with in_schema(alpha):
        with pytest.raises(QueueClosed, match="istirahat"):
            ticket_issue(queue=queue)
        assert Ticket.objects.count() == 0


def test_tomorrows_booking_checks_in_tonight_only_on_an_overnight_queue(
    alpha, alpha_queue, pinned_clock
):
    with in_schema(alpha):
        draft = booking_draft(
            service=Service.objects.get(key="akta-kelahiran"),
            day=date(2026, 11, 24),
            slot=time(8, 0),
            identity="081277776666",
        )
        code = booking_confirm(public_id=draft.public_id).code
        location = Location.objects.get(key="gedung-mpp")
    pinned_clock.move_to(datetime(2026, 11, 23, 18, 0, tzinfo=WIB))
    with in_schema(alpha), pytest.raises(BookingRefused, match="bukan hari ini"):
        booking_check_in(code=code, location=location)
    _overnight(alpha, alpha_queue)
    with in_schema(alpha):
        ticket = booking_check_in(code=code, location=location)
    assert (ticket.number, ticket.local_date, ticket.channel) == (
        "A-001",
        date(2026, 11, 24),
        "online",
    )


def test_the_kiosk_says_which_day_the_ticket_is_for(alpha, alpha_queue, pinned_clock):
    _overnight(alpha, alpha_queue)
    pinned_clock.move_to(datetime(2026, 12, 6, 20, 0, tzinfo=WIB))  # Sunday evening
    client = kiosk_client(alpha)
    page = client.get("/antrean/kios/").content.decode()
    assert "Antrean untuk Senin, 7 Desember 2026" in page
    issued = client.post("/antrean/kios/", {"service": "ktp-el-baru"})
    printed = client.get(issued["Location"]).content.decode()
    assert "Antrean untuk Senin, 7 Desember 2026" in printed
    english = client.get("/en/antrean/kios/").content.decode()
    assert "Queue for Monday, 7 December 2026" in english
