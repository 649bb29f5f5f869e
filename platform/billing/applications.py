"""Billing events that belong to an application still in onboarding, not yet to a regency.

Onboarding sits above billing, so billing never imports it: onboarding provides the two answers
when Django starts (OnboardingConfig.ready calls `applications_provide`), and the webhook asks
here (docs/adr/0027). Schema: public.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_provided: dict[str, Callable[..., object]] = {}


def applications_provide(
    *,
    checkout_completed: Callable[..., str],
    has_subscription: Callable[[str], bool],
) -> None:
    _provided["checkout_completed"] = checkout_completed
    _provided["has_subscription"] = has_subscription


def _provider(name: str) -> Callable[..., object]:
    try:
        return _provided[name]
    except KeyError:
        raise ImproperlyConfigured("No app provides onboarding's billing answers.") from None


def application_checkout_completed(
    *, application_id: int, customer_id: str, subscription_id: str
) -> str:
    """Record an application's finished card checkout; a line for the webhook's log."""
    return str(
        _provider("checkout_completed")(
            application_id=application_id,
            customer_id=customer_id,
            subscription_id=subscription_id,
        )
    )


def application_has_subscription(subscription_id: str) -> bool:
    """Whether a Stripe subscription belongs to an application still being provisioned."""
    return bool(_provider("has_subscription")(subscription_id))
