"""When a location takes tickets: the catalogue's opening hours (breaks, overrides, national
holidays) and the regency calendar's own closures; and, for a queue that runs overnight
(`Queue.overnight`), which day a ticket taken while the location is closed is for: the day of its
next opening (tonight's and tomorrow morning's tickets share that day's sequence). Schema: tenant.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalogue.hours import DayHours, day_hours, hours_data_load, open_status
from catalogue.models import Location
from queueing.errors import QueueClosed
from workdays.selectors import cuti_bersama_closes, is_working_day, regency_timezone

SATURDAY = 5
LOOKAHEAD_DAYS = 31


def local_now() -> datetime:
    return timezone.now().astimezone(regency_timezone())


def hours_on(*, location: Location, day: date) -> DayHours:
    """The location's hours on `day`, closed on the regency's own closures."""
    data = hours_data_load(
        location_ids=[location.pk], start=day, end=day, with_cuti_bersama=cuti_bersama_closes()
    )
    hours = day_hours(location_id=location.pk, day=day, data=data)
    if day.weekday() < SATURDAY and not hours.is_closed and not is_working_day(day=day):
        return DayHours(day=day, is_closed=True, reason=_("Hari libur daerah"))
    return hours


def _when(moment: tuple[date, time] | None) -> str:
    if moment is None:
        return ""
    day, at = moment
    return _(" Dibuka lagi %(day)s pukul %(time)s.") % {
        "day": date_format(day, "l, j F Y"),
        "time": at.strftime("%H.%M"),
    }


def location_open_ensure(*, location: Location) -> None:
    """Refuse, naming when it opens next, unless the location is open now."""
    now = timezone.now()
    day = now.astimezone(regency_timezone()).date()
    if hours_on(location=location, day=day).is_closed:
        raise QueueClosed(_("%(name)s tutup hari ini.") % {"name": location.name} + _next(location))
    data = hours_data_load(
        location_ids=[location.pk], start=day, end=day, with_cuti_bersama=cuti_bersama_closes()
    )
    status = open_status(location_id=location.pk, now=now, tz=str(regency_timezone()), data=data)
    if status.state == "open":
        return
    reason = (
        _("Layanan sedang istirahat.") if status.state == "break" else _("Layanan sudah tutup.")
    )
    raise QueueClosed(_("Antrean belum dapat diambil. ") + reason + _when(status.next_open))


def _next(location: Location) -> str:
    now = timezone.now()
    tz = str(regency_timezone())
    day = now.astimezone(regency_timezone()).date()
    data = hours_data_load(
        location_ids=[location.pk], start=day, end=day, with_cuti_bersama=cuti_bersama_closes()
    )
    return _when(open_status(location_id=location.pk, now=now, tz=tz, data=data).next_open)


def next_opening(*, location: Location, after: datetime) -> tuple[date, time] | None:
    """The next time `location` opens strictly after `after` (its hours and the regency's
    closures, on the regency's local date), within a month; None when it stays closed."""
    local = after.astimezone(regency_timezone())
    clock = local.time().replace(tzinfo=None)
    for offset in range(LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        for start, _end in hours_on(location=location, day=day).intervals:
            if offset or start > clock:
                return day, start
    return None


def overnight_day(*, location: Location) -> date | None:
    """The day a ticket taken now belongs to when the location is closed for the night (after
    closing, before opening, or a closed day): its next opening's day. None while it is open or
    on a break (a break is not a night: the ticket waits for the afternoon as usual)."""
    now = local_now()
    clock = now.time().replace(tzinfo=None)
    intervals = hours_on(location=location, day=now.date()).intervals
    if any(start <= clock < end for start, end in intervals):
        return None
    if intervals and intervals[0][0] <= clock < intervals[-1][0]:
        return None  # between two stretches of today: a break
    found = next_opening(location=location, after=now)
    return found[0] if found else None


def issue_day(*, location: Location, overnight: bool) -> date:
    """The local date a ticket taken now is numbered in: today while open; the next opening's
    day for an overnight queue while closed; otherwise the refusal naming the next opening."""
    try:
        location_open_ensure(location=location)
    except QueueClosed:
        day = overnight_day(location=location) if overnight else None
        if day is None:
            raise
        return day
    return local_now().date()
