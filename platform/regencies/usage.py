"""What operators see of a regency's usage. Schema: public -> tenant (a fan-out of small reads,
one regency schema at a time).

The console's figures are kept per regency (satupintu.portal_door.console_figures_for_tenant) and
warmed by a worker every ten minutes; a page of the list computes the missing ones itself only
within a time budget, so no console page takes seconds, however many regencies there are and
however cold the cache (docs/adr/0059).
"""

from __future__ import annotations

import time

from django.conf import settings

from regencies.models import Regency, RegencyStatus
from regencies.schemas import schemas_existing
from satupintu.portal_door import console_figures_for_tenant

# Shown where a regency's figures are still being computed by the worker.
PENDING = "pending"


def console_figures_for_tenants(
    regencies: list[Regency], *, budget_seconds: float | None = None
) -> dict[int, dict[str, dict[str, int]] | str | None]:
    """Each regency's console figures: a dict; None while it has no finished schema; PENDING when
    they were not kept and the budget was spent (a worker computes them; the next view shows
    them)."""
    budget = settings.CONSOLE_FIGURES_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    figures: dict[int, dict[str, dict[str, int]] | str | None] = {r.pk: None for r in regencies}
    built = [
        r for r in regencies if r.status not in (RegencyStatus.PROVISIONING, RegencyStatus.FAILED)
    ]
    existing = schemas_existing([r.schema_name for r in built])
    deadline = time.monotonic() + budget
    pending: list[str] = []
    for regency in built:
        if regency.schema_name not in existing:
            continue
        kept = console_figures_for_tenant(
            schema_name=regency.schema_name, compute=time.monotonic() < deadline
        )
        if kept is None:
            pending.append(regency.schema_name)
        figures[regency.pk] = PENDING if kept is None else kept
    if pending:
        from regencies.tasks import console_figures_warm
        from satupintu.tasks_runtime import enqueue

        enqueue(console_figures_warm, pending)
    return figures
