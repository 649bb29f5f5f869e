"""Public complaint figures: received, closed and closed within the deadlines, per month and per
agency, without personal data (the portal and the survey dashboard read them). Schema: tenant.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from complaints.models import Complaint, Status
from workdays.selectors import regency_timezone


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = regency_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def complaint_figures(*, start: date, end: date, agency_ids: set[int] | None = None) -> dict:
    """Complaints received from `start` to `end` (local dates, inclusive), for the given agencies
    (None: all). Returns {"received", "closed", "closed_within_deadlines", "by_month": [{"month",
    "received", "closed", "closed_within_deadlines"}], "by_agency": [{"agency_id", "agency",
    "received", "closed", "closed_within_deadlines"}]}."""
    since, until = _bounds(start, end)
    rows = Complaint.objects.filter(received_at__gte=since, received_at__lt=until)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    counts = {
        "received": Count("id"),
        "closed": Count("id", filter=Q(status=Status.CLOSED)),
        "closed_within_deadlines": Count(
            "id", filter=Q(status=Status.CLOSED, within_deadlines=True)
        ),
    }
    totals = rows.aggregate(**counts)
    by_month = [
        {"month": row["month"].date(), **{k: row[k] for k in counts}}  # type: ignore[literal-required]
        for row in rows.annotate(month=TruncMonth("received_at", tzinfo=regency_timezone()))
        .values("month")
        .annotate(**counts)
        .order_by("month")
    ]
    by_agency = [
        {
            "agency_id": row["agency_id"],
            "agency": row["agency__name"] or "",
            **{k: row[k] for k in counts},  # type: ignore[literal-required]
        }
        for row in rows.filter(agency__isnull=False)
        .values("agency_id", "agency__name")
        .annotate(**counts)
        .order_by("agency__name")
    ]
    return {**totals, "by_month": by_month, "by_agency": by_agency}
