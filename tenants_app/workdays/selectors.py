"""A regency's working calendar: its time zone, today there, and working-day arithmetic for
deadlines (SP4N-LAPOR! complaints and others).

A working day is Monday to Friday, not a national holiday, not cuti bersama when the regency
closes on it (`cms.Branding.closed_on_cuti_bersama`), and not one of the regency's own closures
(`Closure`). Each call loads the setting and the closures of its date range once: a fixed number
of queries, never one per day. Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from cms.models import Branding
from regencies.selectors import regency_time_zone_get
from satupintu.db import connection
from workdays.models import Closure
from workdays.national import national_holidays

SATURDAY = 5


def regency_timezone() -> ZoneInfo:
    """The current regency's time zone (WIB, WITA or WIT)."""
    zone = getattr(connection.tenant, "time_zone", "") or regency_time_zone_get(
        schema_name=connection.schema_name
    )
    return ZoneInfo(zone or settings.TIME_ZONE)


def local_today() -> date:
    """Today's date in the regency's time zone."""
    return timezone.now().astimezone(regency_timezone()).date()


def cuti_bersama_closes() -> bool:
    """Whether the regency's offices close on cuti bersama (the portal's setting; closed when the
    portal has no setting yet, as the setting's default says)."""
    value = (
        Branding.objects.filter(site__is_default_site=True)
        .values_list("closed_on_cuti_bersama", flat=True)
        .first()
    )
    return True if value is None else value


@dataclass(frozen=True)
class _Calendar:
    """The closures of one date range and the cuti bersama setting, loaded together."""

    with_cuti_bersama: bool
    closures: frozenset[date]

    def is_working(self, day: date) -> bool:
        if day.weekday() >= SATURDAY or day in self.closures:
            return False
        return day not in national_holidays(day.year, with_cuti_bersama=self.with_cuti_bersama)


def _closures(*, start: date, end: date) -> frozenset[date]:
    days = Closure.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    return frozenset(days)


def is_working_day(*, day: date) -> bool:
    calendar = _Calendar(
        with_cuti_bersama=cuti_bersama_closes(), closures=_closures(start=day, end=day)
    )
    return calendar.is_working(day)


def nth_working_day_after(*, start: date, n: int, with_cuti_bersama: bool | None = None) -> date:
    """The `n`-th working day after `start` (`start` itself not counted); `start` for n = 0.

    `with_cuti_bersama` overrides the regency's setting (True: cuti bersama is a day off)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if with_cuti_bersama is None:
        with_cuti_bersama = cuti_bersama_closes()
    day, remaining = start, n
    # A window wide enough for n working days in all but freak years; extended if not.
    window_end = start + timedelta(days=2 * n + 31)
    calendar = _Calendar(with_cuti_bersama, _closures(start=start, end=window_end))
    while remaining:
        day += timedelta(days=1)
        if day > window_end:
            window_start, window_end = day, day + timedelta(days=2 * remaining + 31)
            calendar = _Calendar(with_cuti_bersama, _closures(start=window_start, end=window_end))
        if calendar.is_working(day):
            remaining -= 1
    return day


def working_days_between(*, start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is not after `start`."""
    if end <= start:
        return 0
    calendar = _Calendar(
        with_cuti_bersama=cuti_bersama_closes(),
        closures=_closures(start=start + timedelta(days=1), end=end),
    )
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if calendar.is_working(start + timedelta(days=offset))
    )


OFFICE_CLOSES_AT = time(16, 0)


def receipt_day(
    *,
    received_at: datetime,
    closes_at: time = OFFICE_CLOSES_AT,
    with_cuti_bersama: bool | None = None,
) -> date:
    """Day 0 of a deadline counted from a receipt (docs/adr/0023): the local date of receipt in
    the regency's time zone, or the next working day when the receipt fell on a day off or at or
    after `closes_at`."""
    local = received_at.astimezone(regency_timezone())
    day = local.date()
    if with_cuti_bersama is None:
        with_cuti_bersama = cuti_bersama_closes()
    calendar = _Calendar(with_cuti_bersama, _closures(start=day, end=day))
    if calendar.is_working(day) and local.time() < closes_at:
        return day
    return nth_working_day_after(start=day, n=1, with_cuti_bersama=with_cuti_bersama)


def deadline_after_receipt(
    *,
    received_at: datetime,
    n: int,
    closes_at: time = OFFICE_CLOSES_AT,
    with_cuti_bersama: bool | None = None,
) -> date:
    """The `n`-th working day after the receipt's day 0 (`receipt_day`)."""
    start = receipt_day(
        received_at=received_at, closes_at=closes_at, with_cuti_bersama=with_cuti_bersama
    )
    return nth_working_day_after(start=start, n=n, with_cuti_bersama=with_cuti_bersama)
