"""Survey periods (issue 14: semester, year, custom) and the period before each, whose service
users are the sample's population."""

from __future__ import annotations

from datetime import date

import pytest

from surveys.periods import PeriodInvalid, period_parse


@pytest.mark.parametrize(
    ("key", "start", "end", "before"),
    [
        ("2026-S1", date(2026, 1, 1), date(2026, 6, 30), (date(2025, 7, 1), date(2025, 12, 31))),
        ("2026-S2", date(2026, 7, 1), date(2026, 12, 31), (date(2026, 1, 1), date(2026, 6, 30))),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), (date(2025, 1, 1), date(2025, 12, 31))),
        # a custom range: the range of the same length just before it (90 days)
        (
            "2026-01-01..2026-03-31",
            date(2026, 1, 1),
            date(2026, 3, 31),
            (date(2025, 10, 3), date(2025, 12, 31)),
        ),
    ],
)
def test_semester_year_and_custom_periods_and_the_period_before(key, start, end, before):
    period = period_parse(key)
    assert (period.start, period.end, period.key) == (start, end, key)
    previous = period.previous()
    assert (previous.start, previous.end) == before


def test_labels():
    assert period_parse("2026-S2").label == "Semester II 2026"
    assert period_parse("2026").label == "Tahun 2026"
    assert period_parse("2026-01-01..2026-03-31").label == "01-01-2026 s.d. 31-03-2026"


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "2026-S3",
        "1999",
        "2026-02-30..2026-03-31",
        "2026-03-31..2026-01-01",
        "2020-01-01..2026-01-01",
        "2026-01-01...2026-02-01",
    ],
)
def test_other_keys_are_refused(bad):
    with pytest.raises(PeriodInvalid):
        period_parse(bad)
