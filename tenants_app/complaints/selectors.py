"""Reading complaints: by tracking code for the reporter, scoped lists for staff. Schema: tenant."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from billing.selectors import regency_modules
from catalogue.models import AgencyMembership
from complaints.codes import tracking_code_normalise
from complaints.models import Complaint, ComplaintEvent, EventKind, Identity, Status
from satupintu.db import connection


def complaints_enabled() -> bool:
    """Whether this regency's plan includes the complaints module."""
    return regency_modules(schema_name=connection.schema_name).complaints


def is_coordinator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("complaints.coordinate_complaint")
    )


def complaint_agency_scope(user) -> set[int] | None:
    """None: every complaint (coordinator); else the agencies whose forwarded complaints the user
    answers (empty: none)."""
    if is_coordinator(user):
        return None
    if not (user.is_authenticated and user.has_perm("complaints.answer_complaint")):
        return set()
    return set(AgencyMembership.objects.filter(user=user).values_list("agency_id", flat=True))


def complaint_list_for_user(user, *, status: str = "", query: str = "") -> QuerySet[Complaint]:
    queryset = Complaint.objects.select_related("agency", "service", "about_agency")
    agencies = complaint_agency_scope(user)
    if agencies is not None:
        queryset = queryset.filter(agency_id__in=agencies).exclude(
            status__in=[Status.RECEIVED, Status.VERIFIED, Status.POSTPONED]
        )
    if status:
        queryset = queryset.filter(status=status)
    if query:
        code = tracking_code_normalise(query)
        queryset = queryset.filter(
            Q(subject__icontains=query) | Q(lapor_id=query) | Q(tracking_code=code or "-")
        )
    return queryset


def complaint_get_for_user(user, *, pk: int) -> Complaint | None:
    return complaint_list_for_user(user).filter(pk=pk).first()


def complaint_get_by_code(*, code: str) -> Complaint | None:
    normalised = tracking_code_normalise(code)
    if normalised is None:
        return None
    return Complaint.objects.filter(tracking_code=normalised).first()


def complaint_public_events(complaint: Complaint) -> list[ComplaintEvent]:
    """The history the reporter sees: no internal notes, no staff names."""
    return list(complaint.events.exclude(kind=EventKind.NOTE))


def complaint_events_for_user(user, complaint: Complaint) -> list[ComplaintEvent]:
    return list(complaint.events.all())


def reporter_visible_to(user, complaint: Complaint) -> bool:
    """Rahasiakan identitas: only coordinators see who complained."""
    return complaint.identity != Identity.CONFIDENTIAL or is_coordinator(user)
