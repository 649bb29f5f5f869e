"""Counting citizen page views per regency: in the cache on the request path, flushed to the
database by a periodic task. Schema: public (called from regency requests, it writes only cache
keys that carry the regency's schema name)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django_tenants.utils import schema_context

from billing.models import PageViews
from billing.selectors import page_view_key

KEEP_DAYS = 40


def page_view_count(*, schema_name: str, day: date) -> None:
    key = page_view_key(schema_name, day)
    with schema_context("public"):
        try:
            cache.incr(key)
        except ValueError:
            if not cache.add(key, 1, KEEP_DAYS * 86400):
                cache.incr(key)


def page_views_flush_for_regency(*, regency, today: date) -> int:
    """Move one regency's finished days' counts from the cache into PageViews rows.

    Run by the per-regency fan-out (billing.tasks); each key is added to its row and deleted in
    one transaction, so a repeated run moves nothing twice.
    """
    moved = 0
    days = [today - timedelta(days=n) for n in range(1, KEEP_DAYS)]
    keys = {page_view_key(regency.schema_name, d): d for d in days}
    with schema_context("public"):
        for key, views in cache.get_many(list(keys)).items():
            with transaction.atomic():
                row, _created = PageViews.objects.get_or_create(regency=regency, day=keys[key])
                PageViews.objects.filter(pk=row.pk).update(views=F("views") + int(views))
                cache.delete(key)
            moved += 1
    return moved
