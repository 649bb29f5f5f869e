"""What the results page, the PDF report and the public KPI page show, assembled from selectors.

Schema: tenant.
"""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalogue.models import Service
from surveys.neighbours import complaint_figures_get, queue_figures_get
from surveys.pdf import skm_report_pdf as skm_report_pdf
from surveys.periods import Period, period_choices, period_current, period_parse
from surveys.selectors import (
    Scope,
    follow_up_plan,
    sample_progress,
    scope_choices,
    skm_index,
    skm_index_by_agency,
    skm_profile,
    suggestions_public,
)


def bars(result) -> list[dict]:
    """One bar per unsur, its length the NRR over 4 (of a 100-unit-wide SVG)."""
    weakest = result.weakest
    return [
        {
            "code": u.code,
            "name": u.name,
            "nrr": u.nrr_display,
            "width": float(u.nrr / 4 * 100) if result.respondents else 0.0,
            "weakest": weakest is not None and u.code == weakest.code,
        }
        for u in result.unsur
    ]


def results_context(*, period_key: str, today: date, scope: Scope | None = None) -> dict:
    period: Period = period_parse(period_key) if period_key else period_current(today=today)
    scope = scope or Scope()
    result = skm_index(
        start=period.start,
        end=period.end,
        agency_ids=scope.agency_ids,
        service_id=scope.service_id,
        location_id=scope.location_id,
    )
    whole = scope == Scope()
    return {
        "period": period,
        "scope": scope,
        "filters": scope_choices(),
        "periods": period_choices(today=today),
        "result": result,
        "bars": bars(result),
        "progress": sample_progress(period=period, respondents=result.respondents)
        if whole
        else None,
        "plan": follow_up_plan(period=period),
        "suggestions": suggestions_public(start=period.start, end=period.end),
        "profile": skm_profile(start=period.start, end=period.end),
        "agencies": skm_index_by_agency(start=period.start, end=period.end) if whole else [],
    }


def standards_published() -> tuple[int, int]:
    """(services with a standard in force, active services)."""
    active = Service.objects.filter(live=True, is_active=True)
    return active.exclude(current_standard=None).count(), active.count()


def percent(part, whole) -> int | None:
    if not isinstance(part, int) or not isinstance(whole, int) or not whole:
        return None
    return round(part * 100 / whole)


def kpi_context(*, today: date) -> dict:
    """The public KPI page: satisfaction this year, complaints within deadline, typical wait,
    services with a published standard."""
    year = period_parse(str(today.year))
    start, end = year.start, today
    result = skm_index(start=start, end=end)
    queue = queue_figures_get(start=start, end=end, agency_ids=None)
    complaints = complaint_figures_get(start=start, end=end, agency_ids=None)
    with_standard, services = standards_published()
    return {
        "year": today.year,
        "result": result,
        "queue": queue,
        "complaints": complaints,
        "complaints_on_time": percent(
            (complaints or {}).get("closed_within_deadline"), (complaints or {}).get("closed")
        ),
        "with_standard": with_standard,
        "services": services,
        "standard_percent": percent(with_standard, services),
        "note": _("Angka tahun berjalan sampai %(d)s.") % {"d": date_format(today, "j F Y")},
    }
