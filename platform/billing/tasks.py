"""Periodic billing jobs (Celery beat). Schema: public."""

from django.utils import timezone

from satupintu.celery_app import app


@app.task(name="billing.grace_check")
def grace_check() -> list[str]:
    """Suspend regencies unpaid beyond the grace period."""
    from billing.actions import billing_grace_check

    return billing_grace_check()


@app.task(name="billing.page_views_flush")
def page_views_flush() -> int:
    from billing.usage import page_views_flush as flush

    return flush(today=timezone.localdate())
