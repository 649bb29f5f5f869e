"""What a regency's portal may ask of billing from its own schema: the billing state behind the
admin's banner, the days of grace left, Stripe's customer portal, and counting a citizen page
view. With `billing.selectors` the only billing module tenant code imports: the door between
schemas (docs/adr/0027). Schema: tenant -> public (each function reads or writes public rows or
cache keys carrying the regency's schema name).
"""

from __future__ import annotations

from billing.actions import BillingError, grace_days_left, portal_session_url
from billing.models import BILLING_BLOCKED, BillingState
from billing.selectors import subscription_for_schema
from billing.usage import page_view_count

__all__ = [
    "BILLING_BLOCKED",
    "BillingError",
    "BillingState",
    "customer_portal_url",
    "grace_days_left_for_schema",
    "page_view_count",
]


def grace_days_left_for_schema(*, schema_name: str) -> int | None:
    """Days left before a past-due regency's portal is suspended (`None` when not past due)."""
    subscription = subscription_for_schema(schema_name=schema_name)
    return grace_days_left(subscription) if subscription else None


def customer_portal_url(*, schema_name: str, return_url: str) -> str | None:
    """Stripe's customer portal for the regency's subscription (`None`: it has none yet);
    raises BillingError when Stripe cannot open one."""
    subscription = subscription_for_schema(schema_name=schema_name)
    if subscription is None:
        return None
    return portal_session_url(subscription=subscription, return_url=return_url)
