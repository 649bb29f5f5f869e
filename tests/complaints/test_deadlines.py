"""Working-day deadlines against the published 2026 calendar (docs/adr/0023).

The `holidays` package (SKB 3 Menteri 2026) lists Nyepi on Thu 19 March, Idul Fitri on Sat 21
and Sun 22 March, and cuti bersama on Wed 18, Fri 20, Mon 23 and Tue 24 March.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.management import call_command

from complaints.actions import ComplaintInput, complaint_submit
from tests.clock import WIB, WITA
from tests.complaints.conftest import BEFORE_NYEPI
from tests.conftest import in_schema
from workdays.national import national_holidays


def _due(regency: str, start: str, add: int, *flags: str) -> str:
    out = io.StringIO()
    call_command(
        "workdays", "--regency", regency, "--from", start, "--add", str(add), *flags, stdout=out
    )
    return out.getvalue().strip().splitlines()[-1]


def test_the_package_gives_the_published_2026_march_holidays():
    public = national_holidays(2026, with_cuti_bersama=False)
    both = national_holidays(2026, with_cuti_bersama=True)
    assert {d for d in public if d.month == 3} == {
        date(2026, 3, 19),
        date(2026, 3, 21),
        date(2026, 3, 22),
    }
    assert {d for d in both if d.month == 3} - set(public) == {
        date(2026, 3, 18),
        date(2026, 3, 20),
        date(2026, 3, 23),
        date(2026, 3, 24),
    }
    assert (len(public), len(both) - len(public)) == (17, 8)


@pytest.mark.parametrize(
    ("start", "closed", "working"),
    [
        # Monday 11.00 WITA, a working morning: day 0 is the 16th.
        ("2026-03-16T10:00+07:00", "2026-03-26", "2026-03-20"),
        # After office hours (16.30 WITA): day 0 is the next working day.
        ("2026-03-17T16:30+08:00", "2026-03-30", "2026-03-24"),
        # On Nyepi itself: day 0 is the next working day.
        ("2026-03-19T09:00+08:00", "2026-03-30", "2026-03-25"),
        # On a Saturday: day 0 is the Monday.
        ("2026-03-14T09:00+08:00", "2026-03-26", "2026-03-20"),
    ],
)
def test_manage_workdays_prints_the_due_date_with_and_without_cuti_bersama(
    beta, start, closed, working
):
    assert _due("beta", start, 3, "--cuti-bersama-closed") == closed
    assert _due("beta", start, 3, "--cuti-bersama-working") == working


def test_the_regency_time_zone_decides_the_local_date(alpha, beta):
    # 16.30 WIB on Monday is after hours in alpha (WIB) but 17.30 in beta (WITA) too; 15.30 WIB is
    # before closing in alpha and 16.30 (after closing) in beta.
    start = "2026-03-16T15:30+07:00"
    assert _due("alpha", start, 1, "--cuti-bersama-working") == "2026-03-17"
    assert _due("beta", start, 1, "--cuti-bersama-working") == "2026-03-18"


def test_an_unknown_regency_or_a_time_without_zone_is_refused(beta):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _due("nowhere", "2026-03-16T10:00+07:00", 3)
    with pytest.raises(CommandError):
        _due("beta", "2026-03-16T10:00", 3)


def test_a_phone_complaint_recorded_with_its_real_received_time_gets_its_deadline(
    beta, time_machine
):
    # Recorded on Wednesday 25 March about a call received Monday 16 March 11.00 WITA.
    time_machine.move_to(datetime(2026, 3, 25, 10, 0, tzinfo=WITA), tick=False)
    with in_schema(beta):
        complaint = complaint_submit(
            data=ComplaintInput(
                classification="pengaduan",
                subject="Antrean BPJS",
                body="Telepon: antrean terlalu lama.",
                channel="telepon",
                received_at=BEFORE_NYEPI.replace(hour=11),
            ),
            actor=None,
        )
        assert complaint.received_at == BEFORE_NYEPI.replace(hour=11)
        # Cuti bersama closes the offices by default: 17, 25, 26 March.
        assert complaint.forward_due == date(2026, 3, 26)


def test_a_web_complaint_on_friday_evening_counts_from_monday(alpha, time_machine):
    time_machine.move_to(datetime(2026, 11, 27, 19, 0, tzinfo=WIB), tick=False)
    with in_schema(alpha):
        complaint = complaint_submit(
            data=ComplaintInput(classification="aspirasi", subject="Parkir", body="Parkir penuh.")
        )
        assert complaint.forward_due == date(2026, 12, 3)  # day 0 Mon 30 Nov: 1, 2, 3 Dec
