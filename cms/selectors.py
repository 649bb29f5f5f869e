"""What each citizen page shows, gathered with a fixed number of queries. Schema: tenant."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Page

from catalogue.hours import hours_data_cached, open_status, week_of
from catalogue.models import Location, ServiceChannel
from catalogue.selectors import (
    ServiceFilters,
    agency_get,
    agency_list,
    category_list,
    location_get,
    location_list,
    location_main,
    service_get,
    service_list_for_agency,
    service_list_popular,
    service_search,
)
from cms.life_events import life_event_links
from cms.models import (
    AgencyIndexPage,
    Branding,
    CataloguePage,
    LocationIndexPage,
    NewsIndexPage,
    NewsKind,
    NewsPage,
    ServiceIndexPage,
)
from cms.query_params import FILTER_PARAMS
from satupintu.page_cache import fragment_get, fragment_set, portal_cache_version
from workdays.selectors import local_today as workdays_local_today
from workdays.selectors import regency_timezone

PAGE_SIZE = 20
URGENT_DAYS = 14


def regency_time_zone(request: HttpRequest) -> str:
    """The regency's time zone name (workdays decides it; `request` kept for the callers)."""
    return regency_timezone().key


def local_today(request: HttpRequest) -> date:
    """Today in the regency (workdays decides it; `request` kept for the callers)."""
    return workdays_local_today()


def _branding(request: HttpRequest) -> Branding:
    return Branding.for_request(request)


def hours_for(
    request: HttpRequest, locations: list[Location], *, days: int = 7
) -> dict[int, dict[str, Any]]:
    """Open-now status and the coming week's hours of each location, in the regency's time zone."""
    if not locations:
        return {}
    today = local_today(request)
    data = hours_data_cached(
        location_ids=[loc.pk for loc in locations],
        start=today,
        end=today + timedelta(days=days + 14),
    )
    now = timezone.now()
    tz = regency_time_zone(request)
    return {
        loc.pk: {
            "status": open_status(location_id=loc.pk, now=now, tz=tz, data=data),
            "week": week_of(location_id=loc.pk, start=today, data=data),
        }
        for loc in locations
    }


def urgent_notices(*, today: date) -> list[NewsPage]:
    notices = (
        NewsPage.objects.live()
        .filter(is_urgent=True, date__gte=today - timedelta(days=90))
        .order_by("-date")
    )
    return [
        n for n in notices[:5] if (n.urgent_until or n.date + timedelta(days=URGENT_DAYS)) >= today
    ]


_HOME_HEAD = ("main_location", "service_index", "agency_index", "location_index")


def home_context(*, request: HttpRequest, page) -> dict[str, Any]:
    """The home page's rows, cached under the regency's content version (and the day, the host
    and the language: the notices depend on the date, the URLs on the host). Only "open now" is
    computed on every request, from the cached week (issue #15, docs/adr/0031).

    The rows themselves are lazy: the template keeps their rendered parts (`portal_fragment`),
    so a warm page reads only the small head (main location, index URLs), not every row."""
    today = local_today(request)
    suffix = f"{portal_cache_version()}:{today.isoformat()}:{request.get_host()}:{get_language()}"
    rows_once = functools.cache(lambda: _home_rows(request, today=today, suffix=suffix))
    head = fragment_get(f"home-head:{suffix}")
    if head is None:
        head = {name: rows_once()[name] for name in _HOME_HEAD}
        fragment_set(f"home-head:{suffix}", head, 24 * 3600)

    def row(name: str) -> SimpleLazyObject:
        return SimpleLazyObject(lambda: rows_once()[name])

    rows = {
        name: row(name)
        for name in ("popular_services", "agencies", "latest_news", "urgent_notices", "life_events")
    }
    main = head["main_location"]
    hours = hours_for(request, [main]) if main else {}
    return {
        **rows,
        **head,
        "home_day": today.isoformat(),
        "main_hours": hours.get(main.pk) if main else None,
    }


def _home_rows(request: HttpRequest, *, today: date, suffix: str) -> dict[str, Any]:
    key = f"home:{suffix}"
    rows = fragment_get(key)
    if rows is None:
        rows = {
            "main_location": location_main(),
            "popular_services": service_list_popular(),
            "agencies": agency_list(),
            "latest_news": list(NewsPage.objects.live().order_by("-date", "-pk")[:3]),
            "urgent_notices": urgent_notices(today=today),
        }
        urls = _index_urls(
            request,
            service_index=ServiceIndexPage,
            agency_index=AgencyIndexPage,
            location_index=LocationIndexPage,
        )
        rows.update(urls)
        rows["life_events"] = life_event_links(
            service_index=urls["service_index"],
            category_keys={category.key for category in category_list()},
        )
        fragment_set(key, rows, 24 * 3600)  # superseded versions expire; a change is a new key
    return rows


def _index_urls(request: HttpRequest, **models: type[CataloguePage]) -> dict[str, str]:
    """Each catalogue index page's URL ("" while it has no live page): kept under the content
    version (a publish, move or slug change bumps it), the host and the language, so the service
    page and the not-found page do not query for them on every request (issue #15)."""
    names = ",".join(f"{name}={model._meta.model_name}" for name, model in sorted(models.items()))
    return _kept(
        "index-urls",
        f"{request.get_host()}:{get_language()}:{names}",
        lambda: _index_urls_load(request, **models),
    )


def _index_urls_load(request: HttpRequest, **models: type[CataloguePage]) -> dict[str, str]:
    """Each catalogue index page's URL, in one query."""
    pages = (
        Page.objects.live()
        .filter(
            content_type__app_label="cms",
            content_type__model__in=[model._meta.model_name for model in models.values()],
        )
        .select_related("content_type")
        .order_by("path")
    )
    first: dict[str, Page] = {}
    for page in pages:
        first.setdefault(page.content_type.model, page)
    return {
        name: first[model._meta.model_name].get_url(request=request)
        if model._meta.model_name in first
        else ""
        for name, model in models.items()
    }


def service_directory_context(
    *, filters: ServiceFilters, page_number: str | None
) -> dict[str, Any]:
    """The directory's services matching `filters` (already parsed by the page), one page.

    The unfiltered directory's first pages (what most visitors open) are read from a fragment
    under the regency's content version; searches and filters are not kept (any text a visitor
    types would otherwise make a cache key)."""
    kept = not any(getattr(filters, field) for _name, field, _limit in FILTER_PARAMS) and (
        page_number is None or (page_number.isdigit() and int(page_number) <= DIRECTORY_PAGES_KEPT)
    )
    if not kept:
        return _service_directory_rows(filters=filters, page_number=page_number)
    # The template keeps this page rendered (portal_fragment "directory"): rows only on a miss.
    return {
        "filters": filters,
        "directory_kept": f"p{page_number or 1}",
        "directory_rows": lambda: _service_directory_rows(filters=filters, page_number=page_number),
    }


DIRECTORY_PAGES_KEPT = 20


def _service_directory_rows(*, filters: ServiceFilters, page_number: str | None) -> dict[str, Any]:
    paginator = Paginator(service_search(filters=filters), PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    params = {
        name: getattr(filters, field)
        for name, field, _limit in FILTER_PARAMS
        if getattr(filters, field)
    }
    return {
        "filters": filters,
        "services": page_obj.object_list,
        "page_obj": page_obj,
        "result_count": paginator.count,
        "query_string": urlencode(params),
        "agency_options": agency_list(),
        "category_options": category_list(),
        "location_options": location_list(),
        "channel_options": ServiceChannel.choices,
    }


def _kept(prefix: str, key: str, load: Callable[[], Any]) -> Any:
    """`load()` kept under the content version per key; None (an unknown key) is not kept."""
    cache_key = f"{prefix}:{portal_cache_version()}:{key}"
    value = fragment_get(cache_key)
    if value is None:
        value = load()
        if value is not None:
            fragment_set(cache_key, value, 24 * 3600)
    return value


def _service_row(key: str) -> dict[str, Any] | None:
    service = service_get(key=key)
    if service is None:
        return None
    counters = list(service.counters.all())
    return {"service": service, "counters": counters, "standard": service.current_standard}


def service_detail_context(*, request: HttpRequest, key: str) -> dict[str, Any] | None:
    """A service, its standard and counters: kept under the content version per existing key
    (an unknown key is not kept); "open now" at each counter's location is computed each time."""
    found = _kept("service", key, lambda: _service_row(key))
    if found is None:
        return None
    return service_page_context(
        request=request,
        service=found["service"],
        standard=found["standard"],
        counters=found["counters"],
    )


def counter_locations(counters: list) -> list[Location]:
    """Where these counters sit: each location once, in the counters' order."""
    return list({counter.location_id: counter.location for counter in counters}.values())


def service_page_context(
    *, request: HttpRequest, service, standard, counters: list
) -> dict[str, Any]:
    """A service page's context: the live service's, or a draft's (cms.previews)."""
    locations = counter_locations(counters)
    hours = hours_for(request, locations, days=1)
    by_location = [
        {"location": loc, "counters": [c for c in counters if c.location_id == loc.pk]}
        for loc in locations
    ]
    return {
        "service": service,
        "standard": standard,
        "counters_by_location": by_location,
        # "Open now" per location: filled into the kept "where" part on every request.
        "hours_by_location": hours,
        "page_title": service.name_local,
        # The service page leads on: its agency, and each location where it is served.
        **_index_urls(request, agency_index=AgencyIndexPage, location_index=LocationIndexPage),
    }


def agency_list_context(*, request: HttpRequest, query: str = "") -> dict[str, Any]:
    """Active agencies grouped by kind, those whose names contain `query` (a few dozen rows:
    filtered here rather than in SQL, so abbreviations and English names match too)."""
    agencies = agency_list()
    words = query.casefold().split()
    if words:
        agencies = [
            a
            for a in agencies
            if all(w in f"{a.name} {a.abbreviation} {a.name_en}".casefold() for w in words)
        ]
    kinds: dict[str, list] = {}
    for agency in agencies:
        kinds.setdefault(agency.get_kind_display(), []).append(agency)
    return {"agencies": agencies, "agencies_by_kind": kinds, "query": query}


def agency_detail_context(*, request: HttpRequest, key: str) -> dict[str, Any] | None:
    """An agency (kept under the content version per existing key); its services, counters and
    pledges are loaded only when the template's kept part (portal_fragment "agency") misses."""
    agency = _kept("agency", key, lambda: agency_get(key=key))
    if agency is None:
        return None
    return {
        "agency": agency,
        "page_title": agency.name_local,
        "agency_rows": lambda: _agency_rows(request, agency),
    }


def _agency_rows(request: HttpRequest, agency) -> dict[str, Any]:
    """What the agency page's kept part shows: its services, counters, pledges and where it sits."""
    counters = list(agency.counters.all())
    return {
        "services": service_list_for_agency(agency=agency),
        "counters": counters,
        "locations": [loc for loc in counter_locations(counters) if loc.is_active],
        "pledges": list(agency.pledges.all()),
        **_index_urls(request, service_index=ServiceIndexPage, location_index=LocationIndexPage),
    }


def location_list_context(*, request: HttpRequest) -> dict[str, Any]:
    locations = location_list()
    hours = hours_for(request, locations)
    return {"locations": [{"location": loc, "hours": hours.get(loc.pk)} for loc in locations]}


def location_detail_context(*, request: HttpRequest, key: str) -> dict[str, Any] | None:
    location = location_get(key=key)
    if location is None:
        return None
    hours = hours_for(request, [location])
    return {
        "location": location,
        "hours": hours.get(location.pk),
        "counters": list(location.counters.all()),
        "page_title": location.name,
    }


def news_list_context(
    *, index: NewsIndexPage, kind: str, page_number: str | None
) -> dict[str, Any]:
    """The index's live news, of `kind` when it is one of NewsKind's, one page."""
    items = NewsPage.objects.live().child_of(index).order_by("-date", "-pk")
    query_string = ""
    if kind in NewsKind.values:
        items = items.filter(kind=kind)
        query_string = urlencode({"jenis": kind})  # the page links keep the filter
    page_obj = Paginator(items, 10).get_page(page_number)
    return {
        "news_items": page_obj.object_list,
        "page_obj": page_obj,
        "kind": kind,
        "query_string": query_string,
    }


def error_page_context(*, request: HttpRequest) -> dict[str, Any]:
    """What the portal's not-found and error pages offer a lost visitor: the service search."""
    return _index_urls(request, service_index=ServiceIndexPage)


def visit_context(*, request: HttpRequest) -> dict[str, Any]:
    """Where and when the MPP serves in person (its main location's address, phone and hours),
    for the notice a closed portal shows instead of its pages."""
    main = location_main()
    if main is None:
        return {}
    return {
        "main_location": main,
        "main_hours": hours_for(request, [main]).get(main.pk),
        "main_phone": main.phone or _branding(request).phone,
    }
