"""Opening hours: weekly schedule with breaks, profiles, holidays, overrides, time zones."""

from datetime import UTC, date, datetime, time

import pytest

from catalogue.hours import day_hours, hours_data_load, national_holidays, open_status
from catalogue.models import DateOverride, Location, WeeklyHours
from tests.conftest import in_schema

WIB = "Asia/Jakarta"


def _data(location, *, cuti_bersama=True, start=date(2026, 1, 1), end=date(2026, 12, 31)):
    return hours_data_load(
        location_ids=[location.pk], start=start, end=end, with_cuti_bersama=cuti_bersama
    )


@pytest.fixture
def main_location(alpha):
    with in_schema(alpha):
        yield Location.objects.get(key="gedung-mpp")


def test_monday_to_thursday_break_is_one_hour_and_friday_ninety_minutes(main_location):
    data = _data(main_location)

    monday = day_hours(location_id=main_location.pk, day=date(2026, 11, 23), data=data)
    friday = day_hours(location_id=main_location.pk, day=date(2026, 11, 27), data=data)

    assert (monday.opens, monday.closes, monday.breaks) == (
        time(7, 30),
        time(16),
        ((time(12), time(13)),),
    )
    assert (friday.opens, friday.closes, friday.breaks) == (
        time(7, 30),
        time(16, 30),
        ((time(11, 30), time(13)),),
    )
    assert friday.intervals == [(time(7, 30), time(11, 30)), (time(13), time(16, 30))]


def test_open_now_uses_the_regency_time_zone(main_location):
    data = _data(main_location)
    # 01:00 UTC is 08:00 in Jakarta (open) but 09:00 in Makassar and 10:00 in Jayapura.
    at = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    early = datetime(2026, 11, 23, 0, 15, tzinfo=UTC)  # 07:15 WIB, 08:15 WITA

    assert open_status(location_id=main_location.pk, now=at, tz=WIB, data=data).state == "open"
    assert open_status(location_id=main_location.pk, now=early, tz=WIB, data=data).state == "closed"
    assert (
        open_status(location_id=main_location.pk, now=early, tz="Asia/Makassar", data=data).state
        == "open"
    )


def test_lunch_break_and_the_next_opening(main_location):
    data = _data(main_location)
    lunch = datetime(2026, 11, 23, 5, 30, tzinfo=UTC)  # 12:30 WIB
    evening = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # 17:00 WIB, Monday
    saturday_noon = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)  # 13:00 WIB, after Saturday hours

    during_lunch = open_status(location_id=main_location.pk, now=lunch, tz=WIB, data=data)
    after_work = open_status(location_id=main_location.pk, now=evening, tz=WIB, data=data)
    weekend = open_status(location_id=main_location.pk, now=saturday_noon, tz=WIB, data=data)

    assert (during_lunch.state, during_lunch.until) == ("break", time(13))
    assert (after_work.state, after_work.next_open) == ("closed", (date(2026, 11, 24), time(7, 30)))
    assert weekend.next_open == (date(2026, 11, 30), time(7, 30))  # Sunday closed, Monday opens


def test_national_holidays_close_the_mpp(main_location):
    data = _data(main_location)

    independence = day_hours(location_id=main_location.pk, day=date(2026, 8, 17), data=data)

    assert independence.is_closed
    assert independence.reason == "Hari Kemerdekaan Republik Indonesia"


def test_cuti_bersama_follows_the_regency_setting(main_location):
    assert national_holidays(2026, with_cuti_bersama=False).get(date(2026, 12, 24)) is None
    cuti = date(2026, 12, 24)  # Cuti Bersama Hari Raya Natal (Thursday)

    closed = day_hours(
        location_id=main_location.pk, day=cuti, data=_data(main_location, cuti_bersama=True)
    )
    open_ = day_hours(
        location_id=main_location.pk, day=cuti, data=_data(main_location, cuti_bersama=False)
    )

    assert closed.is_closed
    assert "Cuti Bersama" in closed.reason
    assert not open_.is_closed


def test_the_ramadan_profile_applies_within_its_dates(main_location):
    data = _data(main_location)

    in_ramadan = day_hours(location_id=main_location.pk, day=date(2026, 3, 2), data=data)  # Monday
    after = day_hours(location_id=main_location.pk, day=date(2026, 4, 6), data=data)  # Monday

    assert (in_ramadan.profile, in_ramadan.opens, in_ramadan.closes) == (
        "Ramadan",
        time(8),
        time(15),
    )
    assert in_ramadan.breaks == ((time(12), time(12, 30)),)
    assert (after.profile, after.opens) == ("Normal", time(7, 30))


def test_regency_closures_and_special_hours_override_the_week(alpha, main_location):
    with in_schema(alpha):
        DateOverride.objects.create(
            date=date(2026, 11, 25),
            name="Rapat koordinasi",
            is_closed=False,
            opens=time(8),
            closes=time(11),
        )
        data = _data(main_location)
    anniversary = day_hours(location_id=main_location.pk, day=date(2026, 12, 31), data=data)
    special = day_hours(location_id=main_location.pk, day=date(2026, 11, 25), data=data)

    assert (anniversary.is_closed, anniversary.reason) == (True, "Hari jadi kabupaten")
    assert (special.opens, special.closes, special.breaks, special.reason) == (
        time(8),
        time(11),
        (),
        "Rapat koordinasi",
    )


def test_an_agency_exception_overrides_the_location_hours(alpha, main_location):
    from catalogue.models import Agency, ScheduleProfile

    with in_schema(alpha):
        WeeklyHours.objects.create(
            location=main_location,
            profile=ScheduleProfile.objects.get(key="normal"),
            agency=Agency.objects.get(key="polres"),
            weekday=0,
            opens=time(8),
            closes=time(12),
        )
        data = _data(main_location)
        polres = Agency.objects.get(key="polres")
    general = day_hours(location_id=main_location.pk, day=date(2026, 11, 23), data=data)
    police = day_hours(
        location_id=main_location.pk, day=date(2026, 11, 23), data=data, agency_id=polres.pk
    )

    assert (general.opens, general.closes) == (time(7, 30), time(16))
    assert (police.opens, police.closes) == (time(8), time(12))


def test_hours_are_per_regency(alpha, beta):
    with in_schema(beta):
        beta_location = Location.objects.get(key="mpp-beta")
        data = _data(beta_location)
        monday = day_hours(location_id=beta_location.pk, day=date(2026, 11, 23), data=data)
        assert not Location.objects.filter(key="gedung-mpp").exists()

    assert (monday.opens, monday.closes, monday.breaks) == (time(8), time(15), ())
