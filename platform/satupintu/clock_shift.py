"""Moving a test run's clock (tests only): `SATUPINTU_TEST_CLOCK` is `+366d`, `-2h` or an ISO
instant such as `2027-02-26T18:30+07:00`. The test settings apply it at import, so the pytest
process and every process a test starts (a Celery worker, a web server) agree on the date.
See tests/clock.py. Schema: none.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import MutableMapping
from datetime import UTC, datetime, timedelta

CLOCK_VARIABLE = "SATUPINTU_TEST_CLOCK"
OFFSET_VARIABLE = "SATUPINTU_TEST_CLOCK_OFFSET"  # seconds, exported for child processes
_RELATIVE = re.compile(r"^([+-])(\d+)([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def offset_from_environment(environ: MutableMapping[str, str] = os.environ) -> timedelta | None:
    """How far the run's clock is moved, or None. An absolute instant is turned into an offset
    once and exported, so that every process of the run agrees on the time to the second."""
    if environ.get(OFFSET_VARIABLE):
        return timedelta(seconds=float(environ[OFFSET_VARIABLE]))
    value = environ.get(CLOCK_VARIABLE, "").strip()
    if not value:
        return None
    relative = _RELATIVE.match(value)
    if relative:
        sign, amount, unit = relative.groups()
        offset = timedelta(**{_UNITS[unit]: int(amount)})
        offset = -offset if sign == "-" else offset
    else:
        instant = datetime.fromisoformat(value)
        if instant.tzinfo is None:
            raise ValueError(f"{CLOCK_VARIABLE}={value!r}: give the UTC offset, e.g. +07:00")
        offset = instant - datetime.now(UTC)
    environ[OFFSET_VARIABLE] = str(offset.total_seconds())
    return offset


def move_process_clock() -> timedelta | None:
    """Start the run's moved clock in this process; time keeps running from there, the offset
    ahead of (or behind) the real clock at every instant.

    time-machine starts a ticking clock at its first reading, not at `start()`: a process that
    first asks for the time some seconds after importing the settings (pytest collecting and
    creating the database, a worker loading Django) would lag `real + offset` by those seconds,
    a lag of its own, and two processes would disagree by the difference (a killed worker's claim
    seen as younger than the lease by the sweep). So the clock is read once right away.
    """
    offset = offset_from_environment()
    if offset is None:
        return None
    import time_machine  # a test dependency: only imported when a run asks for it

    time_machine.travel(datetime.now(UTC) + offset, tick=True).start()
    time.time()  # the first reading: the moved clock ticks from now, in step with the real one
    return offset
