"""allauth adapter: links in e-mails point at the configured address of the site the user is on
(satupintu.site_urls), never at the request's Host header; every password check is counted by
`accounts.login_limits`. Schema: both."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpRequest

from accounts import login_limits
from billing.selectors import regency_modules
from satupintu.db import connection
from satupintu.site_urls import site_for_mail, site_link

# allauth's notices an applicant need not read on the page they land on (the page itself says so,
# or they only repeat the last step): without them the wizard opens on at most one notice.
QUIET_MESSAGES = frozenset(
    {
        "account/messages/logged_in.txt",
        "account/messages/email_confirmation_sent.txt",
        "account/messages/logged_out.txt",
    }
)
# Where an applicant resumes on the platform host: the wizard, at the step they left.
WIZARD_PATH = "/daftar/"
ADMIN_PATH = "/admin/"
# A counter officer's screen (queueing.views_counter): officers hold no admin access.
COUNTER_PATH = "/antrean/loket/"


def staff_home_path(user) -> str:
    """Where a regency's staff member works: the admin for those who may use it, the counter
    screen for a counter officer while the regency's plan has the queue module (issue 16: sent
    to the admin, Wagtail sent them to the sign-in page, which sent a signed-in user back to the
    admin), the portal for anyone else."""
    if user.has_perm("wagtailadmin.access_admin"):
        return ADMIN_PATH
    if (
        user.has_perm("queueing.serve_counter")
        and regency_modules(schema_name=connection.schema_name).queue
    ):
        return COUNTER_PATH
    return "/"


def _admin_refused(user, url: str | None) -> bool:
    """Whether `url` is in the admin and `user`, signed in, may not use it."""
    return bool(
        url
        and urlsplit(url).path.startswith(ADMIN_PATH)
        and user.is_authenticated
        and not user.has_perm("wagtailadmin.access_admin")
    )


def _on_platform(request) -> bool:
    return getattr(getattr(request, "tenant", None), "schema_name", "public") == "public"


def _account_of(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True

    def format_email_subject(self, subject: str) -> str:
        return f"[{site_for_mail(allauth_context.request).name}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every allauth e-mail (confirmation, password reset, unknown account, codes): links
        built from this request's host point at the site's configured domain instead, and the
        site's name and domain are the configured ones."""
        request = context.get("request") or allauth_context.request
        context = {
            "current_site": site_for_mail(request),
            **{k: site_link(request, v) if isinstance(v, str) else v for k, v in context.items()},
        }
        super().send_mail(template_prefix, email, context)

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

    def is_safe_url(self, url: str) -> bool:
        """Not the admin for a signed-in user who may not use it: Wagtail sends such a user from
        the admin to the sign-in page, whose `next` would send them back (a loop); they go where
        they work instead (`get_login_redirect_url`)."""
        request = allauth_context.request
        user = getattr(request, "user", None)
        if user is not None and _admin_refused(user, url):
            return False
        return super().is_safe_url(url)

    def post_login(self, request: HttpRequest, user, *, redirect_url: str | None, **kwargs):
        """A `next` in the admin is dropped for a user who may not use it (a counter officer
        signing in where the admin sent them): they land where they work."""
        if _admin_refused(user, redirect_url):
            redirect_url = None
        return super().post_login(request, user, redirect_url=redirect_url, **kwargs)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff of a regency land where they work (`staff_home_path`: the admin, or a counter
        officer's counter screen); an applicant on the platform host returns to the wizard
        (which opens the step they left); everyone else where allauth would send them."""
        if not _on_platform(request) and request.user.is_staff:
            return staff_home_path(request.user)
        if _on_platform(request) and not request.user.is_staff:
            return WIZARD_PATH
        return super().get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address) -> str:
        """After the confirmation link, an applicant not signed in on this browser signs in and
        goes on to the wizard, not to the landing page."""
        request = self.request
        if _on_platform(request) and not request.user.is_authenticated:
            return f"/accounts/login/?next={WIZARD_PATH}"
        return super().get_email_verification_redirect_url(email_address)

    def add_message(self, request, level, message_template=None, *args, **kwargs) -> None:
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)
