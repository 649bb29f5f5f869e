"""What the rollup's writer and reader share: the tickets' minutes as the rollup keeps them, the
tables, and the regency's rollup version (docs/adr/0038). Schema: tenant."""

from __future__ import annotations

import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction

from surveys.models import QueueDayFigure, QueueDayRolled

DIMENSIONS = ("service", "agency", "counter", "officer")
WORK_MEM = "64MB"
RECENT_DAYS = 2  # days re-rolled on every run: tickets of yesterday may still end after midnight
# The rollup's version: a new value whenever a roll commits. Cache keys carry the schema
# (django_tenants.cache.make_key), so each regency has its own version and its own entries.
VERSION_KEY = "surveys:queue-rollup:version"
CACHE_SECONDS = 24 * 3600

# One ticket's keys and minutes in hundredths, rounded as queueing.figures rounds them.
_TICKETS = """
    SELECT t.local_date, t.location_id, t.queue_id, t.service_id, s.agency_id, t.counter_id,
           t.officer_id, t.status,
           (round((extract(epoch FROM t.called_at - t.issued_at) / 60)::numeric, 2) * 100)::int
               AS wait,
           CASE WHEN t.status = 'done' THEN
               (round((extract(epoch FROM t.finished_at - t.started_at) / 60)::numeric, 2)
                * 100)::int
           END AS serve
    FROM {ticket} t LEFT JOIN {service} s ON s.id = t.service_id
    WHERE {where}
"""
_GRAIN = "local_date, location_id, queue_id, service_id, agency_id, counter_id, officer_id"
# Placeholders: {grain}, {tickets} (the query above, formatted first).
_ROLLED = """
    SELECT {grain}, count(*) AS tickets, count(serve) AS served,
           count(*) FILTER (WHERE status = 'skipped') AS no_shows, count(wait) AS wait_count,
           coalesce(sum(wait), 0) AS wait_sum, coalesce(sum(serve), 0) AS serve_sum,
           coalesce(array_agg(wait ORDER BY wait) FILTER (WHERE wait IS NOT NULL),
                    '{{}}') AS waits,
           coalesce(array_agg(serve ORDER BY serve) FILTER (WHERE serve IS NOT NULL),
                    '{{}}') AS serves
    FROM ({tickets}) x GROUP BY {grain}
"""


def _rolled_select(tables: dict[str, str], *, where: str) -> str:
    """The rollup's rows computed from the tickets matching `where` (SQL with placeholders)."""
    tickets = _TICKETS.format(ticket=tables["ticket"], service=tables["service"], where=where)
    return _ROLLED.format(grain=_GRAIN, tickets=tickets)


def _tables() -> dict[str, str] | None:
    if not apps.is_installed("queueing"):
        return None
    return {
        "ticket": apps.get_model("queueing", "Ticket")._meta.db_table,
        "service": apps.get_model("tenants_app", "Service")._meta.db_table,
        "rollup": QueueDayFigure._meta.db_table,
        "rolled": QueueDayRolled._meta.db_table,
    }


def rollup_version() -> str:
    """The current version of this regency's rollup (read before the rollup itself)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return str(version)


def _version_bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _version_bump_now_and_on_commit() -> None:
    """A new version at once (inside an outer transaction, too) and again after the commit: a
    reader that took the first one while the roll was still uncommitted may have cached the
    old rows under it."""
    _version_bump()
    transaction.on_commit(_version_bump)
