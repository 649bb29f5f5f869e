"""Operators looking at a regency's admin as one of its admins, read-only and for a limited time,
for support. Every start, end and refused write is in the audit trail. Schema: public -> tenant.

The operator gets a one-time link to the regency's own host; the regency's admin there accepts it
(once, before it expires) and signs the operator in as that admin, with the session marked
read-only until the grant expires. The audit's `impersonation.start` is written there, when access
is really granted: a link that is issued but never opened (or refused) grants nothing.

The console's form posts to the platform's host and is redirected to the regency's; browsers check
that redirect against the console page's CSP `form-action`, so the page offering the form allows
exactly that regency's origin (`impersonation_form_origin`).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from accounts.models import User
from audit.actions import audit_record
from regencies.models import ImpersonationGrant, Regency, RegencyStatus
from satupintu.errors import DomainError
from satupintu.portal_door import regency_admin_emails_for_tenant

GRANT_MINUTES = 30


class ImpersonationError(DomainError):
    code = "impersonation_refused"


def regency_admins_for_tenant(regency: Regency) -> list[str]:
    """E-mail addresses of the regency's admins (its superusers and "Admin MPP" members)."""
    return regency_admin_emails_for_tenant(schema_name=regency.schema_name)


def impersonation_start(
    *, regency: Regency, admin_email: str, operator, reason: str, request=None
) -> str:
    """Create a grant and return the link that opens the regency's admin read-only."""
    if regency.status != RegencyStatus.ACTIVE:
        raise ImpersonationError(_("Portal ini tidak aktif."))
    if not reason.strip():
        raise ImpersonationError(_("Tuliskan alasan akses dukungan."))
    if admin_email not in regency_admins_for_tenant(regency):
        raise ImpersonationError(_("%(email)s bukan admin portal ini.") % {"email": admin_email})
    grant = ImpersonationGrant.objects.create(
        token=secrets.token_urlsafe(32),
        regency=regency,
        operator_id=operator.pk,
        operator_email=operator.email,
        admin_email=admin_email,
        reason=reason.strip()[:300],
        expires_at=timezone.now() + timedelta(minutes=GRANT_MINUTES),
    )
    return regency.portal_url().rstrip("/") + f"/admin/dukungan/{grant.token}/"


def impersonation_form_origin(regency: Regency) -> str:
    """The origin the console's support form is redirected to (for its page's `form-action`)."""
    parts = urlsplit(regency.portal_url())
    return f"{parts.scheme}://{parts.netloc}"


def _active_admin_for_tenant(*, schema_name: str, email: str) -> User | None:
    """The regency's active user with this e-mail address (the grant's admin), if still there."""
    with schema_context(schema_name):
        return User.objects.filter(email=email, is_active=True).first()


@transaction.atomic
def impersonation_accept(
    *, token: str, schema_name: str, request=None
) -> tuple[ImpersonationGrant, User] | None:
    """Consume a grant at the regency's host: unused, unexpired, for this regency only, and for
    an admin who is still active there. Returns the grant and that admin, and records the start;
    None (nothing consumed, nothing recorded) otherwise."""

    with schema_context("public"):
        grant = (
            ImpersonationGrant.objects.select_for_update()
            .select_related("regency")
            .filter(
                token=token,
                regency__schema_name=schema_name,
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
    if grant is None:
        return None
    admin = _active_admin_for_tenant(schema_name=schema_name, email=grant.admin_email)
    if admin is None:
        return None
    with schema_context("public"):
        grant.used_at = timezone.now()
        grant.save(update_fields=["used_at"])
        audit_record(
            action="impersonation.start",
            actor=User.objects.filter(pk=grant.operator_id).first(),
            regency=grant.regency,
            request=request,
            detail={
                "operator": grant.operator_email,
                "admin": grant.admin_email,
                "reason": grant.reason,
                "expires_at": grant.expires_at.isoformat(),
            },
        )
    return grant, admin


def impersonation_event(*, grant_id: int, action: str, detail: dict | None = None) -> None:
    """Record an impersonation's end, or a write it refused (called at the regency's host)."""
    with schema_context("public"):
        grant = ImpersonationGrant.objects.select_related("regency").filter(pk=grant_id).first()
        if grant is None:
            return
        if action == "impersonation.end" and grant.ended_at is None:
            ImpersonationGrant.objects.filter(pk=grant.pk).update(ended_at=timezone.now())
        audit_record(
            action=action,
            regency=grant.regency,
            detail={"operator": grant.operator_email, "admin": grant.admin_email, **(detail or {})},
        )
