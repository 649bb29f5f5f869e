"""Payment during onboarding: a card checkout started at the plan step. Schema: public."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from billing.models import Subscription
from onboarding.models import Application


def application_has_subscription(subscription_id: str) -> bool:
    """Whether a Stripe subscription belongs to an application (asked by billing's webhook)."""
    return Application.objects.filter(stripe_subscription_id=subscription_id).exists()


@transaction.atomic
def application_checkout_completed(
    *, application_id: int, customer_id: str, subscription_id: str
) -> str:
    """Record a finished card checkout (from Stripe's webhook or the applicant's return)."""
    application = Application.objects.select_for_update().filter(pk=application_id).first()
    if application is None:
        return "ignored: unknown application"
    Application.objects.filter(pk=application.pk).update(
        stripe_customer_id=customer_id or application.stripe_customer_id,
        stripe_subscription_id=subscription_id or application.stripe_subscription_id,
        checkout_completed_at=application.checkout_completed_at or timezone.now(),
    )
    if application.regency_id:
        Subscription.objects.filter(
            regency_id=application.regency_id, stripe_subscription_id=""
        ).update(stripe_customer_id=customer_id, stripe_subscription_id=subscription_id)
    return f"checkout completed for application {application.pk}"
