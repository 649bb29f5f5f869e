"""The queue's figures from a daily rollup (docs/adr/0038): finished local days are rolled up
once (`queue_days_roll`, run per regency by the fan-out job `surveys.queue_rollup`), the rest
(today, and any day the job has not reached) is read live from the tickets in the same shape,
and the period's figures are aggregated from both. Same numbers as
`queueing.figures.queue_figures`: per ticket the minutes are rounded to hundredths exactly as
there, sums and counts are exact, medians are `percentile_cont(0.5)` over the same values.
Finished days without tickets are rolled too (no rows), so they are not read again; the rolled
days' part of a period is cached under the regency's rollup version (a new one whenever a roll
commits), today is read live on every request.

Schema: tenant.
"""

from surveys.rollup.common import DIMENSIONS, VERSION_KEY, rollup_version
from surveys.rollup.read import queue_breakdown
from surveys.rollup.roll import queue_days_roll

__all__ = ["DIMENSIONS", "VERSION_KEY", "queue_breakdown", "queue_days_roll", "rollup_version"]
