"""Request routing: health checks, the request id, and which schema a host belongs to.

`RegencyRoutingMiddleware` is the tenancy boundary for HTTP: it resolves the host to the platform
(public schema) or to one regency (its schema), and nothing below it chooses a schema again.
"""

from __future__ import annotations

import logging
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import set_urlconf
from django.utils import translation
from django_tenants.utils import get_public_schema_name

from billing.models import BILLING_BLOCKED
from satupintu.db import connection
from satupintu.request_context import request_id_var

logger = logging.getLogger(__name__)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Every request gets an id (the proxy's X-Request-ID when sane), logged and echoed back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class HealthCheckMiddleware:
    """`/healthz` (the process answers) and `/readyz` (database and cache answer), on any host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return JsonResponse({"status": "ok"})
        if request.path == "/readyz":
            return readiness()
        return self.get_response(request)


def readiness() -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        logger.warning("readiness: database unreachable: %s", exc)
        checks["database"] = "error"
    try:
        key = f"readyz:{uuid.uuid4().hex}"
        cache.set(key, "1", 5)
        checks["cache"] = "ok" if cache.get(key) == "1" else "error"
        cache.delete(key)
    except Exception as exc:
        logger.warning("readiness: cache unreachable: %s", exc)
        checks["cache"] = "error"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "error", **checks}, status=200 if ready else 503
    )


STAFF_PATHS = (
    "/admin/",
    "/accounts/",
    "/en/accounts/",
    "/static/",
    "/media/",
    "/documents/",
    "/i18n/",
)


class PlatformTenant:
    """Stands for the public schema on the platform host (no regency row represents it)."""

    schema_name = get_public_schema_name()
    pk = None
    id = None
    name = "SatuPintu"
    code = ""
    status = "active"
    domain_url = ""


def hostname_of(request: HttpRequest) -> str:
    return request.get_host().rsplit(":", 1)[0].strip().lower().rstrip(".")


class RegencyRoutingMiddleware:
    """Host -> schema. Unknown hosts get a clear 404 page; a regency that is not serving, a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from regencies.models import RegencyStatus
        from regencies.selectors import regency_for_hostname

        connection.set_schema_to_public()
        try:
            hostname = hostname_of(request)
        except DisallowedHost:
            return _page(request, "satupintu/errors/unknown_host.html", status=400, host="")

        if hostname in settings.PLATFORM_HOSTS:
            request.tenant = PlatformTenant()  # type: ignore[attr-defined]
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF  # type: ignore[attr-defined]
            set_urlconf(request.urlconf)
            return self.get_response(request)

        regency = regency_for_hostname(hostname)
        if regency is None:
            return _page(request, "satupintu/errors/unknown_host.html", status=404, host=hostname)
        if regency.status != RegencyStatus.ACTIVE:
            templates: dict[str, str] = {
                RegencyStatus.SUSPENDED: "satupintu/errors/regency_suspended.html",
                RegencyStatus.ARCHIVED: "satupintu/errors/regency_suspended.html",
            }
            template = templates.get(regency.status, "satupintu/errors/regency_not_ready.html")
            response = _page(request, template, status=503, host=hostname, regency=regency)
            response["Retry-After"] = "3600"
            return response

        if getattr(regency, "billing_state", "") in BILLING_BLOCKED and not request.path.startswith(
            STAFF_PATHS
        ):
            # Unpaid past the grace period: citizens see a notice; staff can still sign in to pay.
            response = _page(
                request,
                "satupintu/errors/regency_billing.html",
                status=503,
                host=hostname,
                regency=regency,
            )
            response["Retry-After"] = "3600"
            return response

        regency.domain_url = hostname
        request.tenant = regency  # type: ignore[attr-defined]
        connection.set_tenant(regency)
        request.urlconf = settings.ROOT_URLCONF  # type: ignore[attr-defined]
        set_urlconf(request.urlconf)
        return self.get_response(request)


def _page(request: HttpRequest, template: str, *, status: int, **context) -> HttpResponse:
    language = translation.get_language_from_request(request) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = render_to_string(template, {"request": request, **context})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


class TenantOnlyRedirectMiddleware:
    """Wagtail's redirects live in each regency's schema; the platform host has none."""

    def __init__(self, get_response):
        from wagtail.contrib.redirects.middleware import RedirectMiddleware

        self.get_response = get_response
        self.redirects = RedirectMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.schema_name == "public":
            return self.get_response(request)
        return self.redirects(request)
