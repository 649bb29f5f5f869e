"""Whole-page cache of a regency's citizen pages, for anonymous visitors.

Keys carry the schema (the cache's key function), the host, the language, the full path and the
regency's content version, which every catalogue or page change bumps; entries also expire after
PORTAL_PAGE_CACHE_SECONDS, so "open now" is never staler than that. Schema: tenant.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from satupintu.db import connection

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


def _cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


class PortalPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        from catalogue.actions import portal_cache_version

        raw = f"{request.get_host()}|{get_language()}|{request.get_full_path()}"
        key = f"page:{portal_cache_version()}:{hashlib.sha256(raw.encode()).hexdigest()}"
        cached = cache.get(key)
        if cached is not None:
            response = HttpResponse(
                cached["content"], status=200, content_type=cached["content_type"]
            )
            response["X-Portal-Cache"] = "hit"
            _count_view()
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            cache.set(
                key,
                {"content": response.content, "content_type": response["Content-Type"]},
                settings.PORTAL_PAGE_CACHE_SECONDS,
            )
            response["X-Portal-Cache"] = "miss"
            _count_view()
        return response


def _count_view() -> None:
    """A citizen page served: counted for the operators' usage view."""
    from billing.usage import page_view_count

    page_view_count(schema_name=connection.schema_name, day=timezone.localdate())
