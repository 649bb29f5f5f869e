"""What operators see of a regency's usage. Schema: public -> tenant (a fan-out of small reads,
one regency schema at a time)."""

from __future__ import annotations

from regencies.models import Regency, RegencyStatus
from regencies.schemas import schemas_existing
from satupintu.portal_door import catalogue_counts_for_tenant, golive_progress_for_tenant


def catalogue_counts_for_tenants(regencies: list[Regency]) -> dict[int, dict[str, int] | None]:
    """Each regency's active services and counters (`None` while it has no finished schema);
    one query finds the schemas, then each is counted in its own schema."""
    counts: dict[int, dict[str, int] | None] = {regency.pk: None for regency in regencies}
    built = [
        r for r in regencies if r.status not in (RegencyStatus.PROVISIONING, RegencyStatus.FAILED)
    ]
    existing = schemas_existing([r.schema_name for r in built])
    for regency in built:
        if regency.schema_name in existing:
            counts[regency.pk] = catalogue_counts_for_tenant(schema_name=regency.schema_name)
    return counts


def golive_progress_for_tenants(regencies: list[Regency]) -> dict[int, dict[str, int] | None]:
    """Each regency's go-live checklist progress (`None` while it has no finished schema)."""
    progress: dict[int, dict[str, int] | None] = {regency.pk: None for regency in regencies}
    built = [
        r for r in regencies if r.status not in (RegencyStatus.PROVISIONING, RegencyStatus.FAILED)
    ]
    existing = schemas_existing([r.schema_name for r in built])
    for regency in built:
        if regency.schema_name in existing:
            progress[regency.pk] = golive_progress_for_tenant(schema_name=regency.schema_name)
    return progress
