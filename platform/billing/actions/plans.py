"""The plan catalogue: default plans, their lookup keys and prices, and syncing them to Stripe.
Schema: public.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from billing.actions.common import BillingError
from billing.gateway import stripe_client, to_dict
from billing.models import Interval, Plan

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
        "description": "Dengan modul antrean (kios, layar TV, booking daring) dan pengaduan.",
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
