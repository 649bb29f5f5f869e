"""What a user has set up to prove who they are. Schema: both (the current schema's users)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator


def user_has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def recovery_codes_left(user) -> int | None:
    """Unused recovery codes, or None when the user has none generated."""
    authenticator = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    ).first()
    if authenticator is None:
        return None
    return len(authenticator.wrap().get_unused_codes())
