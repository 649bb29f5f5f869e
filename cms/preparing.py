"""The "sedang disiapkan" page: until a regency's admin publishes its portal (docs/adr/0040),
citizens get a branded page naming the MPP and the regency (200, noindex, never cached) while
signed-in staff see the real portal under a banner. Schema: tenant.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cms.golive import portal_is_public
from satupintu.db import connection
from satupintu.middleware import STAFF_PATHS
from satupintu.page_cache import portal_version_scope

# Staff's ways in and what devices and pages need; everything else is a citizen page.
OPEN_PREFIXES = (
    *STAFF_PATHS,
    "/jsi18n/",
    "/live/",
    "/api/",
    "/healthz",
    "/readyz",
    "/favicon.ico",
    "/robots.txt",
    # The MPP building serves whether or not its portal is published: its queue kiosks, TV
    # displays, the tickets they print and the counter survey tablets keep working.
    "/antrean/perangkat/",
    "/antrean/kios/",
    "/antrean/layar/",
    "/antrean/tiket/",
    "/skm/tablet/",
)


class PortalPreparingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            # The page cache below reads the content version too: one read serves both.
            with portal_version_scope():
                return self._serve(request)
        return self._serve(request)

    def _serve(self, request: HttpRequest) -> HttpResponse:
        if (
            connection.schema_name == "public"
            or request.path.startswith(OPEN_PREFIXES)
            or portal_is_public()
        ):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            request.portal_preparing = True  # type: ignore[attr-defined]  # the staff banner
            return self.get_response(request)
        response = render(
            request, "cms/errors/preparing.html", {"regency": getattr(request, "tenant", None)}
        )
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "no-store"
        return response
