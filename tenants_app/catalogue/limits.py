"""The plan's limits on locations, agencies and counters. Schema: tenant (reading the plan from the
public schema through billing's selectors).

Limits block additions only: a regency above its plan's limit after a downgrade keeps every row.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from billing.selectors import plan_allowing, subscription_for_schema
from catalogue.models import Agency, Counter, Location
from satupintu.db import connection
from satupintu.errors import DomainError

RESOURCE_MODELS = {"locations": Location, "agencies": Agency, "counters": Counter}
LABELS = {"locations": "lokasi", "agencies": "instansi", "counters": "loket"}


class LimitExceeded(DomainError):
    code = "plan_limit"


def active_count(resource: str) -> int:
    return RESOURCE_MODELS[resource]._default_manager.filter(is_active=True).count()


def usage() -> dict[str, int]:
    return {resource: active_count(resource) for resource in RESOURCE_MODELS}


def limit_check(*, resource: str, adding: int = 1) -> None:
    """Raise LimitExceeded, naming a plan that allows it, when `adding` more passes the limit."""
    subscription = subscription_for_schema(schema_name=connection.schema_name)
    if subscription is None:
        return  # not subscribed yet (being provisioned): no limits
    limit = subscription.plan.limit_for(resource)
    if limit is None:
        return
    current = active_count(resource)
    if current + adding <= limit:
        return
    better = plan_allowing(resource=resource, count=current + adding)
    message = _(
        "Paket %(plan)s mengizinkan %(limit)d %(what)s dan portal ini sudah memiliki %(current)d."
    ) % {
        "plan": subscription.plan.name,
        "limit": limit,
        "what": LABELS[resource],
        "current": current,
    }
    if better is not None and better.pk != subscription.plan_id:
        message += " " + _("Paket %(plan)s mengizinkannya.") % {"plan": better.name}
    raise LimitExceeded(message)
