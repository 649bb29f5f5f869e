"""Periodic jobs of regencies. Schema: public (a resumed regency's build crosses into its schema
inside its actions).
"""

from dataclasses import asdict

from satupintu.celery_app import app


@app.task(name="regencies.stuck_recover")
def stuck_recover() -> dict:
    """Resume, or mark `failed`, regencies whose creation stopped with nobody building them."""
    from regencies.recovery import regencies_stuck_recover

    return asdict(regencies_stuck_recover())
