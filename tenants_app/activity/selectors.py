"""Reading the regency's audit trail. Schema: tenant."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from activity.models import ActivityEntry


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def activity_entries(
    *, verb: str = "", date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[ActivityEntry]:
    """Newest first; `date_from`/`date_to` are whole local days, both included."""
    entries = ActivityEntry.objects.select_related("target_type").order_by("-created_at", "-id")
    if verb:
        entries = entries.filter(verb=verb)
    if date_from:
        entries = entries.filter(created_at__gte=_day_start(date_from))
    if date_to:
        entries = entries.filter(created_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return entries


def activity_verbs() -> list[str]:
    return list(ActivityEntry.objects.order_by("verb").values_list("verb", flat=True).distinct())
