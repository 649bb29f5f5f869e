"""The operators' dashboard: regencies by status and billing state, the onboarding funnel,
provisioning times. Schema: public.

The funnel's middle and the provisioning times are onboarding's figures: onboarding sits above
the platform, so it provides them when Django starts (OnboardingConfig.ready calls
`onboarding_figures_provide`) and this module never imports it (docs/adr/0027).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count

from accounts.models import User
from billing.models import BillingState, Subscription
from regencies.models import Regency, RegencyStatus

_provided: dict[str, Callable[[], dict[str, Any]]] = {}


def onboarding_figures_provide(figures: Callable[[], dict[str, Any]]) -> None:
    """`figures()` returns {"wizard_finished": int, "provisioned": int, "provisioning": {...}}."""
    _provided["figures"] = figures


def _onboarding_figures() -> dict[str, Any]:
    try:
        return _provided["figures"]()
    except KeyError:
        raise ImproperlyConfigured("No app provides the onboarding figures.") from None


def operator_dashboard() -> dict[str, Any]:
    by_status = dict(Regency.objects.values_list("status").annotate(n=Count("id")))
    by_billing = dict(Subscription.objects.values_list("state").annotate(n=Count("id")))
    onboarding = _onboarding_figures()
    return {
        "regencies_by_status": [
            (label, by_status.get(value, 0)) for value, label in RegencyStatus.choices
        ],
        "regencies_by_billing": [
            (label, by_billing.get(value, 0)) for value, label in BillingState.choices
        ],
        "funnel": [
            ("signed_up", User.objects.filter(is_staff=False).count()),
            ("wizard_finished", onboarding["wizard_finished"]),
            ("provisioned", onboarding["provisioned"]),
            ("paying", by_billing.get(BillingState.ACTIVE, 0)),
        ],
        "provisioning": onboarding["provisioning"],
    }
