"""What operators see of a regency's usage. Schema: public -> tenant (a fan-out of small reads,
one regency schema at a time)."""

from __future__ import annotations

from django_tenants.utils import schema_context, schema_exists

from regencies.models import Regency, RegencyStatus


def catalogue_counts_for_tenant(regency: Regency) -> dict[str, int] | None:
    if regency.status in (RegencyStatus.PROVISIONING, RegencyStatus.FAILED) or not schema_exists(
        regency.schema_name
    ):
        return None
    from tenants_app.selectors import catalogue_counts

    with schema_context(regency.schema_name):
        return catalogue_counts()
