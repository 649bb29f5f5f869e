"""Reading complaints: by tracking code for the reporter, scoped lists for staff. Schema: tenant."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from billing.selectors import regency_modules
from catalogue.models import AgencyMembership
from complaints.codes import tracking_code_normalise
from complaints.models import Complaint, ComplaintEvent, EventKind, Identity, Status
from satupintu.db import connection
from workdays.selectors import local_today, nth_working_day_after


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


def complaint_deadline_counts(user) -> dict[str, int]:
    """How many of the user's complaints are overdue or due today/next working day (two
    counts in one query)."""
    today = local_today()
    soon = nth_working_day_after(start=today, n=1)
    verifying = Q(status__in=[Status.RECEIVED, Status.VERIFIED])
    at_agency = Q(status__in=[Status.FORWARDED, Status.IN_PROGRESS])
    return complaint_list_for_user(user).aggregate(
        overdue=Count(
            "id",
            filter=(verifying & Q(forward_due__lt=today)) | (at_agency & Q(followup_due__lt=today)),
        ),
        due_soon=Count(
            "id",
            filter=(verifying & Q(forward_due__gte=today, forward_due__lte=soon))
            | (at_agency & Q(followup_due__gte=today, followup_due__lte=soon)),
        ),
    )
