"""The queue's breakdown per service, agency, counter and officer (the dashboard's CSV) from the
rolled days' kept figures plus the period's other days read live (docs/adr/0038).

The rolled part is computed once per rollup version and cached, tickets today or not: per key the
counts and sums, and of its sorted minutes only a window around the median (the values at the
ranks a day's tickets can move the median to). The other days (today, any day not rolled) are
read from the tickets on every call, per key with all their minutes, and merged: counts and sums
add up, and each median is taken over the window plus the live minutes, as `percentile_cont(0.5)`
over all of them would give it. When a key's live minutes are too many for its window (a key far
busier today than over the rolled days), the whole period is read in one statement instead.

Schema: tenant.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db import transaction

from satupintu.db import connection
from surveys.rollup.common import CACHE_SECONDS, WORK_MEM, _rolled_select

# A key's window keeps the rolled minutes at the ranks (n - 1) // 2 - radius .. n // 2 + radius,
# radius = max(RADIUS_MIN, n // RADIUS_SHARE): enough for up to ~2 × radius live minutes of that
# key, so about a quarter of its rolled minutes (never fewer than 512) can be added live.
RADIUS_MIN = 256
RADIUS_SHARE = 8
_WHOLE = 2**30  # the live minutes: every one of them
_KEYS = "service_id, agency_id, counter_id, officer_id"
_COLUMNS = (
    "service_id, agency_id, counter_id, officer_id, tickets, served, no_shows, wait_count, "
    "wait_sum, serve_sum, waits, serves"
)
_SETS = {"service": 0b0111, "agency": 0b1011, "counter": 0b1101, "officer": 0b1110}
_GROUPING_SETS = "(service_id), (agency_id), (counter_id), (officer_id)"
_ROLLED_SOURCE = "SELECT {columns} FROM {rollup} WHERE local_date = ANY(%(days)s) {agency_filter}"
_LIVE_SOURCE = "SELECT {columns} FROM ({select}) live"
# Per key (one grouping set per dimension, no total: the total is the page's): counts and sums,
# then each kind of minutes as (n, lo, the sorted values at ranks lo .. hi - 1).
_PARTS = """
WITH r AS MATERIALIZED ({source})
SELECT 'n', GROUPING({keys}), {keys}, sum(tickets), sum(served), sum(no_shows), sum(wait_sum),
       sum(wait_count), sum(serve_sum), NULL::int[]
FROM r GROUP BY GROUPING SETS ({sets})
UNION ALL {waits}
UNION ALL {serves}
"""
_WINDOW = """
SELECT '{kind}', grp, {keys}, n, lo, 0, 0, 0, 0, v[lo + 1 : least(n, n / 2 + radius + 1)]
FROM (
    SELECT *, greatest(0, (n - 1) / 2 - radius) AS lo
    FROM (
        SELECT GROUPING({keys}) AS grp, {keys}, count(*) AS n,
               greatest(%(radius_min)s, count(*) / %(radius_share)s) AS radius,
               array_agg(v ORDER BY v) AS v
        FROM r, unnest(r.{column}) v GROUP BY GROUPING SETS ({sets})
    ) g
) w
"""


class WindowShort(Exception):
    """A key's live minutes could move its median outside the kept window."""


def _parts(source: str, params: dict[str, Any], *, radius_min: int) -> dict[str, dict]:
    """{"n": {(mask, key): (tickets, served, no_shows, wait_sum, wait_count, serve_sum)},
    "w"|"s": {(mask, key): (n, lo, sorted minutes at ranks lo..)}} of the rows `source` selects;
    keys that are NULL (tickets without a counter, say) are left out, as the live figures do."""
    sql = _PARTS.format(
        source=source,
        keys=_KEYS,
        sets=_GROUPING_SETS,
        waits=_WINDOW.format(kind="w", keys=_KEYS, column="waits", sets=_GROUPING_SETS),
        serves=_WINDOW.format(kind="s", keys=_KEYS, column="serves", sets=_GROUPING_SETS),
    )
    parts: dict[str, dict] = {"n": {}, "w": {}, "s": {}}
    with transaction.atomic(), connection.cursor() as cursor:
        # The windows sort the period's minutes per key; at 4 MB the sorts spill to disk.
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(sql, {**params, "radius_min": radius_min, "radius_share": RADIUS_SHARE})
        for kind, grp, *keys, a, b, c, d, e, f, values in cursor.fetchall():
            key = _key(grp, keys)
            if key is None:
                continue
            if kind == "n":
                parts["n"][key] = tuple(int(v or 0) for v in (a, b, c, d, e, f))
            else:
                # An int array pickles as its bytes: the kept part loads in a few ms, not ~0.1 s.
                parts[kind][key] = (int(a), int(b), array("i", values or ()))
    return parts


def _key(grp: int, keys: list) -> tuple[int, Any] | None:
    for index, mask in enumerate(_SETS.values()):
        if grp == mask:
            return None if keys[index] is None else (mask, keys[index])
    return None


def rolled_part(
    tables: dict[str, str],
    *,
    key: str,
    rolled_days: Callable[[], set[date]],
    agency_filter: str,
    agencies: list[int],
) -> dict[str, Any]:
    """The rolled days' part of the breakdown, cached under `key` (which carries the rollup's
    version) with the days it covers."""
    part = cache.get(key)
    if part is not None:
        return part
    rolled = rolled_days()
    source = _ROLLED_SOURCE.format(
        columns=_COLUMNS, rollup=tables["rollup"], agency_filter=agency_filter
    )
    part = {
        "days": rolled,
        **_parts(source, {"days": sorted(rolled), "agencies": agencies}, radius_min=RADIUS_MIN),
    }
    cache.set(key, part, CACHE_SECONDS)
    return part


def live_part(tables: dict[str, str], *, where: str, params: dict[str, Any]) -> dict[str, Any]:
    """The tickets matching `where` in the same shape, with every minute of every key."""
    source = _LIVE_SOURCE.format(columns=_COLUMNS, select=_rolled_select(tables, where=where))
    return _parts(source, params, radius_min=_WHOLE)


def merged(rolled: dict[str, Any], live: dict[str, Any] | None, summary) -> dict[str, list]:
    """{"by_service"|…: [summary + "key"] sorted by key} of both parts; WindowShort when a key's
    median cannot be taken from its window."""
    live = live or {"n": {}, "w": {}, "s": {}}
    out: dict[str, list] = {}
    for name, mask in _SETS.items():
        keys = sorted(k for part in (rolled["n"], live["n"]) for k in part if k[0] == mask)
        rows = []
        for key in dict.fromkeys(keys):
            counts = [
                a + b
                for a, b in zip(
                    rolled["n"].get(key, (0,) * 6), live["n"].get(key, (0,) * 6), strict=True
                )
            ]
            medians = [
                median_merged(rolled[kind].get(key), live[kind].get(key)) for kind in ("w", "s")
            ]
            rows.append({"key": key[1], **summary(tuple(counts), *medians)})
        out[f"by_{name}"] = rows
    return out


def median_merged(rolled: tuple | None, live: tuple | None) -> float | None:
    """percentile_cont(0.5) of the minutes (v / 100 as float8) of a key's rolled window and its
    live minutes, as PostgreSQL computes it over all of them: the lower middle value plus half
    the gap to the upper one."""
    count, lo, window = rolled or (0, 0, [])
    extra = sorted(live[2]) if live else []
    total = count + len(extra)
    if not total:
        return None
    middle = []
    for rank in ((total - 1) // 2, total // 2):
        # The rank-th of all: the rolled values below rank - len(extra) all come before it, the
        # ones above `rank` all after, so it is among the rolled ranks skip .. stop - 1 and the
        # live values.
        skip, stop = max(0, rank - len(extra)), min(rank + 1, count)
        if skip < lo or stop > lo + len(window):
            raise WindowShort
        middle.append(sorted([*window[skip - lo : stop - lo], *extra])[rank - skip])
    lower = middle[0] / 100
    return lower if total % 2 else lower + 0.5 * (middle[1] / 100 - lower)
