"""Reading the audit trail. Schema: public."""

from django.db.models import QuerySet

from audit.models import AuditEntry


def audit_list_for_regency(*, regency_id: int, limit: int = 100) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(regency_id=regency_id).order_by("-created_at", "-id")[:limit]
