"""Figures of the queue and complaints modules, read only when those apps are installed and the
regency's plan includes them.

The queue's figures come from surveys.rollup (the daily rollup of its tickets plus today's, the
same numbers as queueing.figures.queue_figures; docs/adr/0038). Assumed contract:
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
from django.db import transaction

from billing.selectors import regency_modules
from catalogue.selectors import dimension_labels
from satupintu.db import connection
from surveys.rollup import DIMENSIONS, queue_breakdown

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
    """The queue's totals for the dates, or None when the queue module is off. Read from the
    daily rollup and today's tickets (surveys.rollup, docs/adr/0038)."""
    figures = _breakdown(start=start, end=end, agency_ids=agency_ids, detail=False)
    if figures is None:
        return None
    total = figures["total"]
    return {key: _first(total, *QUEUE_ALIASES.get(key, ()), key) for key in QUEUE_KEYS}


def queue_breakdown_get(
    *, start: date, end: date, agency_ids: set[int] | None, kept: bool = True
) -> dict[str, list[dict]] | None:
    """The queue's figures per service, agency, counter and officer, each row labelled (name,
    counter code, officer e-mail), or None when the queue module is off. `kept=False`: the
    period read whole in one statement (surveys.rollup.queue_breakdown; the old path, for the
    tests and the benchmark to compare against)."""
    figures = _breakdown(start=start, end=end, agency_ids=agency_ids, detail=True, kept=kept)
    if figures is None:
        return None
    result = {}
    for name in DIMENSIONS:
        rows = figures[f"by_{name}"]
        labels = dimension_labels(name, {row["key"] for row in rows})
        result[name] = sorted(
            ({**row, "label": labels.get(row["key"], "")} for row in rows),
            key=lambda item: (str(item["label"]), item["key"]),
        )
    return result


def _breakdown(
    *, start: date, end: date, agency_ids: set[int] | None, detail: bool, kept: bool = True
):
    if not _module_on("queueing"):
        return None
    try:
        with transaction.atomic():  # a savepoint: a failed statement leaves the request usable
            return queue_breakdown(
                start=start, end=end, agency_ids=agency_ids, detail=detail, kept=kept
            )
    except Exception:  # a neighbour's defect (its tables) must not take the dashboard down
        log.exception("surveys: queue rollup failed")
        return None


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
