"""When a location takes tickets: the catalogue's opening hours (breaks, overrides, national
holidays) and the regency calendar's own closures. Schema: tenant.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalogue.hours import DayHours, day_hours, hours_data_load, open_status
from catalogue.models import Location
from queueing.errors import QueueClosed
from workdays.selectors import cuti_bersama_closes, is_working_day, regency_timezone

SATURDAY = 5


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
