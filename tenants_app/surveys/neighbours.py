"""Figures of the queue and complaints modules, read only when those apps are installed and the
regency's plan includes them.

Assumed contracts (built in parallel on other branches):
    queueing.figures.queue_figures(*, start, end, agency_ids, detail=False) -> dict
    complaints.figures.complaint_figures(*, start, end, agency_ids) -> dict
with start/end dates (inclusive) and agency_ids a set of ids or None (every agency).
Keys read here when present (any missing key shows as "—"): queue: "tickets", "served",
"no_shows", "wait_median", "service_median" (minutes), at the top level or under "total";
complaints: "received", "closed", "closed_within_deadlines" (or "closed_within_deadline"), at the
top level. These are the names the `queueing` and `complaints` branches used when this was
written. Anything else the modules return is ignored; an error in them is logged
and the dashboard shows the rest.

Schema: tenant.
"""

from __future__ import annotations

import importlib
import logging
from datetime import date
from typing import Any

from django.apps import apps

from billing.selectors import regency_modules
from satupintu.db import connection

log = logging.getLogger(__name__)

QUEUE_KEYS = ("tickets", "served", "no_shows", "wait_minutes_median", "service_minutes_median")
COMPLAINT_KEYS = ("received", "closed", "closed_within_deadline")
# Names the neighbours' branches use for the same figures (read first when present).
QUEUE_ALIASES = {
    "wait_minutes_median": ("wait_median",),
    "service_minutes_median": ("service_median",),
}
COMPLAINT_ALIASES = {"closed_within_deadline": ("closed_within_deadlines",)}


def _first(figures: dict, *keys: str) -> Any:
    for key in keys:
        if figures.get(key) is not None:
            return figures[key]
    return None


def _module_on(app: str) -> bool:
    """The app is installed and the regency's plan includes its module."""
    if not apps.is_installed(app):
        return False
    modules = regency_modules(schema_name=connection.schema_name)
    return bool(modules.queue if app == "queueing" else modules.complaints)


def _call(app: str, module: str, function: str, **kwargs: Any) -> dict | None:
    if not _module_on(app):
        return None
    try:
        figures = getattr(importlib.import_module(module), function)(**kwargs)
    except Exception:  # a neighbour's defect must not take the dashboard down
        log.exception("surveys: %s.%s failed", module, function)
        return None
    return figures if isinstance(figures, dict) else None


def queue_figures_get(*, start: date, end: date, agency_ids: set[int] | None) -> dict | None:
    """The queue's figures for the dates, or None when the queue module is not installed."""
    figures = _call(
        "queueing",
        "queueing.figures",
        "queue_figures",
        start=start,
        end=end,
        agency_ids=agency_ids,
        detail=False,  # the total only: each dimension's medians cost a sort
    )
    if figures is None:
        return None
    # The queue branch answers {"total": {...}, "by_agency": [...], ...}, times in minutes.
    total = figures["total"] if isinstance(figures.get("total"), dict) else figures
    return {key: _first(total, *QUEUE_ALIASES.get(key, ()), key) for key in QUEUE_KEYS}


def complaint_figures_get(*, start: date, end: date, agency_ids: set[int] | None) -> dict | None:
    figures = _call(
        "complaints",
        "complaints.figures",
        "complaint_figures",
        start=start,
        end=end,
        agency_ids=agency_ids,
    )
    if figures is None:
        return None
    return {key: _first(figures, *COMPLAINT_ALIASES.get(key, ()), key) for key in COMPLAINT_KEYS}


def service_users_from_queue(*, start: date, end: date) -> int | None:
    """Service users of a period as the queue counts them (tickets served), or None."""
    figures = queue_figures_get(start=start, end=end, agency_ids=None)
    if not figures:
        return None
    value = figures.get("served") if figures.get("served") is not None else figures.get("tickets")
    return int(value) if isinstance(value, int) else None
