"""Two-step sign-in for a regency's staff: the admin's "Keamanan akun" page, from which each staff
member sets up an authenticator app (TOTP, allauth.mfa) and recovery codes, and the middleware
that sends staff without one there first when the regency requires it (`cms.StaffSecurity`).
Schema: tenant.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from accounts.selectors import recovery_codes_left, user_has_totp
from catalogue.support import SESSION_KEY as SUPPORT_SESSION_KEY
from cms.models import StaffSecurity
from satupintu.db import connection

SECURITY_PATH = "/admin/keamanan-akun/"
# Admin paths a staff member reaches before enrolling: the way in and out, the page that explains,
# and the script catalogue and icons the explaining page loads.
OPEN_PATHS = (
    SECURITY_PATH,
    "/admin/login/",
    "/admin/logout/",
    "/admin/jsi18n/",
    "/admin/sprite/",
    "/admin/dukungan/",
)


def staff_mfa_required(request: HttpRequest) -> bool:
    return StaffSecurity.load(request_or_site=request).require_mfa


class StaffMfaMiddleware:
    """While the regency requires two-step sign-in, a staff member without an authenticator app
    reaches no admin page but the one that sets it up. An operator's read-only support session is
    exempt: the operator has already passed the console's TOTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _must_enrol(request):
            return redirect(f"{SECURITY_PATH}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _must_enrol(request: HttpRequest) -> bool:
    if not request.path.startswith("/admin/") or request.path.startswith(OPEN_PATHS):
        return False
    if connection.schema_name == "public":
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.session.get(SUPPORT_SESSION_KEY):
        return False
    return staff_mfa_required(request) and not user_has_totp(user)


def account_security_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    has_totp = user_has_totp(user)
    required = staff_mfa_required(request)
    return TemplateResponse(
        request,
        "cms/admin/account_security.html",
        {
            "has_totp": has_totp,
            "required": required,
            "must_enrol": required and not has_totp,
            "codes_left": recovery_codes_left(user) if has_totp else None,
            "can_require": user.has_perm("cms.change_staffsecurity"),
        },
    )


def admin_urls() -> list:
    from django.urls import path

    return [path("keamanan-akun/", account_security_view, name="cms_account_security")]
