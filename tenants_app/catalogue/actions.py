"""Writing a regency's catalogue: service standards (versioned) and the search index; every
catalogue change bumps the portal cache version (satupintu.page_cache). Schema: tenant.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import nh3
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalogue.models import Service, ServiceStandard
from catalogue.search import normalise
from satupintu.db import connection

# Re-exported: the version moved to satupintu.page_cache; other branches still import it here.
from satupintu.page_cache import portal_cache_bump, portal_cache_version  # noqa: F401

RICH_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a", "h2", "h3"}
RICH_ATTRIBUTES = {"a": {"href", "title"}}
STANDARD_FIELDS = [
    "requirements",
    "procedure",
    "completion_time_value",
    "completion_time_unit",
    "completion_time_note",
    "fee_is_free",
    "fee_amount",
    "fee_note",
    "tariff_basis",
    "product",
    "complaint_handling",
    "legal_basis",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "safety_guarantee",
    "performance_evaluation",
    "decree_number",
    "decree_date",
    "review_date",
]
LIST_FIELDS = ("requirements", "procedure", "legal_basis")
RICH_FIELDS = {
    "fee_note",
    "product",
    "complaint_handling",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "service_guarantee",
    "safety_guarantee",
    "performance_evaluation",
}


def clean_rich_text(value: str) -> str:
    """Keep the small safe subset of HTML real standards use; drop everything else."""
    return nh3.clean(
        value or "", tags=RICH_TAGS, attributes=RICH_ATTRIBUTES, link_rel="noopener noreferrer"
    ).strip()


def clean_plain(value: str) -> str:
    return nh3.clean(value or "", tags=set()).strip()


def clean_plain_list(values: Sequence[str] | None) -> list[str]:
    """Each item as plain text; items left empty are dropped."""
    return [text for text in map(clean_plain, values or []) if text]


def standard_values(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise standard fields: sanitised rich text, trimmed lists, free means no amount."""
    values: dict[str, Any] = {}
    for name in STANDARD_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in RICH_FIELDS:
            value = clean_rich_text(value or "")
        elif name in LIST_FIELDS:
            value = clean_plain_list(value)
        elif isinstance(value, str):
            value = clean_plain(value)
        values[name] = value
    if values.get("fee_is_free"):
        values["fee_amount"] = None
    return values


def standard_differs(standard: ServiceStandard | None, values: dict[str, Any]) -> bool:
    if standard is None:
        return True
    return any(getattr(standard, name) != value for name, value in values.items())


def standard_next(
    *, service: Service, values: dict[str, Any], version: int, user_id: int | None
) -> ServiceStandard:
    """The service's next standard version (unsaved): `values` over the current version's."""
    current = service.current_standard
    base = {name: getattr(current, name) for name in STANDARD_FIELDS} if current else {}
    return ServiceStandard(
        service=service, version=version, created_by_id=user_id, **{**base, **values}
    )


@transaction.atomic
def service_standard_publish(
    *, service: Service, data: dict[str, Any], user_id: int | None = None
) -> ServiceStandard:
    """Make `data` the service's standard in force: a new version when anything changed.

    Earlier versions are kept as they were (PEKPPP asks for the history of adopted standards).
    """
    values = standard_values(data)
    current = service.current_standard
    if not standard_differs(current, values):
        assert current is not None
        return current
    latest = service.standards.order_by("-version").values_list("version", flat=True).first() or 0
    standard = standard_next(service=service, values=values, version=latest + 1, user_id=user_id)
    standard.full_clean(exclude=["service"])
    standard.save()
    Service.objects.filter(pk=service.pk).update(
        current_standard=standard, updated_at=timezone.now()
    )
    service.current_standard = standard
    return standard


def service_search_refresh_for_sources(
    *,
    agency_keys: Sequence[str] = (),
    category_keys: Sequence[str] = (),
    except_keys: Sequence[str] = (),
) -> int:
    """Rebuild the search documents of the services that carry these agencies' or categories'
    names (weight B), after those rows changed; `except_keys` are services already rebuilt."""
    if not agency_keys and not category_keys:
        return 0
    service_ids = (
        Service.objects.filter(Q(agency__key__in=agency_keys) | Q(category__key__in=category_keys))
        .exclude(key__in=except_keys)
        .values_list("pk", flat=True)
    )
    return service_search_refresh(service_ids=list(service_ids))


def service_search_refresh(
    *, service_ids: list[int] | None = None, missing_only: bool = False
) -> int:
    """Rebuild the ranked search document and the normalised text of some (or all) services;
    `missing_only`: of those that have none yet."""
    services = Service.objects.select_related("agency", "category", "current_standard")
    if service_ids is not None:
        services = services.filter(pk__in=service_ids)
    if missing_only:
        services = services.filter(search_document__isnull=True)
    rows = []
    for service in services:
        standard = service.current_standard
        weight_a = normalise(" ".join([service.name, *service.keywords]))
        weight_b = normalise(
            " ".join(
                [
                    service.agency.name,
                    service.agency.abbreviation,
                    service.category.name if service.category else "",
                ]
            )
        )
        weight_c = normalise(
            " ".join(
                [
                    *(standard.requirements if standard else []),
                    clean_plain(standard.product) if standard else "",
                ]
            )
        )
        weight_d = normalise(service.description)
        rows.append(
            (
                service.pk,
                weight_a,
                weight_b,
                weight_c,
                weight_d,
                " ".join((weight_a, weight_b, weight_c)),
            )
        )
    if not rows:
        return 0
    values = ", ".join(["(%s::bigint, %s, %s, %s, %s, %s)"] * len(rows))
    params = [value for row in rows for value in row]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE tenants_app_service AS s SET
                search_document =
                    setweight(to_tsvector('simple', v.a), 'A')
                    || setweight(to_tsvector('simple', v.b), 'B')
                    || setweight(to_tsvector('simple', v.c), 'C')
                    || setweight(to_tsvector('simple', v.d), 'D'),
                search_text = v.t
            FROM (VALUES {values}) AS v(id, a, b, c, d, t)
            WHERE s.id = v.id
            """,  # noqa: S608 - only placeholders are interpolated
            params,
        )
    return len(rows)
