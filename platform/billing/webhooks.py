"""Receiving Stripe's webhook events: verified with the real Stripe library, stored, and applied at
most once. Schema: public.

Bad or missing signature, or a body that is not a Stripe event object (checked by
`satupintu.safe_input.stripe_envelope` before anything is parsed further or stored): 400, nothing
stored. A replayed event: 200, nothing changes. An unknown event type, or one about a customer we
do not know: stored, 200, nothing changes. Events arriving out of order: each subscription
remembers the `created` time of the newest event applied, and older news is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from billing.actions import subscription_apply_stripe_status
from billing.applications import application_checkout_completed, application_has_subscription
from billing.models import StripeEvent, Subscription
from satupintu.safe_input import stripe_envelope

logger = logging.getLogger(__name__)

HANDLED = {
    "checkout.session.completed",
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "invoice.paid",
    "invoice.payment_failed",
    "invoice.finalized",
}


@dataclass(frozen=True)
class WebhookResult:
    status: int
    outcome: str


def stripe_event_receive(*, payload: bytes, signature: str | None) -> WebhookResult:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        logger.error("stripe webhook refused: STRIPE_WEBHOOK_SECRET is not set")
        return WebhookResult(400, "webhook secret not configured")
    try:
        # The signature first, then the envelope's shape, before the body reaches any parser that
        # could crash on it (stripe's own event builder assumes an object) or the database.
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8", "replace"), signature, secret, stripe.Webhook.DEFAULT_TOLERANCE
        )
        event, event_id, event_type, created, data = stripe_envelope(payload)
    except stripe.SignatureVerificationError:
        logger.warning("stripe webhook refused: bad or missing signature")
        return WebhookResult(400, "bad signature")
    except (ValueError, KeyError, TypeError) as exc:
        logger.warning("stripe webhook refused: malformed payload: %s", exc)
        return WebhookResult(400, "malformed payload")
    try:
        with transaction.atomic():
            stored, created_now = StripeEvent.objects.select_for_update().get_or_create(
                event_id=event_id,
                defaults={"type": event_type, "created": created, "payload": event},
            )
            if not created_now and stored.processed_at is not None:
                return WebhookResult(200, "replay: already applied")
            outcome = _apply(event_type, created, data)
            stored.processed_at = timezone.now()
            stored.outcome = outcome[:200]
            stored.save(update_fields=["processed_at", "outcome"])
    except IntegrityError:  # the same event delivered twice at the same moment
        return WebhookResult(200, "replay: concurrent delivery")
    logger.info("stripe event %s %s: %s", event_type, event_id, outcome)
    return WebhookResult(200, outcome)


def _find(
    *, subscription_id: str | None = None, customer_id: str | None = None
) -> Subscription | None:
    if subscription_id:
        found = Subscription.objects.filter(stripe_subscription_id=subscription_id).first()
        if found is not None:
            return found
    if customer_id:
        found = Subscription.objects.filter(stripe_customer_id=customer_id).first()
        if found and subscription_id and found.stripe_subscription_id not in ("", subscription_id):
            return None  # news of another subscription of the same customer
        return found
    return None


def _invoice_subscription_id(invoice: dict[str, Any]) -> str | None:
    """Stripe moved an invoice's subscription under `parent` (API 2025-03); read both forms."""
    if invoice.get("subscription"):
        value = invoice["subscription"]
        return value if isinstance(value, str) else value.get("id")
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    return details.get("subscription")


def _apply(event_type: str, created: int, data: dict[str, Any]) -> str:
    if event_type not in HANDLED:
        return "ignored: not an event SatuPintu uses"
    if event_type == "checkout.session.completed":
        return _checkout_completed(data)
    if event_type.startswith("customer.subscription."):
        subscription = _find(subscription_id=data.get("id"), customer_id=data.get("customer"))
        if subscription is None:
            return _maybe_application(data) or "ignored: unknown customer"
        status = "canceled" if event_type.endswith(".deleted") else data.get("status", "")
        applied = subscription_apply_stripe_status(
            subscription=subscription,
            stripe_status=status,
            event_created=created,
            data=data,
            reason=event_type,
        )
        return (
            f"subscription {status}" if applied else "skipped: older than the state already applied"
        )
    subscription = _find(
        subscription_id=_invoice_subscription_id(data), customer_id=data.get("customer")
    )
    if subscription is None:
        return "ignored: unknown customer"
    if event_type == "invoice.finalized":
        return f"invoice {data.get('id')} finalized ({data.get('hosted_invoice_url', '')})"
    if (
        event_type == "invoice.paid"
        and data.get("amount_paid") == 0
        and subscription.stripe_status == "trialing"
    ):
        # Stripe opens a trial with an invoice of zero, marked paid: nothing was paid yet.
        return "noted: the trial's zero invoice; still trialing"
    status = "active" if event_type == "invoice.paid" else "past_due"
    applied = subscription_apply_stripe_status(
        subscription=subscription, stripe_status=status, event_created=created, reason=event_type
    )
    return (
        f"invoice: subscription {status}"
        if applied
        else "skipped: older than the state already applied"
    )


def _checkout_completed(session: dict[str, Any]) -> str:
    """A card checkout finished: remember its customer and subscription on the application, or on
    the regency's subscription if the portal already exists."""
    reference = session.get("client_reference_id") or ""
    if not reference.startswith("application:"):
        return "ignored: checkout not started by onboarding"
    return application_checkout_completed(
        application_id=int(reference.split(":", 1)[1]),
        customer_id=session.get("customer") or "",
        subscription_id=session.get("subscription") or "",
    )


def _maybe_application(data: dict[str, Any]) -> str | None:
    if application_has_subscription(data.get("id") or "-"):
        return "noted: subscription of an application still being provisioned"
    return None
