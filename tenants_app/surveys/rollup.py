"""The queue's figures from a daily rollup (docs/adr/0038): finished local days are rolled up
once (`queue_days_roll`, run per regency by the fan-out job `surveys.queue_rollup`), the rest
(today, and any day the job has not reached) is read live from the tickets in the same shape,
and the period's figures are aggregated from both in one statement. Same numbers as
`queueing.figures.queue_figures`: per ticket the minutes are rounded to hundredths exactly as
there, sums and counts are exact, medians are `percentile_cont(0.5)` over the same values.

Schema: tenant.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from satupintu.db import connection
from surveys.models import QueueDayFigure, QueueDayRolled
from workdays.selectors import local_today

DIMENSIONS = ("service", "agency", "counter", "officer")
WORK_MEM = "64MB"
RECENT_DAYS = 2  # days re-rolled on every run: tickets of yesterday may still end after midnight

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
_COLUMNS = (
    "service_id, agency_id, counter_id, officer_id, tickets, served, no_shows, wait_count, "
    "wait_sum, serve_sum, waits, serves"
)
_SETS = {"service": 0b0111, "agency": 0b1011, "counter": 0b1101, "officer": 0b1110}
_TOTAL = 0b1111
_KEYS = "service_id, agency_id, counter_id, officer_id"
# The period's rows: rolled days from the rollup, then (when any day of the period is not
# rolled) those days from the tickets.
_SOURCE = """
WITH r AS MATERIALIZED (
    SELECT {columns} FROM {rollup}
    WHERE local_date BETWEEN %(start)s AND %(end)s {agency_filter}
      AND local_date IN (SELECT local_date FROM {rolled})
    {live}
)
"""
# Counts and sums per grouping set, and each set's medians over the unnested minutes (sorting
# the period's integers, without the tickets' joins and per-ticket arithmetic).
_COUNTS = """
SELECT 'n', {grouping}, {keycols}, sum(tickets), sum(served), sum(no_shows),
       sum(wait_sum), sum(wait_count), sum(serve_sum)
FROM r GROUP BY GROUPING SETS ({sets})
UNION ALL
SELECT 'w', {grouping}, {keycols},
       percentile_cont(0.5) WITHIN GROUP (ORDER BY v::float8 / 100::float8), 0, 0, 0, 0, 0
FROM r, unnest(r.waits) v GROUP BY GROUPING SETS ({sets})
UNION ALL
SELECT 's', {grouping}, {keycols},
       percentile_cont(0.5) WITHIN GROUP (ORDER BY v::float8 / 100::float8), 0, 0, 0, 0, 0
FROM r, unnest(r.serves) v GROUP BY GROUPING SETS ({sets})
"""
_LIVE = "UNION ALL SELECT {columns} FROM ({select}) live"
_DUE = """
    SELECT DISTINCT local_date FROM {ticket} WHERE local_date < %(today)s
    AND (local_date >= %(recent)s OR local_date NOT IN (SELECT local_date FROM {rolled}))
"""
_REPLACE = (
    "DELETE FROM {rollup} WHERE local_date = %(day)s",
    "INSERT INTO {rollup} ({grain}, tickets, served, no_shows, wait_count, wait_sum, serve_sum, "
    "waits, serves) {select}",
    "SELECT coalesce(sum(tickets), 0) FROM {rollup} WHERE local_date = %(day)s",
)


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


def queue_days_roll(*, days: list[date] | None = None, today: date | None = None) -> int:
    """Roll up `days` (default: every finished local day with tickets not rolled yet, and the
    last RECENT_DAYS again). Each day is replaced whole in one transaction: idempotent, and a
    killed run leaves every day either rolled or read live. Returns the days rolled."""
    tables = _tables()
    if tables is None:
        return 0
    today = today or local_today()
    if days is None:
        days = _days_due(tables, today=today)
    days = sorted(d for d in set(days) if d < today)
    for day in days:
        _roll_one(tables, day)
    return len(days)


def _days_due(tables: dict[str, str], *, today: date) -> list[date]:
    recent = today - timedelta(days=RECENT_DAYS)
    sql = _DUE.format(ticket=tables["ticket"], rolled=tables["rolled"])
    with connection.cursor() as cursor:
        cursor.execute(sql, {"today": today, "recent": recent})
        return [row[0] for row in cursor.fetchall()]


def _roll_one(tables: dict[str, str], day: date) -> None:
    select = _rolled_select(tables, where="t.local_date = %(day)s")
    delete, insert, count = (
        sql.format(rollup=tables["rollup"], grain=_GRAIN, select=select) for sql in _REPLACE
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(delete, {"day": day})
        cursor.execute(insert, {"day": day})
        cursor.execute(count, {"day": day})
        QueueDayRolled.objects.update_or_create(
            local_date=day, defaults={"rolled_at": timezone.now(), "tickets": cursor.fetchone()[0]}
        )


def _summary(n: tuple | None, wait_median: float | None, serve_median: float | None) -> dict:
    tickets, served, no_shows, wait_sum, wait_count, serve_sum = (v or 0 for v in n or (0,) * 6)

    def mean(total, count) -> float | None:
        return round(float(Decimal(total) / 100 / count), 2) if count else None

    return {
        "tickets": int(tickets),
        "served": int(served),
        "no_shows": int(no_shows),
        "wait_mean": mean(wait_sum, wait_count),
        "wait_median": None if wait_median is None else round(wait_median, 2),
        "service_mean": mean(serve_sum, served),
        "service_median": None if serve_median is None else round(serve_median, 2),
    }


def queue_breakdown(
    *, start: date, end: date, agency_ids: set[int] | None, detail: bool = True
) -> dict[str, Any] | None:
    """The queue's figures of tickets dated `start`..`end`: {"total": summary, "by_service"|
    "by_agency"|"by_counter"|"by_officer": [summary + "key"], each list sorted by key} in the
    shape of queueing.figures (labels are added by the caller). None without the queue app.
    One statement."""
    tables = _tables()
    if tables is None:
        return None
    source, params = _source(tables, start=start, end=end, agency_ids=agency_ids)
    sets = ["()"] + ([f"({c})" for c in _KEYS.split(", ")] if detail else [])
    sql = source + _COUNTS.format(
        # The total alone groups by nothing: no key column may be read then.
        grouping=f"GROUPING({_KEYS})" if detail else str(_TOTAL),
        keycols=_KEYS if detail else "NULL::int, NULL::int, NULL::int, NULL::int",
        sets=", ".join(sets),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # The grouping sets sort the period's values several times; at 4 MB they spill to disk.
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts: dict[tuple[int, Any], tuple] = {}
    medians: dict[tuple[str, int, Any], float] = {}
    for kind, grp, *keys, a, b, c, d, e, f in rows:
        key = _key(grp, keys)
        if key is None:
            continue
        if kind == "n":
            counts[key] = (a, b, c, d, e, f)
        else:
            medians[(kind, *key)] = a
    result: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "total": _summary(
            counts.get((_TOTAL, None)),
            medians.get(("w", _TOTAL, None)),
            medians.get(("s", _TOTAL, None)),
        ),
    }
    for name, mask in _SETS.items():
        result[f"by_{name}"] = [
            {
                "key": key,
                **_summary(
                    counts[(mask, key)],
                    medians.get(("w", mask, key)),
                    medians.get(("s", mask, key)),
                ),
            }
            for (grp, key) in sorted(k for k in counts if k[0] == mask)
        ]
    return result


def _source(
    tables: dict[str, str], *, start: date, end: date, agency_ids: set[int] | None
) -> tuple[str, dict[str, Any]]:
    """The CTE `r` of the period's rows, and its parameters: the days of the period not rolled
    are read from the tickets (none: the tickets are not read at all)."""
    rolled = set(
        QueueDayRolled.objects.filter(local_date__range=(start, end)).values_list(
            "local_date", flat=True
        )
    )
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    live_days = [day for day in days if day not in rolled]
    live = ""
    if live_days:
        where = "t.local_date = ANY(%(live_days)s)"
        if agency_ids is not None:
            where += " AND s.agency_id = ANY(%(agencies)s)"
        live = _LIVE.format(columns=_COLUMNS, select=_rolled_select(tables, where=where))
    source = _SOURCE.format(
        columns=_COLUMNS,
        rollup=tables["rollup"],
        rolled=tables["rolled"],
        agency_filter="AND agency_id = ANY(%(agencies)s)" if agency_ids is not None else "",
        live=live,
    )
    params = {
        "start": start,
        "end": end,
        "agencies": sorted(agency_ids or ()),
        "live_days": live_days,
    }
    return source, params


def _key(grp: int, keys: list) -> tuple[int, Any] | None:
    """(grouping mask, the grouped key) of a row; None for a dimension's NULL key (tickets
    without a counter, say), which the live figures leave out too."""
    if grp == _TOTAL:
        return (_TOTAL, None)
    for index, mask in enumerate(_SETS.values()):
        if grp == mask:
            return None if keys[index] is None else (mask, keys[index])
    return None
