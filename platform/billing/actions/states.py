"""Subscription states: mirroring Stripe's status and the grace period after which a regency in
arrears is suspended. Schema: public.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.actions import audit_record
from billing.models import BillingState, Subscription

_STATE_FOR_STATUS = {
    "trialing": BillingState.TRIALING,
    "active": BillingState.ACTIVE,
    "past_due": BillingState.PAST_DUE,
    "unpaid": BillingState.PAST_DUE,
    "incomplete": BillingState.PAST_DUE,
    "paused": BillingState.SUSPENDED,
    "canceled": BillingState.CANCELED,
    "incomplete_expired": BillingState.CANCELED,
}


def derive_state(*, stripe_status: str, past_due_since: datetime | None, now: datetime) -> str:
    state = _STATE_FOR_STATUS.get(stripe_status, BillingState.PAST_DUE)
    grace = timedelta(days=settings.BILLING_GRACE_DAYS)
    if (
        state == BillingState.PAST_DUE
        and past_due_since is not None
        and now - past_due_since >= grace
    ):
        return BillingState.SUSPENDED
    return state


def grace_days_left(subscription: Subscription, *, now: datetime | None = None) -> int | None:
    if subscription.state != BillingState.PAST_DUE or subscription.past_due_since is None:
        return None
    ends = subscription.past_due_since + timedelta(days=settings.BILLING_GRACE_DAYS)
    return max(0, (ends - (now or timezone.now())).days)


def _set_state(subscription: Subscription, *, now: datetime, reason: str) -> None:
    """Recompute the granted state; record and propagate a change (the portal's host cache)."""
    old = subscription.state
    subscription.state = derive_state(
        stripe_status=subscription.stripe_status,
        past_due_since=subscription.past_due_since,
        now=now,
    )
    subscription.save()
    if old != subscription.state:
        audit_record(
            action="billing.state",
            regency=subscription.regency,
            detail={"from": old, "to": subscription.state, "reason": reason},
        )
        from regencies.actions import regency_hosts_forget

        regency_hosts_forget(regency=subscription.regency)


def _timestamp(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), tz=UTC) if value else None


@transaction.atomic
def subscription_apply_stripe_status(
    *,
    subscription: Subscription,
    stripe_status: str,
    event_created: int,
    data: dict[str, Any] | None = None,
    reason: str,
) -> bool:
    """Mirror a status Stripe reported at `event_created`; older news than what we applied is
    ignored, so events arriving out of order still end in the state Stripe holds."""
    locked = (
        Subscription.objects.select_for_update().select_related("regency").get(pk=subscription.pk)
    )
    if event_created < locked.last_event_created:
        return False
    now = timezone.now()
    locked.last_event_created = event_created
    if _STATE_FOR_STATUS.get(stripe_status) == BillingState.PAST_DUE:
        locked.past_due_since = locked.past_due_since or (_timestamp(event_created) or now)
    else:
        locked.past_due_since = None
    locked.stripe_status = stripe_status
    data = data or {}
    if data.get("trial_end"):
        locked.trial_ends_at = _timestamp(data["trial_end"])
    period_end = data.get("current_period_end") or _first_item(data).get("current_period_end")
    if period_end:
        locked.current_period_end = _timestamp(period_end)
    _set_state(locked, now=now, reason=reason)
    return True


def _first_item(data: dict[str, Any]) -> dict[str, Any]:
    items = (data.get("items") or {}).get("data") or []
    return items[0] if items else {}


def billing_grace_check(*, now: datetime | None = None) -> list[str]:
    """Suspend regencies whose invoice is overdue beyond the grace period (Celery beat, daily).

    Each subscription is locked and read again before it changes, so a payment that a webhook
    applies meanwhile is never overwritten by the stale row.
    """
    now = now or timezone.now()
    overdue = Subscription.objects.filter(
        state=BillingState.PAST_DUE,
        past_due_since__lte=now - timedelta(days=settings.BILLING_GRACE_DAYS),
    )
    suspended = []
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                overdue.select_for_update(of=("self",))
                .select_related("regency")
                .filter(pk=pk)
                .first()
            )
            if subscription is None:
                continue  # paid in the meantime
            _set_state(subscription, now=now, reason="grace period over")
            if subscription.state == BillingState.SUSPENDED:
                suspended.append(subscription.regency.code)
    return suspended
