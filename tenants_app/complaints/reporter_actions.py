"""The reporter's own writes, by the holder of the Kode Lacak: added information and replies,
reopening within the regency's limit, rating. No activity entry (no staff acted); the complaint's
history records each. Schema: tenant.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.actions import (
    TERMINAL,
    ComplaintError,
    IllegalTransition,
    _event,
    _locked,
    _reason,
)
from complaints.deadlines import FOLLOW_UP_DAYS, VERIFY_DAYS, complaint_settings, due_after
from complaints.models import Complaint, ComplaintEvent, EventKind, Status
from workdays.selectors import local_today, regency_timezone


@transaction.atomic
def complaint_reporter_message(*, complaint: Complaint, text: str) -> ComplaintEvent:
    """Added information or a reply to the answer; a reply during Ditindaklanjuti stops the
    auto-close (the coordinator decides)."""
    complaint = _locked(complaint)
    if complaint.status in TERMINAL:
        raise ComplaintError(_("Pengaduan ini sudah ditutup; buka kembali bila perlu."))
    complaint.reporter_replied_at = timezone.now()
    complaint.save(update_fields=["reporter_replied_at"])
    return _event(complaint, kind=EventKind.REPORTER, text=_reason(text), label=_("pelapor"))


def reopen_until(complaint: Complaint) -> date | None:
    if complaint.status != Status.CLOSED or complaint.closed_at is None:
        return None
    closed_day = complaint.closed_at.astimezone(regency_timezone()).date()
    return closed_day + timedelta(days=complaint_settings().reopen_days)


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, text: str) -> Complaint:
    complaint = _locked(complaint)
    until = reopen_until(complaint)
    if until is None or local_today() > until:
        raise IllegalTransition(_("Pengaduan ini tidak dapat dibuka kembali."))
    now = timezone.now()
    to = Status.IN_PROGRESS if complaint.agency_id else Status.VERIFIED
    complaint.status, complaint.status_changed_at = to, now
    complaint.closed_at = complaint.within_deadlines = complaint.autoclose_on = None
    if complaint.agency_id:
        complaint.followup_due = due_after(at=now, n=FOLLOW_UP_DAYS)
    else:
        complaint.forward_due = due_after(at=now, n=VERIFY_DAYS)
    complaint.reporter_replied_at = now
    complaint.save()
    _event(
        complaint,
        kind=EventKind.STATUS,
        status_from=Status.CLOSED,
        status_to=to,
        text=_reason(text),
        label=_("pelapor"),
    )
    return complaint


@transaction.atomic
def complaint_rate(*, complaint: Complaint, rating: int, comment: str = "") -> Complaint:
    complaint = _locked(complaint)
    if complaint.status != Status.CLOSED:
        raise ComplaintError(_("Penilaian dapat diberikan setelah pengaduan selesai."))
    if not 1 <= rating <= 5:
        raise ComplaintError(_("Pilih nilai 1 sampai 5."))
    complaint.rating, complaint.rating_comment = rating, comment.strip()[:500]
    complaint.save(update_fields=["rating", "rating_comment"])
    return complaint
