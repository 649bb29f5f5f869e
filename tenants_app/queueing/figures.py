"""The queue's figures for a date range: wait time (call - issue), service time (finish -
start), no-shows, by service, agency, counter and officer, and a weekday x hour heatmap of
tickets issued (regency local time). Imported by the survey dashboard. Schema: tenant.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from statistics import mean, median
from typing import Any

from queueing.models import Ticket, TicketStatus
from workdays.selectors import regency_timezone

DIMENSIONS = {
    "service": ("service_id", "service__name"),
    "agency": ("service__agency_id", "service__agency__name"),
    "counter": ("counter_id", "counter__code"),
    "officer": ("officer_id", "officer__email"),
}


def _minutes(start, end) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60, 2)


def _summary(waits: list[float], services: list[float], tickets: int, no_shows: int) -> dict:
    return {
        "tickets": tickets,
        "served": len(services),
        "no_shows": no_shows,
        "wait_mean": round(mean(waits), 2) if waits else None,
        "wait_median": round(median(waits), 2) if waits else None,
        "service_mean": round(mean(services), 2) if services else None,
        "service_median": round(median(services), 2) if services else None,
    }


def queue_figures(*, start: date, end: date, agency_ids: set[int] | None) -> dict[str, Any]:
    """Figures of tickets dated `start`..`end` (local dates), limited to `agency_ids` (None: all).

    Returns {"total": summary, "by_service"|"by_agency"|"by_counter"|"by_officer": [summary with
    "key" and "label"], "heatmap": 7 x 24 counts (Monday first)}; minutes throughout.
    """
    tickets = Ticket.objects.filter(local_date__gte=start, local_date__lte=end)
    if agency_ids is not None:
        tickets = tickets.filter(service__agency_id__in=agency_ids)
    fields = ["status", "issued_at", "called_at", "started_at", "finished_at"]
    for id_field, label_field in DIMENSIONS.values():
        fields += [id_field, label_field]
    rows = list(tickets.values(*fields))
    tz = regency_timezone()
    heatmap = [[0] * 24 for _d in range(7)]
    groups: dict[str, dict[Any, dict[str, Any]]] = {name: {} for name in DIMENSIONS}
    total: dict[str, Any] = {"waits": [], "services": [], "tickets": 0, "no_shows": 0}
    for row in rows:
        local = row["issued_at"].astimezone(tz)
        heatmap[local.weekday()][local.hour] += 1
        wait = _minutes(row["issued_at"], row["called_at"])
        served = _minutes(row["started_at"], row["finished_at"])
        buckets = [total]
        for name, (id_field, label_field) in DIMENSIONS.items():
            if row[id_field] is None:
                continue
            bucket = groups[name].setdefault(
                row[id_field],
                {
                    "label": row[label_field],
                    "waits": [],
                    "services": [],
                    "tickets": 0,
                    "no_shows": 0,
                },
            )
            buckets.append(bucket)
        for bucket in buckets:
            bucket["tickets"] += 1
            bucket["no_shows"] += row["status"] == TicketStatus.SKIPPED
            if wait is not None:
                bucket["waits"].append(wait)
            if served is not None and row["status"] == TicketStatus.DONE:
                bucket["services"].append(served)
    result: dict[str, Any] = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "total": _summary(total["waits"], total["services"], total["tickets"], total["no_shows"]),
        "heatmap": heatmap,
    }
    for name, buckets_by_key in groups.items():
        result[f"by_{name}"] = sorted(
            (
                {
                    "key": key,
                    "label": b["label"] or "",
                    **_summary(b["waits"], b["services"], b["tickets"], b["no_shows"]),
                }
                for key, b in buckets_by_key.items()
            ),
            key=lambda item: str(item["label"]),
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
