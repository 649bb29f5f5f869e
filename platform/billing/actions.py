"""Plans, subscriptions and their states: creating them in Stripe, mirroring what Stripe holds,
and the grace period after which a regency in arrears is suspended. Schema: public.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import audit_record
from billing.gateway import stripe_client, to_dict
from billing.models import BillingState, Collection, Interval, Plan, Subscription
from regencies.models import Regency
from satupintu.errors import DomainError

logger = logging.getLogger(__name__)

DEFAULT_PLANS = [
    {
        "code": "dasar",
        "name": "Dasar",
        "sort_order": 1,
        "description": "Satu gedung MPP dan beberapa gerai; cocok untuk kabupaten kecil.",
        "max_locations": 3,
        "max_agencies": 20,
        "max_counters": 30,
        "custom_domain_allowed": False,
        "price_yearly_idr": 18_000_000,
        "price_monthly_idr": 1_750_000,
    },
    {
        "code": "standar",
        "name": "Standar",
        "sort_order": 2,
        "description": "Gedung MPP dengan gerai kecamatan dan desa, serta domain sendiri.",
        "max_locations": 10,
        "max_agencies": 40,
        "max_counters": 80,
        "custom_domain_allowed": True,
        "price_yearly_idr": 36_000_000,
        "price_monthly_idr": 3_500_000,
    },
    {
        "code": "lengkap",
        "name": "Lengkap",
        "sort_order": 3,
        "description": "Tanpa batas lokasi, instansi, dan loket; modul antrean dan pengaduan.",
        "max_locations": None,
        "max_agencies": None,
        "max_counters": None,
        "custom_domain_allowed": True,
        "queue_module": True,
        "complaint_module": True,
        "price_yearly_idr": 72_000_000,
        "price_monthly_idr": 7_000_000,
    },
]
# Stripe status -> the access SatuPintu grants before the grace period is considered.
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


class BillingError(DomainError):
    code = "billing_invalid"


@contextmanager
def _stripe_call() -> Iterator[None]:
    """Stripe unreachable or refusing a request: a BillingError a page can show, never a 500.

    For the calls an operator or admin makes from a page; provisioning and the catalogue sync let
    Stripe's own error through, to be retried.
    """
    try:
        yield
    except stripe.StripeError as exc:
        logger.warning("stripe request failed: %s", exc)
        raise BillingError(
            _("Stripe belum dapat dihubungi atau menolak permintaan; coba lagi nanti.")
        ) from exc


def plans_ensure() -> list[Plan]:
    """The default plans (idempotent); operators adjust prices and limits in the console."""
    return [
        Plan.objects.get_or_create(code=spec["code"], defaults=spec)[0] for spec in DEFAULT_PLANS
    ]


def lookup_key(plan: Plan, interval: str) -> str:
    return f"satupintu-{plan.code}-{interval}"


def _amount(plan: Plan, interval: str) -> int:
    # IDR is not a zero-decimal currency in Stripe: amounts are in hundredths of a rupiah.
    return plan.price_idr(interval) * 100


def stripe_catalogue_sync() -> dict[str, str]:
    """Create or update a Stripe product per plan and a price per billing interval.

    Prices are immutable in Stripe: a changed amount becomes a new price that takes over the
    lookup key, and the old one is archived.
    """
    client = stripe_client()
    if client is None:
        raise BillingError(_("Stripe belum dikonfigurasi (STRIPE_API_KEY kosong)."))
    report: dict[str, str] = {}
    products = {
        (to_dict(p).get("metadata") or {}).get("plan_code"): p
        for p in client.v1.products.list(params={"limit": 100}).auto_paging_iter()
    }
    for plan in Plan.objects.all():
        product = products.get(plan.code)
        params: Any = {
            "name": f"SatuPintu {plan.name}",
            "description": plan.description or plan.name,
            "metadata": {"plan_code": plan.code},
        }
        if product is None:
            product = client.v1.products.create(params=params)
            report[plan.code] = "product created"
        elif product.name != params["name"]:
            product = client.v1.products.update(product.id, params={"name": params["name"]})
            report[plan.code] = "product renamed"
        else:
            report[plan.code] = "product unchanged"
        for interval in (Interval.YEAR, Interval.MONTH):
            key = lookup_key(plan, interval)
            existing = list(
                client.v1.prices.list(params={"lookup_keys": [key], "limit": 1}).auto_paging_iter()
            )
            price = existing[0] if existing else None
            if (
                price is None
                or price.unit_amount != _amount(plan, interval)
                or price.product != product.id
            ):
                price = client.v1.prices.create(
                    params={
                        "product": product.id,
                        "currency": settings.BILLING_CURRENCY,
                        "unit_amount": _amount(plan, interval),
                        "recurring": {"interval": interval},
                        "lookup_key": key,
                        "transfer_lookup_key": True,
                    }
                )
                for old in existing:
                    if old.id != price.id:
                        client.v1.prices.update(old.id, params={"active": False})
                report[f"{plan.code}/{interval}"] = "price created"
            setattr(plan, Plan.stripe_price_field(interval), price.id)
        plan.stripe_product_id = product.id
        plan.save()
    return report


def _price_id(plan: Plan, interval: str) -> str:
    price = getattr(plan, Plan.stripe_price_field(interval))
    if not price:
        raise BillingError(
            _("Paket %(plan)s belum disinkronkan ke Stripe (manage.py billing_sync_stripe).")
            % {"plan": plan.name}
        )
    return price


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


def subscription_start_for_regency(
    regency: Regency,
    *,
    plan: Plan,
    interval: str = Interval.YEAR,
    collection: str = Collection.TRIAL,
    email: str = "",
    stripe_customer_id: str = "",
    stripe_subscription_id: str = "",
) -> Subscription:
    """The regency's subscription, in Stripe when Stripe is configured (idempotent).

    A trial becomes an invoice (`send_invoice`) when it ends; governments pay by bank transfer.
    A card checkout already created its subscription; it is only linked here.
    """
    existing = Subscription.objects.filter(regency=regency).first()
    if existing is not None:
        return existing
    trial_end = timezone.now() + timedelta(days=plan.trial_days)
    subscription = Subscription(
        regency=regency,
        plan=plan,
        interval=interval,
        collection=collection,
        stripe_customer_id=stripe_customer_id,
        stripe_subscription_id=stripe_subscription_id,
        stripe_status="trialing" if collection == Collection.TRIAL else "active",
        trial_ends_at=trial_end if collection == Collection.TRIAL else None,
    )
    client = stripe_client()
    if client is not None and not stripe_subscription_id:
        customer = client.v1.customers.create(
            params={
                "name": regency.name,
                "email": email,
                "metadata": {"regency_code": regency.code},
            }
        )
        params: Any = {
            "customer": customer.id,
            "items": [{"price": _price_id(plan, interval)}],
            "collection_method": "send_invoice",
            "days_until_due": settings.BILLING_INVOICE_DAYS_UNTIL_DUE,
            "metadata": {"regency_code": regency.code},
        }
        if collection == Collection.TRIAL:
            params["trial_period_days"] = plan.trial_days
        created = to_dict(client.v1.subscriptions.create(params=params))
        subscription.stripe_customer_id = customer.id
        subscription.stripe_subscription_id = created["id"]
        subscription.stripe_status = created["status"]
        subscription.trial_ends_at = _timestamp(created.get("trial_end"))
        subscription.last_event_created = int(created.get("created") or 0)
    subscription.state = derive_state(
        stripe_status=subscription.stripe_status, past_due_since=None, now=timezone.now()
    )
    subscription.save()
    audit_record(
        action="billing.subscribe",
        regency=regency,
        detail={"plan": plan.code, "interval": interval, "collection": collection},
    )
    return subscription


def trial_extend(*, subscription: Subscription, days: int, actor) -> Subscription:
    if subscription.state != BillingState.TRIALING:
        raise BillingError(_("Hanya langganan dalam masa uji coba yang dapat diperpanjang."))
    if not 1 <= days <= 90:
        raise BillingError(_("Perpanjangan uji coba 1 sampai 90 hari."))
    new_end = max(subscription.trial_ends_at or timezone.now(), timezone.now()) + timedelta(
        days=days
    )
    client = stripe_client()
    if client is not None and subscription.stripe_subscription_id:
        with _stripe_call():
            client.v1.subscriptions.update(
                subscription.stripe_subscription_id,
                params={"trial_end": int(new_end.timestamp())},
            )
    Subscription.objects.filter(pk=subscription.pk).update(trial_ends_at=new_end)
    audit_record(
        action="billing.trial_extend",
        actor=actor,
        regency=subscription.regency,
        detail={"days": days, "trial_ends_at": new_end.isoformat()},
    )
    subscription.refresh_from_db()
    return subscription


def checkout_session_create(
    *, application, plan: Plan, interval: str, success_url: str, cancel_url: str
) -> str:
    """A Stripe Checkout session for paying by card; the URL to send the applicant to."""
    client = stripe_client()
    if client is None:
        raise BillingError(
            _("Pembayaran kartu belum tersedia; pilih uji coba atau tagihan transfer bank.")
        )
    params: Any = {
        "mode": "subscription",
        "line_items": [{"price": _price_id(plan, interval), "quantity": 1}],
        "client_reference_id": f"application:{application.pk}",
        "customer_email": application.applicant.email,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "metadata": {"application": str(application.pk), "plan": plan.code, "interval": interval},
    }
    with _stripe_call():
        session = client.v1.checkout.sessions.create(params=params)
    return str(session.url)


def checkout_session_status(*, session_id: str) -> dict[str, Any]:
    client = stripe_client()
    if client is None:
        raise BillingError(_("Stripe belum dikonfigurasi."))
    with _stripe_call():
        return to_dict(client.v1.checkout.sessions.retrieve(session_id))


def portal_session_url(*, subscription: Subscription, return_url: str) -> str:
    """Stripe's customer portal, where a regency manages cards and invoices."""
    client = stripe_client()
    if client is None or not subscription.stripe_customer_id:
        raise BillingError(_("Pengelolaan tagihan belum tersedia untuk langganan ini."))
    with _stripe_call():
        session = client.v1.billing_portal.sessions.create(
            params={"customer": subscription.stripe_customer_id, "return_url": return_url}
        )
    return str(session.url)


def invoices_list(*, subscription: Subscription, limit: int = 12) -> list[dict[str, Any]]:
    client = stripe_client()
    if client is None or not subscription.stripe_customer_id:
        return []
    with _stripe_call():
        page = client.v1.invoices.list(
            params={"customer": subscription.stripe_customer_id, "limit": limit}
        )
    return [to_dict(invoice) for invoice in page.data]
