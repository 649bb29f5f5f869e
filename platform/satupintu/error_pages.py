"""The pages a visitor sees when something is wrong: not found, a server error, a portal that is
closed or unknown. Schema: both (a regency's host renders them in its branding, the platform's host
in the platform's).

They must look like production whatever `DEBUG` says, speak the visitor's language the way citizen
pages do (Indonesian, English only under `/en/`, never the browser's Accept-Language), and the
server-error page must render even when the database cannot be reached: it falls back to a plain
page that names the regency from what routing already knows.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from satupintu.db import connection
from satupintu.portal_door import portal_error_page_context

logger = logging.getLogger(__name__)


def citizen_language(request: HttpRequest) -> str:
    """Indonesian unless the path chose another language (`/en/...`), as on citizen pages."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


# The JSON API (`/api/v1/`, documented in queueing.openapi) answers every error, its own or the
# shared layers' (input guard, routing, URL resolution, the 500 handler), with its error object:
# a kiosk or a client generated from the OpenAPI document cannot read an HTML page.
API_PREFIX = "/api/"
API_ERRORS = {
    400: ("bad_request", _("Permintaan tidak dapat dibaca atau memuat isian yang tidak sah.")),
    404: ("not_found", _("Alamat API tidak ditemukan.")),
    413: ("too_large", _("Isi permintaan terlalu besar.")),
    500: ("server_error", _("Terjadi gangguan di server. Silakan coba lagi nanti.")),
    503: ("unavailable", _("Portal ini sedang tidak melayani.")),
}


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(request: HttpRequest, *, status: int) -> JsonResponse:
    """The API's error object (`{"error": {"code", "message"}}`) for a shared layer's refusal."""
    code, message = API_ERRORS.get(status, API_ERRORS[400])
    with translation.override(citizen_language(request)):
        return JsonResponse({"error": {"code": code, "message": str(message)}}, status=status)


def notice_page(request: HttpRequest, template: str, *, status: int, **context) -> HttpResponse:
    """A page rendered without context processors (no session, no database), in the citizen's
    language; the API's error object under `/api/`."""
    if is_api_request(request):
        return api_error(request, status=status)
    with translation.override(citizen_language(request)):
        body = render_to_string(template, {"request": request, **context})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def _on_platform(request: HttpRequest) -> bool:
    return getattr(getattr(request, "tenant", None), "schema_name", "public") == "public"


TEMPLATES = {
    ("platform", 404): "satupintu/platform/not_found.html",
    ("platform", 500): "satupintu/platform/server_error.html",
    ("portal", 404): "cms/errors/not_found.html",
    ("portal", 500): "cms/errors/server_error.html",
}


def _error_page(request: HttpRequest, *, status: int) -> HttpResponse:
    if is_api_request(request):
        return api_error(request, status=status)
    side = "platform" if _on_platform(request) else "portal"
    with translation.override(citizen_language(request)):
        try:
            context = {}
            if side == "portal":
                _tenant_schema_ensure(request)
                context = portal_error_page_context(request=request)
            body = render_to_string(TEMPLATES[side, status], context, request=request)
        except Exception:
            # The branded page needs the database (the regency's branding, its menu); without
            # it the visitor still gets a page in our words, named after the portal.
            logger.exception("the %s page of the %s fell back to its plain form", status, side)
            tenant = getattr(request, "tenant", None)
            name = "" if _on_platform(request) else getattr(tenant, "brand_name", "")
            body = render_to_string(
                "satupintu/errors/plain_error.html",
                {"status": status, "name": name or getattr(tenant, "name", "") or "SatuPintu"},
            )
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def _tenant_schema_ensure(request: HttpRequest) -> None:
    """Under ASGI, Django answers a path no URL pattern matches (/wp-login.php) from a thread
    other than the request's, whose connection starts on the public schema: the branded page
    then failed to read the regency's branding and fell back to its plain form. Put this
    thread's connection on the request's regency."""
    tenant = request.tenant  # type: ignore[attr-defined]
    if connection.schema_name != tenant.schema_name:
        connection.set_tenant(tenant)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    from satupintu.input_guard import input_error_response_for_current_exception

    # Input the database or a parser could not hold, found outside a view: a 400, not ours.
    refused = input_error_response_for_current_exception(request)
    if refused is not None:
        return refused
    return _error_page(request, status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 (a malformed upload, a body over its limits, a suspicious request)."""
    from satupintu.input_guard import bad_request as refused

    return refused(request)
