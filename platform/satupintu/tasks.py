"""Diagnostic tasks of the platform itself. Schema: public."""

import platform

from satupintu import fanout  # noqa: F401  (registers the fan-out tasks with the worker)
from satupintu.celery_app import app


@app.task(name="satupintu.platform_probe")
def platform_probe() -> dict:
    """Report which `platform` module the worker imported (the standard library's, we insist)."""
    return {"file": platform.__file__, "system": platform.system()}
