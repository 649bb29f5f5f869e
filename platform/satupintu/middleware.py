"""Request routing: health checks, the request id, and which schema a host belongs to.

`RegencyRoutingMiddleware` is the tenancy boundary for HTTP: it resolves the host to the platform
(public schema) or to one regency (its schema), and nothing below it chooses a schema again.
"""

from __future__ import annotations

import logging
import re
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import set_urlconf
from django.utils import timezone, translation
from django_tenants.utils import get_public_schema_name

from billing.models import BILLING_BLOCKED
from satupintu.db import connection
from satupintu.error_pages import citizen_language, notice_page
from satupintu.portal_door import portal_visit_context
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
# Suspended by an operator: the admin is closed except signing in and out and the page where the
# regency pays (allauth's sign-in is the only login path, also under /en/).
SUSPENDED_STAFF_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/jsi18n/",
    "/admin/paket/",
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/password/reset/",
    "/accounts/2fa/authenticate/",
    "/en/accounts/login/",
    "/en/accounts/logout/",
    "/en/accounts/password/reset/",
    "/en/accounts/2fa/authenticate/",
    "/static/",
)
SUSPENDED_ADMIN_HOME = "/admin/paket/"


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


def closed_notice(regency, path: str) -> str | None:
    """The notice a portal that is not serving answers `path` with; None lets the request on.

    An operator's suspension closes the portal and the admin, except what an admin needs to pay;
    an unpaid subscription closes only the citizens' pages; an archived portal is closed."""
    from regencies.models import RegencyStatus

    if regency.status == RegencyStatus.ACTIVE:
        if getattr(regency, "billing_state", "") in BILLING_BLOCKED and not path.startswith(
            STAFF_PATHS
        ):
            return "satupintu/errors/regency_billing.html"
        return None
    if regency.status == RegencyStatus.SUSPENDED:
        if path.startswith(SUSPENDED_STAFF_PATHS) or path.startswith("/admin/"):
            return None  # the rest of the admin is sent to the billing page below
        return "satupintu/errors/regency_suspended.html"
    if regency.status == RegencyStatus.ARCHIVED:
        return "satupintu/errors/regency_suspended.html"
    return "satupintu/errors/regency_not_ready.html"


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
            return notice_page(request, "satupintu/errors/unknown_host.html", status=400, host="")

        if hostname in settings.PLATFORM_HOSTS:
            request.tenant = PlatformTenant()  # type: ignore[attr-defined]
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF  # type: ignore[attr-defined]
            set_urlconf(request.urlconf)
            return self.get_response(request)

        regency = regency_for_hostname(hostname)
        if regency is None:
            return notice_page(
                request, "satupintu/errors/unknown_host.html", status=404, host=hostname
            )
        regency.domain_url = hostname
        notice = closed_notice(regency, request.path)
        if notice is not None:
            response = notice_page(
                request,
                notice,
                status=503,
                host=hostname,
                regency=regency,
                **_visit_context_for_tenant(regency, request),
            )
            response["Retry-After"] = "3600"
            return response
        if regency.status == RegencyStatus.SUSPENDED and not request.path.startswith(
            SUSPENDED_STAFF_PATHS
        ):
            return HttpResponseRedirect(SUSPENDED_ADMIN_HOME)

        request.tenant = regency  # type: ignore[attr-defined]
        connection.set_tenant(regency)
        request.urlconf = settings.ROOT_URLCONF  # type: ignore[attr-defined]
        set_urlconf(request.urlconf)
        # Times on a regency's pages are its own wall clock (WIB, WITA or WIT): a Badung
        # citizen's complaint was shown an hour early in Jakarta time. Code that needs a
        # location's own zone still passes it explicitly.
        with timezone.override(ZoneInfo(regency.time_zone or settings.TIME_ZONE)):
            return self.get_response(request)


def _visit_context_for_tenant(regency, request: HttpRequest) -> dict:
    """The MPP's address, phone and hours from the regency's catalogue, so that a closed portal
    still tells people where and when they are served; nothing if the schema cannot be read."""
    from regencies.models import RegencyStatus

    serving_once = (RegencyStatus.ACTIVE, RegencyStatus.SUSPENDED, RegencyStatus.ARCHIVED)
    if regency.status not in serving_once:
        return {}  # still being created: no catalogue yet
    request.tenant = regency  # type: ignore[attr-defined]  # the regency's time zone
    try:
        connection.set_tenant(regency)
        with translation.override(citizen_language(request)):
            return portal_visit_context(request=request)
    except Exception:
        logger.exception("the closed portal's visiting details could not be read")
        return {}
    finally:
        connection.set_schema_to_public()


_REDIRECTS_CHECKED = "_portal_redirects_checked"


def request_mark_redirects_checked(request: HttpRequest) -> None:
    """This request's 404 needs no redirect lookup on the way out (done, or known to be none)."""
    setattr(request, _REDIRECTS_CHECKED, True)


def redirect_or_not_found(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Wagtail's redirect from this 404's path if the regency has one, else the 404 itself; the
    lookup is made once per request."""
    from wagtail.contrib.redirects.middleware import RedirectMiddleware

    request_mark_redirects_checked(request)
    return RedirectMiddleware(lambda _request: response).process_response(request, response)


class TenantOnlyRedirectMiddleware:
    """Wagtail's redirects live in each regency's schema; the platform host has none. A 404 the
    portal's page cache already checked (or remembered, cms.middleware) is not looked up again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.schema_name == "public":
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code != 404 or getattr(request, _REDIRECTS_CHECKED, False):
            return response
        return redirect_or_not_found(request, response)
