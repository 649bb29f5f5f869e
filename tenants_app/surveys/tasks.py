"""The per-regency scheduled jobs of the SKM and dashboard (run by the fan-out in each regency's
schema; idempotent). Schema: tenant.
"""

from __future__ import annotations

from satupintu.fanout import per_regency
from surveys.rollup import queue_days_roll


@per_regency("surveys.queue_rollup")
def queue_rollup() -> int:
    """Roll up the queue's finished days for the dashboard (docs/adr/0038)."""
    return queue_days_roll()
