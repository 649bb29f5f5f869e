"""The regency's performance dashboard: the IKM and its trend, the queue's and complaints'
figures where those modules are installed, per agency and period; charts as inline SVG and a CSV
export of the same numbers.

Schema: tenant.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from surveys.neighbours import complaint_figures_get, queue_breakdown_get, queue_figures_get
from surveys.periods import Period
from surveys.selectors import sample_progress, skm_index, skm_index_by_agency, skm_trend

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
CHART_W, CHART_H, PAD = 600, 220, 30


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal | None
    x: float
    y: float
    height: float

    @property
    def label_y(self) -> float:
        return self.y - 4


def trend_chart(trend) -> list[Point]:
    """Monthly IKM × 25 as bars on a 25–100 axis of a CHART_W × CHART_H SVG."""
    if not trend:
        return []
    step = (CHART_W - 2 * PAD) / len(trend)
    points = []
    for i, month in enumerate(trend):
        score = month.result.score
        height = 0.0 if score is None else max(0.0, float(score) - 25) / 75 * (CHART_H - 2 * PAD)
        points.append(
            Point(
                f"{MONTHS[month.month - 1]} {str(month.year)[2:]}",
                score,
                PAD + i * step + step * 0.15,
                CHART_H - PAD - height,
                height,
            )
        )
    return points


QUEUE_MEASURES = (
    "tickets",
    "served",
    "no_shows",
    "wait_mean",
    "wait_median",
    "service_mean",
    "service_median",
)


def dashboard_data(*, period: Period, agency_ids: set[int] | None, detail: bool = False) -> dict:
    """The dashboard's figures; with `detail` also the queue's per service, agency, counter and
    officer breakdown (the CSV export)."""
    result = skm_index(start=period.start, end=period.end, agency_ids=agency_ids)
    trend = skm_trend(start=period.start, end=period.end, agency_ids=agency_ids)
    points = trend_chart(trend)
    return {
        "period": period,
        "result": result,
        "trend": trend,
        "points": points,
        "bar_width": ((CHART_W - 2 * PAD) / len(points) * 0.7) if points else 0,
        "chart": {"w": CHART_W, "h": CHART_H, "pad": PAD, "base": CHART_H - PAD},
        "agencies": skm_index_by_agency(start=period.start, end=period.end, agency_ids=agency_ids),
        "progress": sample_progress(period=period, respondents=result.respondents)
        if agency_ids is None
        else None,
        "queue": queue_figures_get(start=period.start, end=period.end, agency_ids=agency_ids),
        "complaints": complaint_figures_get(
            start=period.start, end=period.end, agency_ids=agency_ids
        ),
        "queue_detail": queue_breakdown_get(
            start=period.start, end=period.end, agency_ids=agency_ids
        )
        if detail
        else None,
    }


def _cell(label: str) -> str:
    """A name a spreadsheet must not read as a formula."""
    return "'" + label if label[:1] in "=+-@" else label


def dashboard_csv(data: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    period, result = data["period"], data["result"]
    writer.writerow([_("periode"), _("bagian"), _("ukuran"), _("nilai")])
    rows = [
        ("skm", "responden", result.respondents),
        ("skm", "bobot", result.weight_label),
        ("skm", "ikm", result.ikm_display),
        ("skm", "ikm_x25", result.score),
        ("skm", "mutu", result.band.mutu if result.band else ""),
    ]
    rows += [("skm", u.code, u.nrr_display if result.respondents else "") for u in result.unsur]
    rows += [
        (f"skm_bulan:{m.year}-{m.month:02d}", "ikm_x25", m.result.score) for m in data["trend"]
    ]
    rows += [(f"skm_instansi:{g.label}", "ikm_x25", g.result.score) for g in data["agencies"]]
    for part in ("queue", "complaints"):
        for key, value in (data[part] or {}).items():
            rows.append((part, key, value))
    for dimension, items in (data.get("queue_detail") or {}).items():
        for item in items:
            part = f"queue_{dimension}:{item['label']}"
            rows += [(part, measure, item[measure]) for measure in QUEUE_MEASURES]
    for part, measure, value in rows:
        writer.writerow([period.key, _cell(part), measure, "" if value is None else value])
    return out.getvalue()
