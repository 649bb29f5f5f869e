"""Starting a regency's subscription, extending trials, Stripe checkout, the customer portal and
invoices. Schema: public.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import audit_record
from billing.actions.common import BillingError, _stripe_call
from billing.actions.plans import _price_id
from billing.actions.states import _timestamp, derive_state
from billing.gateway import stripe_client, to_dict
from billing.models import BillingState, Collection, Interval, Plan, Subscription
from regencies.models import Regency


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
