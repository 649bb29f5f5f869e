"""Periodic jobs of regencies; a resumed regency's build crosses into its schema in its actions.
Schema: public.
"""

from dataclasses import asdict

from satupintu.celery_app import app
from satupintu.db import connection
from satupintu.fanout import per_regency


@app.task(name="regencies.stuck_recover")
def stuck_recover() -> dict:
    """Resume, or mark `failed`, regencies whose creation stopped with nobody building them."""
    from regencies.recovery import regencies_stuck_recover

    return asdict(regencies_stuck_recover())


@app.task(name="regencies.spares_refill")
def spares_refill() -> int:
    """Make spare copies of the base schema up to REGENCY_SPARE_SCHEMAS (docs/adr/0050)."""
    from regencies.schemas import base_schema_name
    from regencies.spares import spares_fill

    return spares_fill(base=base_schema_name())


@app.task(name="regencies.console_figures_warm")
def console_figures_warm(schemas: list[str]) -> int:
    """Compute the console figures the operators' list could not within its budget."""
    from regencies.models import Regency, RegencyStatus
    from regencies.schemas import schemas_existing
    from satupintu.portal_door import console_figures_for_tenant

    names = [name for name in schemas if isinstance(name, str)][:500]
    known = Regency.objects.filter(schema_name__in=names).exclude(
        status__in=(RegencyStatus.PROVISIONING, RegencyStatus.FAILED)
    )
    existing = schemas_existing([regency.schema_name for regency in known])
    for name in sorted(existing):
        console_figures_for_tenant(schema_name=name)
    return len(existing)


@per_regency("regencies.console_figures_keep")
def console_figures_keep() -> bool:
    """Every ten minutes in every serving regency: its console figures are kept (computed only
    when its content or staff changed since, or the cache lost them)."""
    from satupintu.portal_door import console_figures_for_tenant

    return console_figures_for_tenant(schema_name=connection.schema_name) is not None
