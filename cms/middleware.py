"""Whole-page cache of a regency's citizen pages, for anonymous visitors.

Opt-in: a response is kept only when the view or Wagtail page type that made it is marked
`satupintu.page_cache.cacheable`; admin, accounts, live, kiosk and personal pages are never
cached because nobody marks them (the path prefixes below only spare those a cache lookup).

Keys carry the schema (the cache's key function), the host, the language, the full path and the
regency's content version, which every catalogue, calendar, page, branding or plan change bumps.
So a page is kept until the clock alone would change it: until the "open now" it shows ends
(`page_fresh_until`), the regency's next midnight (today's hours, notices, the date), or at most
PORTAL_PAGE_CACHE_SECONDS (an hour), whichever comes first (docs/adr/0056). A quiet portal's page
stays cached between visitors minutes apart. Schema: tenant.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.views import serve as wagtail_serve

from billing.portal import page_view_count
from cms.routing import not_found_get, not_found_keep, route_preset, route_remember
from satupintu.db import connection
from satupintu.middleware import redirect_or_not_found, request_mark_redirects_checked
from satupintu.page_cache import (
    is_cacheable,
    page_freshness_scope,
    portal_cache_version,
    portal_version_scope,
    request_is_cacheable,
    request_mark_cacheable,
)
from workdays.selectors import regency_timezone

UNCACHED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/documents/",
    "/media/",
    "/i18n/",
    "/live/",
    "/static/",
    "/healthz",
    "/readyz",
)
MAX_PATH = 300


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and connection.schema_name != "public"
        and not request.path.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and len(request.get_full_path()) <= MAX_PATH
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request_is_cacheable(request)  # opt-in: the view or page type is marked `cacheable`
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


class PortalPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or connection.schema_name == "public":
            return self.get_response(request)
        # A read: the regency's content version is read once, not once per fragment.
        with portal_version_scope():
            anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
            kept_404 = not_found_get(request) if anonymous else None
            if kept_404 is not None:
                # This path was a 404 without a redirect under the same content version (a
                # redirect saved since bumps it): no render and no redirect lookup.
                request_mark_redirects_checked(request)
                return kept_404
            response = self._serve(request)
            route_path = getattr(request, "_cms_route_to_remember", None)
            if route_path is not None and response.status_code == 200:
                route_remember(request, route_path)
            elif route_path is not None and response.status_code == 404:
                response = redirect_or_not_found(request, response)
                if response.status_code == 404 and anonymous:
                    not_found_keep(request, response)
        return response

    def _serve(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        raw = f"{request.get_host()}|{get_language()}|{request.get_full_path()}"
        key = f"page:{portal_cache_version()}:{hashlib.sha256(raw.encode()).hexdigest()}"
        cached = cache.get(key)
        if cached is not None and cached.get("fresh_until", 0) > timezone.now().timestamp():
            response = HttpResponse(
                cached["content"], status=200, content_type=cached["content_type"]
            )
            response["X-Portal-Cache"] = "hit"
            _count_view()
            return response
        with page_freshness_scope() as changes:
            response = self.get_response(request)
            keep = _cacheable_response(request, response)
            if keep and hasattr(response, "render") and callable(response.render):
                response = response.render()  # a lazy template response reports its changes
        if keep:
            fresh_until = _fresh_until(changes)
            cache.set(
                key,
                {
                    "content": response.content,
                    "content_type": response["Content-Type"],
                    # Checked on a hit as well: the shared cache's own expiry is only tidying.
                    "fresh_until": fresh_until.timestamp(),
                },
                max(1, math.ceil((fresh_until - timezone.now()).total_seconds())),
            )
            response["X-Portal-Cache"] = "miss"
            _count_view()
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        """A view function or class marked `cacheable` lets its response be kept; Wagtail's page
        types are marked through the `before_serve_page` hook (cms.wagtail_hooks)."""
        if is_cacheable(view_func):
            request_mark_cacheable(request)
        if view_func is wagtail_serve and request.method in ("GET", "HEAD"):
            # Keyed by the whole path (Wagtail's pattern passes its part positionally).
            path = request.path
            if not route_preset(request, path):
                request._cms_route_to_remember = path  # type: ignore[attr-defined]


def _fresh_until(changes: list[datetime]) -> datetime:
    """Until when a page just rendered may be served from the cache: the earliest of the clock
    changes it reported, the regency's next midnight and the configured longest keep."""
    now = timezone.now()
    local = now.astimezone(regency_timezone())
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), local.tzinfo)
    return min([now + timedelta(seconds=settings.PORTAL_PAGE_CACHE_SECONDS), midnight, *changes])


def _count_view() -> None:
    """A citizen page served: counted for the operators' usage view."""
    page_view_count(schema_name=connection.schema_name, day=timezone.localdate())
