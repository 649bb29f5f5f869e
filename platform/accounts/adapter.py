"""allauth adapter: links in e-mails point at the host the user is on; every password check is
counted by `accounts.login_limits`. Schema: both."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpRequest

from accounts import login_limits


def _account_of(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True

    # allauth's own per-key "login_failed" limit is switched off (settings.ACCOUNT_RATE_LIMITS):
    # these three hooks replace it with per-account and per-address lockouts that say when to
    # try again. They cover the login form and the password asked again by "reauthenticate".
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        lockout = login_limits.login_attempt_check(request, account=_account_of(credentials))
        if lockout:
            raise ValidationError(lockout.message(request), code="too_many_login_attempts")

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        login_limits.login_failure_record(request, account=_account_of(credentials))

    def authenticate(self, request: HttpRequest, **credentials: Any):
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_limits.login_success_record(request, account=_account_of(credentials))
        return user

    def get_client_ip(self, request: HttpRequest) -> str:
        """Behind ALLAUTH_TRUSTED_PROXY_COUNT proxies, the client's address; a forged
        X-Forwarded-For shorter than the chain falls back to the socket's address, not a 500."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META.get("REMOTE_ADDR") or "unknown"

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff of a regency land in its admin; everyone else where allauth would send them."""
        on_regency = getattr(getattr(request, "tenant", None), "schema_name", "public") != "public"
        if on_regency and request.user.is_staff:
            return "/admin/"
        return super().get_login_redirect_url(request)
