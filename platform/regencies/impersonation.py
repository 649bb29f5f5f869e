"""Operators looking at a regency's admin as one of its admins, read-only and for a limited time,
for support. Every start, end and refused write is in the audit trail. Schema: public -> tenant.

The operator gets a one-time link to the regency's own host; the regency's admin there accepts it
(once, before it expires) and signs the operator in as that admin, with the session marked
read-only until the grant expires.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from audit.actions import audit_record
from regencies.models import ImpersonationGrant, Regency, RegencyStatus
from satupintu.errors import DomainError

GRANT_MINUTES = 30


class ImpersonationError(DomainError):
    code = "impersonation_refused"


def regency_admins_for_tenant(regency: Regency) -> list[str]:
    """E-mail addresses of the regency's admins (its superusers and "Admin MPP" members)."""
    from django.db.models import Q

    from accounts.models import User
    from tenants_app.permissions import ROLE_REGENCY_ADMIN

    with schema_context(regency.schema_name):
        return list(
            User.objects.filter(
                Q(is_superuser=True) | Q(groups__name=ROLE_REGENCY_ADMIN), is_active=True
            )
            .distinct()
            .order_by("email")
            .values_list("email", flat=True)
        )


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
    audit_record(
        action="impersonation.start",
        actor=operator,
        regency=regency,
        request=request,
        detail={
            "admin": admin_email,
            "reason": grant.reason,
            "expires_at": grant.expires_at.isoformat(),
        },
    )
    return regency.portal_url().rstrip("/") + f"/admin/dukungan/{grant.token}/"


@transaction.atomic
def impersonation_accept(*, token: str, schema_name: str) -> ImpersonationGrant | None:
    """Consume a grant at the regency's host: unused, unexpired, and for this regency only."""
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
        grant.used_at = timezone.now()
        grant.save(update_fields=["used_at"])
        return grant


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
