"""Writing the operators' audit trail. Schema: public."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from audit.models import AuditEntry

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User
    from regencies.models import Regency


def audit_record(
    *,
    action: str,
    actor: User | None = None,
    regency: Regency | None = None,
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one row; `actor=None` means the system itself (a task, a scheduled job)."""
    ip = None
    if request is not None:
        ip = request.META.get("REMOTE_ADDR") or None
    return AuditEntry.objects.create(
        action=action,
        actor_id=getattr(actor, "pk", None),
        actor_email=getattr(actor, "email", "") or "",
        regency=regency,
        regency_code=getattr(regency, "code", "") or "",
        detail=detail or {},
        ip_address=ip,
    )
