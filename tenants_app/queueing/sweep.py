"""The queue's daily sweep (the per-regency job `queueing.day_close`, queueing.tasks): once a
day has passed on the regency's local date, nothing of it stays open and no phone number of it
stays kept. Schema: tenant.

- Tickets of past days still waiting, held or called (the hall closed before they were served)
  become *Batal*; every past ticket's notification number is erased, finished ones' too.
- Bookings of past days never checked in (drafts and confirmed no-shows) become *Kedaluwarsa*;
  every past booking's number is erased.

Idempotent: a second run on the same day finds nothing to do (the partial indexes on the rows
still open or still holding a number keep each run cheap however old the regency). Tickets an
overnight queue issued for the next working day are not of a past day and are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from activity.actions import activity_record
from queueing.models import Booking, BookingStatus, Ticket, TicketStatus
from queueing.opening import local_now

OPEN_TICKET = (TicketStatus.WAITING, TicketStatus.HELD, TicketStatus.CALLED)
OPEN_BOOKING = (BookingStatus.DRAFT, BookingStatus.CONFIRMED)


@dataclass(frozen=True)
class SweepReport:
    tickets_cancelled: int
    ticket_phones_erased: int
    bookings_expired: int
    booking_phones_erased: int

    @property
    def total(self) -> int:
        return (
            self.tickets_cancelled
            + self.ticket_phones_erased
            + self.bookings_expired
            + self.booking_phones_erased
        )


def day_close() -> SweepReport:
    """Close the regency's past queue days (see the module's docstring)."""
    today = local_now().date()
    with transaction.atomic():
        past_tickets = Ticket.objects.filter(local_date__lt=today)
        ticket_phones = past_tickets.exclude(notify_phone="").update(notify_phone="")
        cancelled = past_tickets.filter(status__in=OPEN_TICKET).update(
            status=TicketStatus.CANCELLED
        )
        past_bookings = Booking.objects.filter(date__lt=today)
        booking_phones = past_bookings.exclude(notify_phone="").update(notify_phone="")
        expired = past_bookings.filter(status__in=OPEN_BOOKING).update(
            status=BookingStatus.EXPIRED, hold_until=None
        )
        report = SweepReport(cancelled, ticket_phones, expired, booking_phones)
        if report.total:
            activity_record(
                actor=None,
                verb="queue.day_close",
                summary=_(
                    "Penutupan hari antrean sebelum %(day)s: %(t)s tiket dibatalkan, %(b)s "
                    "booking kedaluwarsa, nomor HP dihapus dari %(p)s tiket dan %(q)s booking."
                )
                % {
                    "day": today.isoformat(),
                    "t": cancelled,
                    "b": expired,
                    "p": ticket_phones,
                    "q": booking_phones,
                },
                after={
                    "tickets_cancelled": cancelled,
                    "bookings_expired": expired,
                    "ticket_phones_erased": ticket_phones,
                    "booking_phones_erased": booking_phones,
                },
            )
    return report
