"""The regency's scheduled complaint work: auto-close, reminders (each sent once) and erasing
contact details after the retention period. Each function is idempotent. Schema: tenant.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.actions import activity_record
from complaints.actions import complaint_close
from complaints.deadlines import AT_AGENCY, VERIFYING, complaint_settings
from complaints.models import Complaint, ReminderSent, Status
from workdays.selectors import local_today, nth_working_day_after


def complaints_autoclose() -> int:
    """Close what was followed up 10 working days ago with no word from the reporter since."""
    today = local_today()
    due = Complaint.objects.filter(status=Status.FOLLOWED_UP, autoclose_on__lte=today).filter(
        Q(reporter_replied_at__isnull=True) | Q(reporter_replied_at__lt=F("followed_up_at"))
    )
    closed = 0
    for complaint in due:
        complaint_close(
            complaint=complaint,
            actor=None,
            text=_("Ditutup otomatis: tidak ada tanggapan pelapor dalam 10 hari kerja."),
        )
        closed += 1
    return closed


def _coordinator_emails() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="coordinate_complaint")
            | Q(user_permissions__codename="coordinate_complaint")
        )
    )
    emails = set(users.values_list("email", flat=True))
    extra = complaint_settings().reminder_email
    return sorted(e for e in {*emails, extra} if e)


def _agency_emails(agency_id: int) -> list[str]:
    users = get_user_model().objects.filter(is_active=True, agency_memberships__agency_id=agency_id)
    return sorted(e for e in users.values_list("email", flat=True) if e)


def _send_once(complaint: Complaint, *, kind: str, due, recipients: list[str]) -> bool:
    """Take the marker row first: a second run (or a racing worker) finds it and sends nothing."""
    if not recipients:
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(complaint=complaint, kind=kind, due=due)
    except IntegrityError:
        return False
    subject = (
        _("Pengaduan %(code)s melewati tenggat %(due)s")
        if kind.endswith("overdue")
        else _("Pengaduan %(code)s jatuh tempo %(due)s")
    ) % {"code": complaint.display_code, "due": due.strftime("%d-%m-%Y")}
    body = _("Perihal: %(subject)s\nStatus: %(status)s\nTenggat: %(due)s\n") % {
        "subject": complaint.subject,
        "status": complaint.get_status_display(),
        "due": due.strftime("%d-%m-%Y"),
    }
    send_mail(subject, body, None, recipients)
    return True


def complaints_remind() -> int:
    """E-mail the coordinator (verification) or the agency (follow-up) when a deadline is due
    today or on the next working day, and once more when it has passed."""
    today = local_today()
    soon = nth_working_day_after(start=today, n=1)
    sent = 0
    coordinators = None
    for complaint in Complaint.objects.filter(status__in=VERIFYING, forward_due__lte=soon):
        coordinators = coordinators if coordinators is not None else _coordinator_emails()
        kind = "verify_overdue" if complaint.forward_due < today else "verify_due"
        sent += _send_once(complaint, kind=kind, due=complaint.forward_due, recipients=coordinators)
    at_agency = Complaint.objects.filter(
        status__in=AT_AGENCY, followup_due__lte=soon, agency__isnull=False
    )
    for complaint in at_agency:
        assert complaint.followup_due is not None
        assert complaint.agency_id is not None
        kind = "followup_overdue" if complaint.followup_due < today else "followup_due"
        recipients = _agency_emails(complaint.agency_id)
        sent += _send_once(complaint, kind=kind, due=complaint.followup_due, recipients=recipients)
    return sent


def contacts_erase() -> int:
    """Erase the reporter's name and contact of complaints finished longer ago than the
    retention period (UU 27/2022)."""
    cutoff = timezone.now() - timedelta(days=complaint_settings().retention_days)
    expired = Complaint.objects.filter(
        status__in=[Status.CLOSED, Status.OUT_OF_REMIT, Status.ARCHIVED],
        closed_at__lt=cutoff,
        contact_erased_at__isnull=True,
    )
    erased = 0
    for complaint in expired:
        with transaction.atomic():
            complaint.reporter_name = complaint.reporter_contact = ""
            complaint.contact_erased_at = timezone.now()
            complaint.save(update_fields=["reporter_name", "reporter_contact", "contact_erased_at"])
            activity_record(
                actor=None,
                verb="complaint.contact_erase",
                target=complaint,
                summary=_("Kontak pelapor dihapus (masa simpan berakhir)."),
            )
        erased += 1
    return erased
