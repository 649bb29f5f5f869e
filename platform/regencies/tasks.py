"""Periodic jobs of regencies; a resumed regency's build crosses into its schema in its actions.
Schema: public.
"""

from dataclasses import asdict

from satupintu.celery_app import app


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
