"""The per-regency scheduled jobs of the SKM and dashboard (run by the fan-out in each regency's
schema; idempotent). Schema: tenant.
"""

from __future__ import annotations

from satupintu.fanout import per_regency
from surveys.periods import period_current, period_parse
from surveys.rollup import queue_breakdown, queue_days_roll
from workdays.selectors import local_today


@per_regency("surveys.queue_rollup")
def queue_rollup() -> int:
    """Roll up the queue's finished days for the dashboard (docs/adr/0038), then cache the
    rolled days' totals of the periods the dashboard opens on (this semester and year and the
    ones before, which the sample's population reads), so its first request after a roll does
    not compute them."""
    rolled = queue_days_roll()
    dashboard_totals_warm()
    return rolled


def dashboard_totals_warm() -> None:
    """The rolled days' totals of this semester and year and the periods before them, and the
    CSV breakdown's rolled part of this semester and year (the regency's: an agency admin's is
    kept on their first export). Each is computed only when the rollup's version is new: the
    hourly re-roll of the recent days makes one only when they changed."""
    today = local_today()
    semester, year = period_current(today=today), period_parse(str(today.year))
    for period in (semester, semester.previous(), year, year.previous()):
        queue_breakdown(start=period.start, end=period.end, agency_ids=None, detail=False)
    for period in (semester, year):
        queue_breakdown(start=period.start, end=period.end, agency_ids=None)
