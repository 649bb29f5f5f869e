"""Periodic billing jobs; the page-view job runs per regency (satupintu.fanout). Schema: public."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from billing.usage import page_views_flush_for_regency
from satupintu.celery_app import app
from satupintu.db import connection
from satupintu.fanout import per_regency


@app.task(name="billing.grace_check")
def grace_check() -> list[str]:
    """Suspend regencies unpaid beyond the grace period."""
    from billing.actions import billing_grace_check

    return billing_grace_check()


@per_regency("billing.page_views_flush")
def page_views_flush() -> int:
    """One regency's page views, from the cache into the database (run by satupintu.fanout).
    A view is counted on the regency's own date (its requests run in its time zone), so its
    finished days are those before today in that zone, not in the server's."""
    regency = connection.tenant
    zone = ZoneInfo(regency.time_zone or settings.TIME_ZONE)
    return page_views_flush_for_regency(regency=regency, today=timezone.localdate(timezone=zone))
