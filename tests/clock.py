"""The suite's clock.

- `pinned_clock` (tests/conftest.py) puts a test at `PINNED`, a Monday morning in WIB, and lets
  time run on from there. Every test whose outcome depends on the date or the time of day asks for
  it, or moves the clock itself with time-machine's `time_machine` fixture.
- `SATUPINTU_TEST_CLOCK` moves the whole run's clock (`satupintu.clock_shift`), including the
  processes tests start. CI runs the suite a year and a day ahead and on a Friday evening in
  Ramadan (README, "Tests and the clock"). A test that passes today and fails another day is a
  defect of the test: pin it.

The application computes every date and time in Python (`timezone.now()`), never with the
database's `now()`; tests/test_conventions.py keeps it so, so moving Python's clock moves all.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")

# A Monday morning in WIB; the test catalogues' notices, news and standards are dated around it.
PINNED = datetime(2026, 11, 23, 9, 0, tzinfo=WIB)
