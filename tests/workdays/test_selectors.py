"""A regency's working calendar: weekends, national holidays, cuti bersama, closures, time zones."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import data_queries, in_schema
from workdays.models import CalendarSetting, Closure
from workdays.selectors import (
    is_working_day,
    local_today,
    nth_working_day_after,
    regency_timezone,
    working_days_between,
)

# Friday before Nyepi (Mon 8 March 2027) and Idul Fitri 2027 (Wed 10 and Thu 11 March, with
# cuti bersama on Tue 9, Fri 12 and Mon 15 March), as the `holidays` package lists them.
BEFORE_LEBARAN = date(2027, 3, 5)


def _closes_on_cuti_bersama(value: bool) -> None:
    setting = CalendarSetting.load()
    setting.closed_on_cuti_bersama = value
    setting.save()


@pytest.fixture
def in_alpha(alpha):
    with in_schema(alpha):
        yield alpha


def test_weekdays_work_and_weekends_do_not(in_alpha):
    assert is_working_day(day=date(2026, 11, 27))  # Friday
    assert not is_working_day(day=date(2026, 11, 28))  # Saturday
    assert not is_working_day(day=date(2026, 11, 29))  # Sunday
    assert is_working_day(day=date(2026, 11, 30))  # Monday


def test_national_holidays_are_not_working_days(in_alpha):
    _closes_on_cuti_bersama(False)

    assert not is_working_day(day=date(2027, 3, 8))  # Hari Suci Nyepi
    assert not is_working_day(day=date(2027, 3, 10))  # Hari Raya Idul Fitri
    assert not is_working_day(day=date(2027, 3, 11))  # its second day
    assert not is_working_day(day=date(2026, 8, 17))  # Hari Kemerdekaan


def test_cuti_bersama_follows_the_regency_setting(in_alpha):
    _closes_on_cuti_bersama(True)
    closed = [is_working_day(day=date(2027, 3, d)) for d in (9, 12, 15)]

    _closes_on_cuti_bersama(False)
    open_ = [is_working_day(day=date(2027, 3, d)) for d in (9, 12, 15)]

    assert closed == [False, False, False]
    assert open_ == [True, True, True]


def test_a_regency_closure_is_not_a_working_day(in_alpha):
    Closure.objects.create(date=date(2026, 11, 24), reason="Hari Jadi Kabupaten")

    assert not is_working_day(day=date(2026, 11, 24))
    assert is_working_day(day=date(2026, 11, 25))


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, date(2027, 3, 5)),
        (1, date(2027, 3, 16)),  # Nyepi, Idul Fitri and its cuti bersama skipped
        (3, date(2027, 3, 18)),
        (5, date(2027, 3, 22)),
        (10, date(2027, 3, 31)),  # 25 March cuti bersama, 26 March Wafat Yesus Kristus
    ],
)
def test_nth_working_day_across_lebaran_with_cuti_bersama(in_alpha, n, expected):
    _closes_on_cuti_bersama(True)

    assert nth_working_day_after(start=BEFORE_LEBARAN, n=n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, date(2027, 3, 5)),
        (1, date(2027, 3, 9)),
        (3, date(2027, 3, 15)),
        (5, date(2027, 3, 17)),
        (10, date(2027, 3, 24)),
    ],
)
def test_nth_working_day_across_lebaran_without_cuti_bersama(in_alpha, n, expected):
    _closes_on_cuti_bersama(False)

    assert nth_working_day_after(start=BEFORE_LEBARAN, n=n) == expected


def test_nth_working_day_skips_a_closure(in_alpha):
    _closes_on_cuti_bersama(True)
    Closure.objects.create(date=date(2027, 3, 16), reason="Hari Jadi Kabupaten")

    assert nth_working_day_after(start=BEFORE_LEBARAN, n=1) == date(2027, 3, 17)


def test_negative_n_is_refused(in_alpha):
    with pytest.raises(ValueError, match="negative"):
        nth_working_day_after(start=BEFORE_LEBARAN, n=-1)


def test_working_days_across_the_year_boundary(in_alpha):
    _closes_on_cuti_bersama(True)
    # 24 Dec cuti bersama, 25 Dec Natal, 1 Jan Tahun Baru, 5 Jan 2027 Isra Mikraj.
    start = date(2026, 12, 23)

    assert nth_working_day_after(start=start, n=5) == date(2027, 1, 4)
    assert nth_working_day_after(start=start, n=6) == date(2027, 1, 6)
    assert working_days_between(start=start, end=date(2027, 1, 6)) == 6


def test_working_days_between_counts_after_start_up_to_end(in_alpha):
    _closes_on_cuti_bersama(True)

    assert working_days_between(start=BEFORE_LEBARAN, end=date(2027, 3, 31)) == 10
    assert working_days_between(start=BEFORE_LEBARAN, end=date(2027, 3, 16)) == 1
    assert working_days_between(start=BEFORE_LEBARAN, end=BEFORE_LEBARAN) == 0
    assert working_days_between(start=date(2027, 3, 31), end=BEFORE_LEBARAN) == 0


def test_a_year_of_working_days_costs_two_queries(in_alpha):
    Closure.objects.bulk_create(
        [Closure(date=date(2027, 4, d), reason="Hari libur daerah") for d in range(1, 11)]
    )

    with CaptureQueriesContext(connection) as between:
        count = working_days_between(start=date(2026, 12, 31), end=date(2027, 12, 31))
    with CaptureQueriesContext(connection) as nth:
        nth_working_day_after(start=date(2027, 1, 1), n=200)

    # 2027: 261 weekdays, 19 of them national holidays or cuti bersama, 7 of them closures.
    assert count == 261 - 19 - 7
    assert data_queries(between) == 2  # the cuti bersama setting and the closures
    assert data_queries(nth) == 2


def test_a_closure_in_alpha_leaves_beta_working(alpha, beta):
    with in_schema(alpha):
        Closure.objects.create(date=date(2026, 11, 24), reason="Hari Jadi Kabupaten Alpha")

    with in_schema(alpha):
        in_alpha = is_working_day(day=date(2026, 11, 24))
    with in_schema(beta):
        in_beta = is_working_day(day=date(2026, 11, 24))
        beta_closures = Closure.objects.count()

    assert (in_alpha, in_beta, beta_closures) == (False, True, 0)


def test_time_zone_and_today_are_the_regencys(alpha, beta, time_machine):
    # 23.30 WIB on Monday is already 00.30 on Tuesday in WITA (beta, Kalimantan Timur).
    time_machine.move_to(datetime(2026, 11, 23, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta")))

    with in_schema(alpha):
        alpha_zone, alpha_today = regency_timezone(), local_today()
    with in_schema(beta):
        beta_zone, beta_today = regency_timezone(), local_today()

    assert (alpha_zone, alpha_today) == (ZoneInfo("Asia/Jakarta"), date(2026, 11, 23))
    assert (beta_zone, beta_today) == (ZoneInfo("Asia/Makassar"), date(2026, 11, 24))


def test_local_today_under_the_pinned_clock(in_alpha, pinned_clock):
    assert local_today() == date(2026, 11, 23)
