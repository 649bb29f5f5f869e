"""Opening hours: which hours apply on a date, and whether a location is open now.

Pure computation over rows loaded once (`HoursData`), so a page that shows hours for every
location costs a fixed number of queries. Order of precedence for one date and location:
the regency's own override for that location, its override for all locations, a national
holiday (and, if the regency chooses, *cuti bersama*; both from `workdays.national`), the
agency's exception, then the weekly hours of the profile in force (a dated profile such as
Ramadan, else the default). Times are in the regency's time zone. Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from catalogue.models import DateOverride, ScheduleProfile, WeeklyHours
from satupintu.page_cache import (
    fragment_get,
    fragment_set,
    page_fresh_until,
    portal_cache_version,
)
from workdays.national import national_holidays
from workdays.selectors import cuti_bersama_closes


@dataclass(frozen=True)
class DayHours:
    day: date
    is_closed: bool
    opens: time | None = None
    closes: time | None = None
    breaks: tuple[tuple[time, time], ...] = ()
    reason: str = ""  # a holiday's or closure's name; empty on an ordinary day
    profile: str = ""

    @property
    def intervals(self) -> list[tuple[time, time]]:
        """The open stretches of the day, the breaks cut out."""
        if self.is_closed or self.opens is None or self.closes is None:
            return []
        spans, start = [], self.opens
        for b_start, b_end in sorted(self.breaks):
            if b_start > start:
                spans.append((start, min(b_start, self.closes)))
            start = max(start, b_end)
        if start < self.closes:
            spans.append((start, self.closes))
        return spans


@dataclass(frozen=True, slots=True)
class ProfileRow:
    """A schedule profile, as hours are computed from it."""

    pk: int
    name: str
    is_default: bool
    starts_on: date | None
    ends_on: date | None


@dataclass(frozen=True, slots=True)
class WeekdayRow:
    """A weekly row's hours with its breaks."""

    is_closed: bool
    opens: time | None
    closes: time | None
    breaks: tuple[tuple[time, time], ...]


@dataclass(frozen=True, slots=True)
class OverrideRow:
    """A date's closure or special hours."""

    name: str
    is_closed: bool
    opens: time | None
    closes: time | None


@dataclass
class HoursData:
    """Everything needed to compute hours for some locations over a date range: plain values,
    not model instances, because every uncached page unpickles it from the fragment cache
    (issue #15: model unpickling was a fifth of a service page's time)."""

    profiles: list[ProfileRow]
    # (location, profile, agency or None, weekday) -> that day's weekly row
    weekday_rows: dict[tuple[int, int, int | None, int], WeekdayRow]
    overrides: dict[tuple[date, int | None], OverrideRow]
    with_cuti_bersama: bool = True


def hours_data_load(
    *, location_ids: list[int], start: date, end: date, with_cuti_bersama: bool
) -> HoursData:
    profiles = [
        ProfileRow(
            pk=p.pk, name=p.name, is_default=p.is_default, starts_on=p.starts_on, ends_on=p.ends_on
        )
        for p in ScheduleProfile.objects.all()
    ]
    rows = (
        WeeklyHours.objects.filter(location_id__in=location_ids, live=True)
        .prefetch_related("breaks")
        .order_by("weekday")
    )
    weekday_rows = {
        (r.location_id, r.profile_id, r.agency_id, r.weekday): WeekdayRow(
            is_closed=r.is_closed,
            opens=r.opens,
            closes=r.closes,
            breaks=tuple((b.starts, b.ends) for b in r.breaks.all()),
        )
        for r in rows
    }
    overrides = {
        (o.date, o.location_id): OverrideRow(
            name=o.name, is_closed=o.is_closed, opens=o.opens, closes=o.closes
        )
        for o in DateOverride.objects.filter(date__gte=start, date__lte=end, live=True).filter(
            Q(location_id__in=location_ids) | Q(location__isnull=True)
        )
    }
    return HoursData(
        profiles=profiles,
        weekday_rows=weekday_rows,
        overrides=overrides,
        with_cuti_bersama=with_cuti_bersama,
    )


def hours_data_cached(*, location_ids: list[int], start: date, end: date) -> HoursData:
    """`hours_data_load` (with the regency's cuti bersama setting) kept in the cache under the
    regency's content version: computed once per version and day, not on every page (issue #15).

    Only the schedule is cached; whether a location is open *now* is computed from it on every
    request (`open_status`). The key carries the schema (the cache's key function) and the
    content version, which any change of hours, overrides, profiles, locations or the calendar
    setting bumps (catalogue.apps), so a regency's edit shows at once and one regency's hours are
    never read in another."""
    ids = ",".join(str(i) for i in sorted(location_ids))
    # "hours2": plain values since issue #15; entries of the model-instance shape are not read.
    key = f"hours2:{portal_cache_version()}:{ids}:{start.isoformat()}:{end.isoformat()}"
    data = fragment_get(key)
    if data is None:
        data = hours_data_load(
            location_ids=location_ids,
            start=start,
            end=end,
            with_cuti_bersama=cuti_bersama_closes(),
        )
        fragment_set(key, data, 24 * 3600)  # a day at most: the key names its first day anyway
    return data


def profile_for(day: date, profiles: list[ProfileRow]) -> ProfileRow | None:
    dated = [
        p
        for p in profiles
        if not p.is_default and p.starts_on and p.ends_on and p.starts_on <= day <= p.ends_on
    ]
    if dated:
        # The most specific (shortest) dated profile wins.
        return min(dated, key=lambda p: (p.ends_on or day) - (p.starts_on or day))
    return next((p for p in profiles if p.is_default), None)


def day_hours(
    *, location_id: int, day: date, data: HoursData, agency_id: int | None = None
) -> DayHours:
    override = data.overrides.get((day, location_id)) or data.overrides.get((day, None))
    if override is not None:
        if override.is_closed:
            return DayHours(day=day, is_closed=True, reason=override.name)
        return DayHours(
            day=day,
            is_closed=False,
            opens=override.opens,
            closes=override.closes,
            reason=override.name,
        )
    holiday = national_holidays(day.year, with_cuti_bersama=data.with_cuti_bersama).get(day)
    if holiday:
        return DayHours(day=day, is_closed=True, reason=holiday)
    profile = profile_for(day, data.profiles)
    if profile is None:
        return DayHours(day=day, is_closed=True)
    row = None
    if agency_id is not None:
        row = data.weekday_rows.get((location_id, profile.pk, agency_id, day.weekday()))
    if row is None:
        row = data.weekday_rows.get((location_id, profile.pk, None, day.weekday()))
    if row is None and not profile.is_default:
        default = next((p for p in data.profiles if p.is_default), None)
        if default is not None:
            row = data.weekday_rows.get((location_id, default.pk, None, day.weekday()))
            profile = default
    if row is None or row.is_closed:
        return DayHours(day=day, is_closed=True, profile=profile.name)
    return DayHours(
        day=day,
        is_closed=False,
        opens=row.opens,
        closes=row.closes,
        breaks=row.breaks,
        profile=profile.name,
    )


@dataclass(frozen=True)
class OpenStatus:
    state: str  # "open", "break" or "closed"
    today: DayHours
    until: time | None = None  # when the current state ends today
    next_open: tuple[date, time] | None = None


def open_status(
    *, location_id: int, now: datetime, tz: str, data: HoursData, agency_id: int | None = None
) -> OpenStatus:
    """Whether the location is open at `now`, and until when. A page showing it is kept by the
    page cache no longer than the state lasts today (after midnight the page cache renders anew
    anyway)."""
    local = now.astimezone(ZoneInfo(tz))
    today = day_hours(location_id=location_id, day=local.date(), data=data, agency_id=agency_id)
    clock = local.time().replace(tzinfo=None)
    for start, end in today.intervals:
        if start <= clock < end:
            page_fresh_until(datetime.combine(local.date(), end, tzinfo=local.tzinfo))
            return OpenStatus(state="open", today=today, until=end)
    later = [start for start, _end in today.intervals if start > clock]
    if later:
        page_fresh_until(datetime.combine(local.date(), later[0], tzinfo=local.tzinfo))
        state = "break" if today.opens and clock >= today.opens else "closed"
        return OpenStatus(state=state, today=today, until=later[0], next_open=(today.day, later[0]))
    for offset in range(1, 15):
        day = local.date() + timedelta(days=offset)
        hours = day_hours(location_id=location_id, day=day, data=data, agency_id=agency_id)
        if hours.intervals:
            return OpenStatus(state="closed", today=today, next_open=(day, hours.intervals[0][0]))
    return OpenStatus(state="closed", today=today)


def week_of(*, location_id: int, start: date, data: HoursData) -> list[DayHours]:
    return [
        day_hours(location_id=location_id, day=start + timedelta(days=i), data=data)
        for i in range(7)
    ]
