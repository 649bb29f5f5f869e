"""Reading a regency's catalogue, with the query count in mind. Schema: tenant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet

from catalogue.models import (
    Agency,
    Counter,
    Location,
    Service,
    ServiceCategory,
    ServiceChannel,
    ServicePledge,
)
from catalogue.search import query_words, tsquery_for
from satupintu.page_cache import portal_cache_version


@dataclass(frozen=True)
class ServiceFilters:
    query: str = ""
    agency: str = ""
    category: str = ""
    location: str = ""
    channel: str = ""


def _service_base() -> QuerySet[Service]:
    return Service.objects.filter(
        live=True, is_active=True, agency__live=True, agency__is_active=True
    ).select_related("agency", "category", "current_standard")


def search_vocabulary() -> frozenset[str]:
    """Every word of the regency's active services' search text (cached per content version)."""
    key = f"search-vocabulary:{portal_cache_version()}"
    words = cache.get(key)
    if words is None:
        words = frozenset(
            part
            for text in Service.objects.filter(live=True, is_active=True).values_list(
                "search_text", flat=True
            )
            for word in text.split()
            for part in word.split("-")
            if len(part) >= 3
        )
        cache.set(key, words, 60 * 60)
    return words


def service_search(*, filters: ServiceFilters) -> QuerySet[Service]:
    """Active services matching a citizen's words and filters, best match first.

    Every word must match (by prefix) the ranked full-text document: names and keywords weigh
    most, then agency and category, then requirements and products. Misspelt words are corrected
    against the catalogue's vocabulary first; if no service has all the words, services with any
    of them are shown. Odd input (empty, very long, SQL or HTML characters) is just words or none.
    """
    services = _service_base()
    if filters.agency:
        services = services.filter(agency__key=filters.agency)
    if filters.category:
        services = services.filter(category__key=filters.category)
    if filters.channel in ServiceChannel.values:
        services = services.filter(channel=filters.channel)
    if filters.location:
        services = services.filter(
            counters__location__key=filters.location, counters__is_active=True
        ).distinct()
    words = query_words(
        filters.query, vocabulary=search_vocabulary() if filters.query.strip() else frozenset()
    )
    if not words:
        return services.order_by("-is_popular", "name")
    query = SearchQuery(tsquery_for(words), search_type="raw", config="simple")
    matches = services.filter(search_document=query)
    if len(words) > 1 and not matches.exists():
        query = SearchQuery(tsquery_for(words, operator="|"), search_type="raw", config="simple")
        matches = services.filter(search_document=query)
    return matches.annotate(rank=SearchRank(F("search_document"), query)).order_by("-rank", "name")


def service_get(*, key: str) -> Service | None:
    return (
        _service_base()
        .filter(key=key)
        .prefetch_related(
            Prefetch(
                "counters",
                queryset=Counter.objects.filter(
                    is_active=True, location__live=True, location__is_active=True
                )
                .select_related("location")
                .order_by("location__sort_order", "location__name", "code"),
            )
        )
        .first()
    )


def service_list_popular(*, limit: int = 8) -> list[Service]:
    return list(_service_base().filter(is_popular=True).order_by("name")[:limit])


def service_list_for_agency(*, agency: Agency) -> list[Service]:
    return list(_service_base().filter(agency=agency).order_by("name"))


def agency_list() -> list[Agency]:
    """Active agencies with their number of active services, in display order."""
    return list(
        Agency.objects.filter(live=True, is_active=True)
        .select_related("logo")
        .annotate(
            service_count=Count("services", filter=Q(services__is_active=True, services__live=True))
        )
        .order_by("sort_order", "name")
    )


def agency_get(*, key: str) -> Agency | None:
    return (
        Agency.objects.filter(live=True, is_active=True, key=key)
        .select_related("logo")
        .prefetch_related(
            Prefetch(
                "counters",
                queryset=Counter.objects.filter(is_active=True, location__live=True)
                .select_related("location")
                .order_by("code"),
            ),
            Prefetch("pledges", queryset=ServicePledge.objects.filter(live=True, is_active=True)),
        )
        .first()
    )


def category_list() -> list[ServiceCategory]:
    return list(
        ServiceCategory.objects.annotate(
            service_count=Count("services", filter=Q(services__is_active=True, services__live=True))
        ).filter(service_count__gt=0)
    )


def location_list() -> list[Location]:
    return list(
        Location.objects.filter(live=True, is_active=True)
        .annotate(counter_count=Count("counters", filter=Q(counters__is_active=True)))
        .order_by("sort_order", "name")
    )


def location_get(*, key: str) -> Location | None:
    return (
        Location.objects.filter(live=True, is_active=True, key=key)
        .prefetch_related(
            Prefetch(
                "counters",
                queryset=Counter.objects.filter(
                    is_active=True, agency__live=True, agency__is_active=True
                )
                .select_related("agency")
                .order_by("code"),
            )
        )
        .first()
    )


def location_main() -> Location | None:
    """The MPP building (the first main location), or the first location at all."""
    locations = Location.objects.filter(live=True, is_active=True).order_by("sort_order", "name")
    return locations.filter(kind="main").first() or locations.first()


def pledge_list() -> list[ServicePledge]:
    """The regency-wide pledge first, then the agencies' pledges."""
    return list(
        ServicePledge.objects.filter(live=True, is_active=True)
        .select_related("agency")
        .order_by(F("agency").asc(nulls_first=True), "agency__sort_order", "agency__name")
    )


def catalogue_counts() -> dict[str, int]:
    """Active services and counters (for the operators' usage column)."""
    return {
        "services": Service.objects.filter(live=True, is_active=True).count(),
        "counters": Counter.objects.filter(is_active=True).count(),
    }


def dimension_labels(name: str, keys: set) -> dict[Any, str]:
    """The label of each key of one figures dimension (the queue's figures, the dashboard):
    service and agency names, counter codes, officer e-mail addresses."""
    if not keys:
        return {}
    labelled: dict[str, tuple[type[Model], str]] = {
        "service": (Service, "name"),
        "agency": (Agency, "name"),
        "counter": (Counter, "code"),
        "officer": (get_user_model(), "email"),
    }
    model, field = labelled[name]
    return dict(model._default_manager.filter(pk__in=keys).values_list("pk", field))
