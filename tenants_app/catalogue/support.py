"""Read-only support sessions of operators at a regency's admin. Schema: tenant (the grants are
checked and the audit written in the public schema through regencies.portal, the door)."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from regencies.portal import impersonation_accept, impersonation_event
from satupintu.db import connection

SESSION_KEY = "satupintu_impersonation"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def support_accept(request: HttpRequest, token: str) -> HttpResponse:
    accepted = impersonation_accept(
        token=token[:100], schema_name=connection.schema_name, request=request
    )
    if accepted is None:
        return TemplateResponse(request, "tenants_app/support_refused.html", status=403)
    grant, user = accepted
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_KEY] = {
        "grant": grant.pk,
        "operator": grant.operator_email,
        "admin": grant.admin_email,
        "expires_at": grant.expires_at.isoformat(),
    }
    request.session.set_expiry(grant.expires_at)
    return redirect("/admin/")


class ReadOnlySupportMiddleware:
    """While an operator looks at the admin as an admin: no writes, a banner, and an end time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        support = session.get(SESSION_KEY) if session is not None else None
        if not support:
            return self.get_response(request)
        if timezone.now() >= datetime.fromisoformat(support["expires_at"]):
            impersonation_event(
                grant_id=support["grant"], action="impersonation.end", detail={"by": "expiry"}
            )
            logout(request)
            return redirect("/admin/login/")
        if request.path.startswith("/accounts/logout") or request.path.startswith("/admin/logout"):
            impersonation_event(
                grant_id=support["grant"], action="impersonation.end", detail={"by": "logout"}
            )
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            impersonation_event(
                grant_id=support["grant"],
                action="impersonation.write_refused",
                detail={"path": request.path[:200], "method": request.method},
            )
            return render(
                request, "tenants_app/support_read_only.html", {"support": support}, status=403
            )
        if request.path.startswith("/admin/") and not request.headers.get("x-requested-with"):
            until = datetime.fromisoformat(support["expires_at"]).astimezone(
                timezone.get_current_timezone()
            )
            messages.warning(
                request,
                _(
                    "Akses dukungan baca saja: operator %(operator)s melihat admin sebagai "
                    "%(admin)s sampai pukul %(until)s. Perubahan tidak dapat disimpan."
                )
                % {
                    "operator": support["operator"],
                    "admin": support["admin"],
                    "until": f"{until:%H.%M}",
                },
            )
        return self.get_response(request)
