"""Reading plans, subscriptions, usage and page views. Schema: public."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Sum

from billing.models import PageViews, Plan, Subscription
from satupintu.db import connection
from satupintu.page_cache import portal_cache_bump


def plan_list_public() -> list[Plan]:
    return list(Plan.objects.filter(is_public=True).order_by("sort_order"))


def plan_get(*, code: str) -> Plan | None:
    return Plan.objects.filter(code=code).first()


def billing_overview(*, subscription: Subscription | None) -> dict[str, Any]:
    """What a billing page shows of a subscription: its invoices from Stripe (or why they could
    not be read) and the days of grace left; shared by the console and the regency's admin."""
    from billing.actions import BillingError, grace_days_left, invoices_list

    invoices: list[dict[str, Any]] = []
    error = ""
    if subscription is not None:
        try:
            invoices = invoices_list(subscription=subscription)
        except BillingError as exc:
            error = str(exc)
    return {
        "subscription": subscription,
        "invoices": invoices,
        "invoices_error": error,
        "days_left": grace_days_left(subscription) if subscription else None,
    }


def plan_allowing(*, resource: str, count: int) -> Plan | None:
    """The cheapest public plan whose limit allows `count` of `resource`."""
    for plan in plan_list_public():
        limit = plan.limit_for(resource)
        if limit is None or limit >= count:
            return plan
    return None


def page_view_key(schema_name: str, day: date) -> str:
    return f"page-views:{schema_name}:{day.isoformat()}"


def page_views_this_month(*, regencies, today: date) -> dict[int, int]:
    """Counts flushed to the database plus those still in the cache (one cache round trip)."""
    from datetime import timedelta

    from django_tenants.utils import schema_context

    regencies = list(regencies)
    start = today.replace(day=1)
    days = [start + timedelta(days=n) for n in range((today - start).days + 1)]
    stored = dict(
        PageViews.objects.filter(regency__in=regencies, day__gte=start, day__lte=today)
        .values("regency_id")
        .annotate(total=Sum("views"))
        .values_list("regency_id", "total")
    )
    with schema_context("public"):
        pending = cache.get_many([page_view_key(r.schema_name, d) for r in regencies for d in days])
    return {
        r.pk: (stored.get(r.pk) or 0)
        + sum(int(pending.get(page_view_key(r.schema_name, d)) or 0) for d in days)
        for r in regencies
    }


@dataclass(frozen=True)
class RegencyModules:
    """Which of the plan's optional modules a regency may use (the plan decides; no plan, none)."""

    queue: bool = False
    complaints: bool = False


_MODULES_KEY = "billing:modules"


@contextmanager
def _namespace_for_tenant(schema_name: str) -> Iterator[None]:
    """The cache namespace (key function) of `schema_name`'s regency, switching only when the
    caller is elsewhere: a citizen page asks from its own schema, and a switch would cost the
    request another SET search_path."""
    if connection.schema_name == schema_name:
        yield
        return
    from django_tenants.utils import schema_context

    with schema_context(schema_name):
        yield


def regency_modules(*, schema_name: str) -> RegencyModules:
    """The modules of the regency whose schema this is: the one door tenant apps ask whether the
    queue or complaints module is theirs.

    Cached in the regency's own cache namespace until its subscription or any plan changes
    (`regency_modules_forget`, from billing's signals): every citizen page asks (issue #15), and
    a hit costs no schema switch."""
    with _namespace_for_tenant(schema_name):
        cached = cache.get(_MODULES_KEY)
    if cached is not None:
        return RegencyModules(**cached)
    subscription = subscription_for_schema(schema_name=schema_name)
    modules = (
        RegencyModules()
        if subscription is None
        else RegencyModules(
            queue=subscription.plan.queue_module, complaints=subscription.plan.complaint_module
        )
    )
    with _namespace_for_tenant(schema_name):
        cache.set(_MODULES_KEY, {"queue": modules.queue, "complaints": modules.complaints}, 86400)
    return modules


def regency_modules_forget(*, schema_name: str | None) -> None:
    """Forget the cached modules of one regency (its subscription changed) or of every regency
    (`None`: a plan changed, which operators do rarely: one delete per regency), and with them
    the regency's cached citizen pages. Now and after commit."""
    from django.db import transaction

    def forget() -> None:
        if schema_name is not None:
            schemas = [schema_name]
        else:
            from django_tenants.utils import schema_context

            with schema_context("public"):
                schemas = list(Subscription.objects.values_list("regency__schema_name", flat=True))
        for schema in schemas:
            with _namespace_for_tenant(schema):
                cache.delete(_MODULES_KEY)
                # Cached citizen pages show or hide what a module offers (FAQ entries, links).
                portal_cache_bump()

    forget()
    transaction.on_commit(forget)


def subscription_for_schema(*, schema_name: str) -> Subscription | None:
    """The subscription of the regency whose schema this is (read from a regency's own admin)."""
    from django_tenants.utils import schema_context

    with schema_context("public"):
        return (
            Subscription.objects.select_related("plan")
            .filter(regency__schema_name=schema_name)
            .first()
        )
