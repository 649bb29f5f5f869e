"""The suite's clock: a pinned test sees `PINNED`; a moved run (SATUPINTU_TEST_CLOCK) moves the
processes tests start too, to the same second."""

import subprocess
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from satupintu.clock_shift import offset_from_environment
from tests.clock import PINNED
from tests.processes import ROOT, VENV_BIN, django_env


def test_a_pinned_test_runs_at_the_pinned_instant_and_time_runs_on(pinned_clock):
    first = timezone.now()
    assert PINNED <= first < PINNED + timedelta(seconds=30)
    assert timezone.localdate(first, timezone=PINNED.tzinfo).isoweekday() == 1  # a Monday


def test_a_started_process_agrees_with_the_test_on_the_date():
    """Whatever the run's clock, a process started with the test settings (a worker, a server)
    reads the same time as the test, to the second."""
    before = timezone.now()
    child = subprocess.run(
        [
            str(VENV_BIN / "python"),
            "-c",
            "import django; django.setup(); from django.utils import timezone; "
            "print(timezone.now().isoformat())",
        ],
        cwd=ROOT,
        env=django_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    theirs = datetime.fromisoformat(child.stdout.strip().splitlines()[-1])
    # The child read its clock while it ran: between our readings before and after, to the
    # second (the moved clocks of both are the real one plus the run's offset).
    assert before - timedelta(seconds=1) <= theirs <= timezone.now() + timedelta(seconds=1)


MOVED_CHILD = """
import os, time
os.environ["SATUPINTU_TEST_CLOCK_OFFSET"] = "3600"
import time_machine
from satupintu.clock_shift import move_process_clock
move_process_clock()
time.sleep(1.5)  # a process that reads the clock a while after moving it (pytest, a worker)
print(time.time() - time_machine.escape_hatch.time.time())
"""


def test_a_moved_clock_is_the_real_one_plus_the_offset_whenever_it_is_first_read():
    """time-machine's ticking clock starts at its first reading; the moved clock must not lag by
    the time between moving it and that reading, else two processes of a run disagree."""
    env = {k: v for k, v in django_env().items() if not k.startswith("SATUPINTU_TEST_CLOCK")}
    child = subprocess.run(
        [str(VENV_BIN / "python"), "-c", MOVED_CHILD],
        cwd=ROOT / "platform",
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    ahead = float(child.stdout.strip().splitlines()[-1])
    assert abs(ahead - 3600) < 0.2


def test_relative_and_absolute_settings_become_one_exported_offset():
    relative: dict[str, str] = {"SATUPINTU_TEST_CLOCK": "+366d"}
    assert offset_from_environment(relative) == timedelta(days=366)
    assert relative["SATUPINTU_TEST_CLOCK_OFFSET"] == str(timedelta(days=366).total_seconds())

    instant = datetime.now(UTC) + timedelta(days=100)
    absolute = {"SATUPINTU_TEST_CLOCK": instant.isoformat()}
    offset = offset_from_environment(absolute)
    assert offset is not None
    assert abs(offset - timedelta(days=100)) < timedelta(seconds=5)
    assert offset_from_environment({}) is None
