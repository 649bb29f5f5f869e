"""The queue's figures for a date range: wait time (call - issue), service time (finish -
start), no-shows, by service, agency, counter and officer, and a weekday x hour heatmap of
tickets issued (regency local time). Imported by the survey dashboard. Schema: tenant.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection

from catalogue.models import Service
from catalogue.selectors import dimension_labels
from queueing.models import Ticket, TicketStatus
from workdays.selectors import regency_timezone

DIMENSIONS = {
    "service": ("service_id", "service__name"),
    "agency": ("service__agency_id", "service__agency__name"),
    "counter": ("counter_id", "counter__code"),
    "officer": ("officer_id", "officer__email"),
}


# The period's tickets aggregated in PostgreSQL: the total and each dimension are grouping sets
# of one GROUP BY (their medians are the costly part: a sort per set), the weekday x hour cells a
# plain count over the same CTE. Per ticket, minutes are rounded to
# 2 decimals first (as the figures always were), the mean is taken of those exactly and rounded
# in Python, the median is percentile_cont(0.5) (the mean of the two middle values, as
# statistics.median).
_SQL = """
WITH t AS (
    SELECT t.status, t.service_id, s.agency_id, t.counter_id, t.officer_id,
           extract(isodow FROM t.issued_at AT TIME ZONE %(tz)s)::int - 1 AS dow,
           extract(hour FROM t.issued_at AT TIME ZONE %(tz)s)::int AS hour,
           round((extract(epoch FROM t.called_at - t.issued_at) / 60)::numeric, 2) AS wait,
           CASE WHEN t.status = %(done)s THEN
               round((extract(epoch FROM t.finished_at - t.started_at) / 60)::numeric, 2)
           END AS serve
    FROM {ticket} t LEFT JOIN {service} s ON s.id = t.service_id
    WHERE t.local_date BETWEEN %(start)s AND %(end)s {agency_filter}
)
SELECT GROUPING(service_id, agency_id, counter_id, officer_id) AS grp,
       service_id, agency_id, counter_id, officer_id, NULL::int, NULL::int,
       count(*), count(serve), count(*) FILTER (WHERE status = %(skipped)s),
       sum(wait), count(wait), percentile_cont(0.5) WITHIN GROUP (ORDER BY wait::float8),
       sum(serve), percentile_cont(0.5) WITHIN GROUP (ORDER BY serve::float8)
FROM t
GROUP BY GROUPING SETS ({sets})
UNION ALL
SELECT %(heat)s, NULL, NULL, NULL, NULL, dow, hour, count(*), 0, 0, NULL, 0, NULL, NULL, NULL
FROM t GROUP BY dow, hour
"""
# GROUPING() bit masks (1 = the column is not grouped) of each set, by dimension name.
_SETS = {"service": 0b0111, "agency": 0b1011, "counter": 0b1101, "officer": 0b1110}
_TOTAL, _HEAT = 0b1111, -1


def _mean(total: Decimal | None, count: int) -> float | None:
    return round(float(total / count), 2) if count and total is not None else None


def _median(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def _summary(row: tuple) -> dict:
    tickets, served, no_shows, wait_sum, waits, wait_median, serve_sum, serve_median = row
    return {
        "tickets": tickets,
        "served": served,
        "no_shows": no_shows,
        "wait_mean": _mean(wait_sum, waits),
        "wait_median": _median(wait_median),
        "service_mean": _mean(serve_sum, served),
        "service_median": _median(serve_median),
    }


def queue_figures(
    *, start: date, end: date, agency_ids: set[int] | None, detail: bool = True
) -> dict[str, Any]:
    """Figures of tickets dated `start`..`end` (local dates), limited to `agency_ids` (None: all).
    With `detail` False only "total" is computed (the by_* lists are empty, the heatmap zeros):
    each dimension's medians cost a sort of the period's tickets.

    Returns {"total": summary, "by_service"|"by_agency"|"by_counter"|"by_officer": [summary with
    "key" and "label"], "heatmap": 7 x 24 counts (Monday first)}; minutes throughout.
    """
    params: dict[str, Any] = {
        "tz": regency_timezone().key,
        "start": start,
        "end": end,
        "done": TicketStatus.DONE,
        "skipped": TicketStatus.SKIPPED,
        "agencies": sorted(agency_ids or ()),
        "heat": _HEAT,
    }
    sql = _SQL.format(
        ticket=Ticket._meta.db_table,
        service=Service._meta.db_table,
        agency_filter="AND s.agency_id = ANY(%(agencies)s)" if agency_ids is not None else "",
        sets="(), (service_id), (agency_id), (counter_id), (officer_id)" if detail else "()",
    )
    if not detail:  # the total alone (no key column may be read then)
        sql = (
            sql[: sql.index("UNION ALL")]
            .replace("GROUPING(service_id, agency_id, counter_id, officer_id)", str(_TOTAL))
            .replace(
                "service_id, agency_id, counter_id, officer_id, NULL",
                "NULL, NULL, NULL, NULL, NULL",
            )
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    heatmap = [[0] * 24 for _d in range(7)]
    empty = (0, 0, 0, None, 0, None, None, None)
    total = _summary(empty)
    found: dict[str, dict[Any, dict]] = {name: {} for name in DIMENSIONS}
    for grp, *keys, count, served, skipped, wsum, wcount, wmed, ssum, smed in rows:
        figures = (count, served, skipped, wsum, wcount, wmed, ssum, smed)
        if grp == _TOTAL:
            total = _summary(figures)
        elif grp == _HEAT:
            heatmap[keys[4]][keys[5]] = count
        else:
            for index, (name, mask) in enumerate(_SETS.items()):
                if grp == mask and keys[index] is not None:
                    found[name][keys[index]] = _summary(figures)
    result: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "total": total,
        "heatmap": heatmap,
    }
    for name, by_key in found.items():
        labels = dimension_labels(name, set(by_key))
        result[f"by_{name}"] = sorted(
            (
                {"key": key, "label": labels.get(key) or "", **summary}
                for key, summary in by_key.items()
            ),
            key=lambda item: (str(item["label"]), item["key"]),
        )
    return result


def figures_csv(figures: dict[str, Any]) -> str:
    """One CSV of the figures: a row per dimension and key, then the heatmap."""
    out = io.StringIO()
    writer = csv.writer(out)
    columns = [
        "tickets",
        "served",
        "no_shows",
        "wait_mean",
        "wait_median",
        "service_mean",
        "service_median",
    ]
    writer.writerow(["dimensi", "label", *columns])
    writer.writerow(["total", "", *[figures["total"][c] for c in columns]])
    for name in DIMENSIONS:
        for item in figures[f"by_{name}"]:
            label = str(item["label"])
            if label[:1] in "=+-@":  # a spreadsheet must not read a name as a formula
                label = "'" + label
            writer.writerow([name, label, *[item[c] for c in columns]])
    writer.writerow([])
    writer.writerow(["hari\\jam", *range(24)])
    days = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    for day, counts in zip(days, figures["heatmap"], strict=True):
        writer.writerow([day, *counts])
    return out.getvalue()
