"""The SP4N-LAPOR! working-day deadlines of a complaint (docs/adr/0023). Schema: tenant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from complaints.models import Complaint, ComplaintSettings, Status
from workdays.selectors import deadline_after_receipt, local_today, nth_working_day_after

VERIFY_DAYS = 3
FOLLOW_UP_DAYS = 5
AUTO_CLOSE_DAYS = 10

VERIFYING = (Status.RECEIVED, Status.VERIFIED)
AT_AGENCY = (Status.FORWARDED, Status.IN_PROGRESS)


def complaint_settings() -> ComplaintSettings:
    """The regency's settings row (an unsaved default when there is none)."""
    return ComplaintSettings.objects.first() or ComplaintSettings()


def due_after(*, at: datetime, n: int) -> date:
    return deadline_after_receipt(
        received_at=at, n=n, closes_at=complaint_settings().office_closes_at
    )


@dataclass(frozen=True)
class DeadlineState:
    due: date | None
    overdue: bool
    due_soon: bool


def current_due(complaint: Complaint) -> date | None:
    """The date the current step must be done by (staff deadlines only)."""
    if complaint.status in VERIFYING:
        return complaint.forward_due
    if complaint.status in AT_AGENCY:
        return complaint.followup_due
    return None


def deadline_states(complaints: list[Complaint]) -> dict[int, DeadlineState]:
    """Overdue and due-soon (due today or on the next working day), one calendar read."""
    today = local_today()
    soon = nth_working_day_after(start=today, n=1)
    states = {}
    for complaint in complaints:
        due = current_due(complaint)
        states[complaint.pk] = DeadlineState(
            due=due,
            overdue=due is not None and due < today,
            due_soon=due is not None and today <= due <= soon,
        )
    return states
