"""The Stripe client, built from settings; `None` when Stripe is not configured (local demo)."""

from __future__ import annotations

from typing import Any

import stripe
from django.conf import settings


def stripe_client() -> stripe.StripeClient | None:
    if not settings.STRIPE_API_KEY:
        return None
    base: Any = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_API_KEY,
        base_addresses=base,
        max_network_retries=settings.STRIPE_NETWORK_RETRIES,
    )


def to_dict(obj) -> dict:
    """A Stripe object as plain data (what we store and compare)."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
