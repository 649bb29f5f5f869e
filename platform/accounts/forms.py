"""The TOTP and recovery-code forms of allauth.mfa, with the same lockouts as passwords
(`accounts.login_limits`), counted per user and per address. Schema: both."""

from __future__ import annotations

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django.core.exceptions import ValidationError

from accounts import login_limits


class _LimitedCodeMixin:
    def clean_code(self) -> str:
        request = context.request
        account = f"mfa:{self.user.pk}"  # type: ignore[attr-defined]
        lockout = login_limits.login_attempt_check(request, account=account)
        if lockout:
            raise ValidationError(lockout.message(request), code="too_many_login_attempts")
        try:
            code = super().clean_code()  # type: ignore[misc]
        except ValidationError:
            login_limits.login_failure_record(request, account=account)
            raise
        login_limits.login_success_record(request, account=account)
        return code


class LimitedAuthenticateForm(_LimitedCodeMixin, AuthenticateForm):
    """The code asked after the password at sign-in."""


class LimitedReauthenticateForm(_LimitedCodeMixin, ReauthenticateForm):
    """The code asked again before a sensitive change."""
