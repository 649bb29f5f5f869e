"""Reading a period's queue figures from the rollup plus the days not rolled, live
(docs/adr/0038). Schema: tenant."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import transaction

from satupintu.db import connection
from surveys.models import QueueDayRolled
from surveys.rollup import breakdown
from surveys.rollup.common import (
    _TICKETS,
    CACHE_SECONDS,
    WORK_MEM,
    _rolled_select,
    _tables,
    rollup_version,
)

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
    WHERE local_date = ANY(%(rolled_days)s) {agency_filter}
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
    *,
    start: date,
    end: date,
    agency_ids: set[int] | None,
    detail: bool = True,
    kept: bool = True,
) -> dict[str, Any] | None:
    """The queue's figures of tickets dated `start`..`end`: {"total": summary, "by_service"|
    "by_agency"|"by_counter"|"by_officer": [summary + "key"], each list sorted by key} in the
    shape of queueing.figures (labels are added by the caller). None without the queue app.
    Without `detail` only "total" is filled (the lists are empty).

    The rolled days' part is cached under the rollup's version (a roll that commits makes a new
    one) with the days it covers; the period's other days (today, days not rolled) are read from
    the tickets on every call, so each day is counted once, from the rollup or live. The total is
    the dashboard's: the rolled minutes kept as exact value counts, the medians taken over those
    plus the live minutes (the same numbers as one `percentile_cont`). The lists keep, per key,
    the counts and a window of the sorted rolled minutes around the median
    (surveys.rollup.breakdown). `kept=False` reads the whole period in one statement, nothing
    cached (what the lists cost before they were kept; the benchmark's baseline)."""
    tables = _tables()
    if tables is None:
        return None
    version = rollup_version()  # before the data: a roll committing later makes a new key
    period = f"{start.isoformat()}:{end.isoformat()}:{_agencies_key(agency_ids)}"
    if detail and not kept:
        return _detail(
            tables, start=start, end=end, agency_ids=agency_ids, rolled=_rolled_days(start, end)
        )
    total = _total(
        tables,
        key=f"surveys:queue-total:{version}:{period}",
        start=start,
        end=end,
        agency_ids=agency_ids,
    )
    if not detail:
        return total
    agencies = sorted(agency_ids or ())
    key = f"surveys:queue-breakdown:{version}:{period}"
    rolled = breakdown.rolled_part(
        tables,
        key=key,
        rolled_days=lambda: _rolled_days(start, end),
        agency_filter=_agency_filter(agency_ids),
        agencies=agencies,
    )
    live_days = sorted(_days(start, end) - rolled["days"])
    live = None
    if live_days:
        where = "t.local_date = ANY(%(live_days)s) " + _agency_filter(agency_ids, "s.")
        live = breakdown.live_part(
            tables, where=where, params={"live_days": live_days, "agencies": agencies}
        )
    try:
        lists = breakdown.merged(rolled, live, _summary)
    except breakdown.WindowShort:  # a key far busier today than on the rolled days
        return _detail(tables, start=start, end=end, agency_ids=agency_ids, rolled=rolled["days"])
    return {**total, **lists}


def _agency_filter(agency_ids: set[int] | None, table: str = "") -> str:
    """The SQL condition on `%(agencies)s` when the figures are an agency admin's, else none."""
    return f"AND {table}agency_id = ANY(%(agencies)s)" if agency_ids is not None else ""


def _agencies_key(agency_ids: set[int] | None) -> str:
    return "all" if agency_ids is None else ",".join(str(a) for a in sorted(agency_ids))


def _days(start: date, end: date) -> set[date]:
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


def _rolled_days(start: date, end: date) -> set[date]:
    return set(
        QueueDayRolled.objects.filter(local_date__range=(start, end)).values_list(
            "local_date", flat=True
        )
    )


_ROLLED_TOTAL = """
WITH r AS MATERIALIZED (
    SELECT tickets, served, no_shows, wait_count, wait_sum, serve_sum, waits, serves
    FROM {rollup} WHERE local_date = ANY(%(days)s) {agency_filter}
)
SELECT 'n', sum(tickets), sum(served), sum(no_shows), sum(wait_sum), sum(wait_count),
       sum(serve_sum) FROM r
UNION ALL SELECT 'w', v, count(*), 0, 0, 0, 0 FROM r, unnest(r.waits) v GROUP BY v
UNION ALL SELECT 's', v, count(*), 0, 0, 0, 0 FROM r, unnest(r.serves) v GROUP BY v
"""
_LIVE_TOTAL = """
SELECT count(*), count(serve), count(*) FILTER (WHERE status = 'skipped'),
       coalesce(sum(wait), 0), count(wait), coalesce(sum(serve), 0),
       coalesce(array_agg(wait) FILTER (WHERE wait IS NOT NULL), '{{}}'),
       coalesce(array_agg(serve) FILTER (WHERE serve IS NOT NULL), '{{}}')
FROM ({tickets}) x
"""


def _total(
    tables: dict[str, str], *, key: str, start: date, end: date, agency_ids: set[int] | None
) -> dict[str, Any]:
    """The total only: the rolled days' counts and exact value counts of their minutes (cached),
    and the other days' tickets read live."""
    agencies = sorted(agency_ids or ())
    agency_filter = _agency_filter(agency_ids)
    rolled_part = cache.get(key)
    if rolled_part is None:
        days = _rolled_days(start, end)
        sql = _ROLLED_TOTAL.format(rollup=tables["rollup"], agency_filter=agency_filter)
        n: tuple = (0,) * 6
        waits: dict[int, int] = {}
        serves: dict[int, int] = {}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            cursor.execute(sql, {"days": sorted(days), "agencies": agencies})
            for kind, a, b, c, d, e, f in cursor.fetchall():
                if kind == "n":
                    n = tuple(int(v or 0) for v in (a, b, c, d, e, f))
                else:
                    (waits if kind == "w" else serves)[int(a)] = int(b)
        rolled_part = {"days": days, "n": n, "w": waits, "s": serves}
        cache.set(key, rolled_part, CACHE_SECONDS)
    counts = list(rolled_part["n"])
    waits, serves = Counter(rolled_part["w"]), Counter(rolled_part["s"])
    live_days = _days(start, end) - rolled_part["days"]
    if live_days:
        where = "t.local_date = ANY(%(live_days)s) " + _agency_filter(agency_ids, "s.")
        tickets = _TICKETS.format(ticket=tables["ticket"], service=tables["service"], where=where)
        with connection.cursor() as cursor:
            cursor.execute(
                _LIVE_TOTAL.format(tickets=tickets),
                {"live_days": sorted(live_days), "agencies": agencies},
            )
            *live_counts, live_waits, live_serves = cursor.fetchone()
        counts = [a + int(b) for a, b in zip(counts, live_counts, strict=True)]
        waits.update(live_waits)
        serves.update(live_serves)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "total": _summary(tuple(counts), _median(waits), _median(serves)),
        **{f"by_{name}": [] for name in _SETS},
    }


def _median(counts: Counter) -> float | None:
    """percentile_cont(0.5) over the minutes (v / 100 as float8) of value counts, computed as
    PostgreSQL computes it: the lower middle value plus half the gap to the upper one."""
    total = sum(counts.values())
    if not total:
        return None
    lower_index, upper_index = (total - 1) // 2, total // 2
    seen, lower, upper = 0, None, None
    for value in sorted(counts):
        seen += counts[value]
        if lower is None and seen > lower_index:
            lower = value
        if seen > upper_index:
            upper = value
            break
    assert lower is not None  # the counts reach both middle positions
    assert upper is not None
    lo = lower / 100
    return lo if lower_index == upper_index else lo + 0.5 * (upper / 100 - lo)


def _detail(
    tables: dict[str, str],
    *,
    start: date,
    end: date,
    agency_ids: set[int] | None,
    rolled: set[date],
) -> dict[str, Any]:
    """Every grouping set in one statement: the rolled days from the rollup, the others live."""
    source, params = _source(tables, start=start, end=end, agency_ids=agency_ids, rolled=rolled)
    sets = ["()"] + [f"({c})" for c in _KEYS.split(", ")]
    sql = source + _COUNTS.format(
        grouping=f"GROUPING({_KEYS})", keycols=_KEYS, sets=", ".join(sets)
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
    tables: dict[str, str],
    *,
    start: date,
    end: date,
    agency_ids: set[int] | None,
    rolled: set[date],
) -> tuple[str, dict[str, Any]]:
    """The CTE `r` of the period's rows, and its parameters: the `rolled` days from the rollup,
    the period's other days from the tickets (none: the tickets are not read at all)."""
    live_days = sorted(_days(start, end) - rolled)
    live = ""
    if live_days:
        where = "t.local_date = ANY(%(live_days)s) " + _agency_filter(agency_ids, "s.")
        live = _LIVE.format(columns=_COLUMNS, select=_rolled_select(tables, where=where))
    source = _SOURCE.format(
        columns=_COLUMNS,
        rollup=tables["rollup"],
        agency_filter=_agency_filter(agency_ids),
        live=live,
    )
    params = {
        "agencies": sorted(agency_ids or ()),
        "rolled_days": sorted(rolled),
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
