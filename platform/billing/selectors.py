"""Reading plans, subscriptions, usage and page views. Schema: public."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.db.models import QuerySet, Sum

from billing.models import PageViews, Plan, Subscription


def plan_list_public() -> list[Plan]:
    return list(Plan.objects.filter(is_public=True).order_by("sort_order"))


def plan_get(*, code: str) -> Plan | None:
    return Plan.objects.filter(code=code).first()


def subscription_for_regency(*, regency_id: int) -> Subscription | None:
    return (
        Subscription.objects.select_related("plan", "regency").filter(regency_id=regency_id).first()
    )


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


def subscriptions_by_state() -> QuerySet[Subscription]:
    return Subscription.objects.select_related("plan", "regency")


def subscription_for_schema(*, schema_name: str) -> Subscription | None:
    """The subscription of the regency whose schema this is (read from a regency's own admin)."""
    from django_tenants.utils import schema_context

    with schema_context("public"):
        return (
            Subscription.objects.select_related("plan")
            .filter(regency__schema_name=schema_name)
            .first()
        )
