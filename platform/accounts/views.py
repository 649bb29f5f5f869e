"""Sign-in pages around allauth: Wagtail's login address, and the page of a refused flood.
Schema: both."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

ADMIN_HOME = "/admin/"


def admin_login(request: HttpRequest) -> HttpResponse:
    """`/admin/login/` is allauth's sign-in page, so a regency's staff have one way in, with the
    same limits and TOTP step as everyone else. Credentials posted here are never checked."""
    next_url = request.GET.get("next", "")
    if not next_url.startswith(ADMIN_HOME) or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = ADMIN_HOME
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """allauth's answer to a flood from one address (settings.ACCOUNT_RATE_LIMITS, all per
    minute): in the visitor's language, saying when to try again."""
    response = TemplateResponse(request, "accounts/too_many_requests.html", status=429)
    response["Retry-After"] = "60"
    return response
