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
