"""The queue's per-regency scheduled job (run by the fan-out in each regency's schema;
idempotent). Schema: tenant.
"""

from __future__ import annotations

from queueing.sweep import day_close
from satupintu.fanout import per_regency


@per_regency("queueing.day_close")
def day_close_job() -> int:
    return day_close().total
