"""Writing complaints: filing, the staff's transitions, the reporter's replies. Every staff action
writes the regency's activity trail in the same transaction. Schema: tenant.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.actions import activity_record
from catalogue.models import Agency, Service
from complaints.attachments import MAX_FILES, attachment_prepare
from complaints.codes import tracking_code_new
from complaints.deadlines import (
    AUTO_CLOSE_DAYS,
    FOLLOW_UP_DAYS,
    VERIFY_DAYS,
    due_after,
)
from complaints.models import (
    Attachment,
    Channel,
    Complaint,
    ComplaintEvent,
    EventKind,
    Identity,
    Status,
)
from complaints.notices import reporter_status_notify
from satupintu.errors import DomainError
from workdays.selectors import regency_timezone


class ComplaintError(DomainError):
    code = "complaint_error"


class IllegalTransition(ComplaintError):
    code = "complaint_illegal_transition"


# Which statuses each move may start from.
ALLOWED = {
    "verify": {Status.RECEIVED},
    "forward": {Status.VERIFIED, Status.FORWARDED, Status.IN_PROGRESS},
    "process": {Status.FORWARDED},
    "answer": {Status.FORWARDED, Status.IN_PROGRESS},
    "return": {Status.FOLLOWED_UP},
    "close": {Status.FOLLOWED_UP},
    "postpone": {Status.RECEIVED, Status.VERIFIED},
    "resume": {Status.POSTPONED},
    "out_of_remit": {Status.RECEIVED, Status.VERIFIED, Status.POSTPONED},
    "archive": {Status.RECEIVED, Status.VERIFIED, Status.POSTPONED},
}
TERMINAL = {Status.CLOSED, Status.OUT_OF_REMIT, Status.ARCHIVED}


@dataclass(frozen=True)
class ComplaintInput:
    classification: str
    subject: str
    body: str
    identity: str = Identity.NAMED
    reporter_name: str = ""
    reporter_contact: str = ""
    location_text: str = ""
    service: Service | None = None
    about_agency: Agency | None = None
    channel: str = Channel.WEB
    received_at: datetime | None = None
    lapor_id: str = ""


def _label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return (getattr(actor, "email", "") or str(actor))[:120]


def _event(complaint, *, kind, actor=None, text="", status_from="", status_to="", label=""):
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        text=text,
        status_from=status_from,
        status_to=status_to,
        actor_id=actor.pk if _label(actor) else None,
        actor_label=label or _label(actor),
        created_at=timezone.now(),
    )


def complaint_submit(*, data: ComplaintInput, uploads=(), actor=None) -> Complaint:
    """File a complaint (a citizen on the web, or staff recording one received elsewhere with its
    real received time). Attachments are checked before anything is written."""
    if len(uploads) > MAX_FILES:
        raise ComplaintError(_("Paling banyak %(n)d lampiran.") % {"n": MAX_FILES})
    prepared = [attachment_prepare(upload) for upload in uploads]
    now = timezone.now()
    received_at = data.received_at or now
    if received_at > now + timedelta(minutes=5):
        raise ComplaintError(_("Waktu diterima tidak boleh di masa depan."))
    if received_at < now - timedelta(days=366):
        raise ComplaintError(_("Waktu diterima lebih dari setahun yang lalu."))
    named = data.identity != Identity.ANONYMOUS
    with transaction.atomic():
        complaint = Complaint(
            classification=data.classification,
            subject=data.subject,
            body=data.body,
            location_text=data.location_text,
            service=data.service,
            about_agency=data.about_agency,
            identity=data.identity,
            reporter_name=data.reporter_name if named else "",
            reporter_contact=data.reporter_contact if named else "",
            channel=data.channel,
            received_at=received_at,
            created_at=now,
            status_changed_at=now,
            lapor_id=data.lapor_id,
            forward_due=due_after(at=received_at, n=VERIFY_DAYS),
        )
        for _attempt in range(5):
            complaint.tracking_code = tracking_code_new()
            try:
                with transaction.atomic():
                    complaint.save()
                break
            except IntegrityError:
                complaint.pk = None
        else:  # pragma: no cover - 30^10 codes
            raise ComplaintError(_("Kode lacak tidak dapat dibuat; coba lagi."))
        _event(complaint, kind=EventKind.STATUS, actor=actor, status_to=Status.RECEIVED)
        for file, content_type, extension, name in prepared:
            Attachment.objects.create(
                complaint=complaint,
                token=secrets.token_hex(16),
                file=file,
                content_type=content_type,
                extension=extension,
                size=file.size,
                original_name=name,
            )
        if actor is not None:
            activity_record(
                actor=actor,
                verb="complaint.record",
                target=complaint,
                summary=_("Pengaduan dicatat dari kanal %(channel)s")
                % {"channel": complaint.get_channel_display()},
                after={"received_at": received_at, "channel": complaint.channel},
            )
    return complaint


def _move(complaint: Complaint, *, move: str, actor, to: str, text: str = "", **fields) -> None:
    """Check the move, change the row, write the history and the trail (caller holds a lock)."""
    if complaint.status not in ALLOWED[move]:
        raise IllegalTransition(
            _("Pengaduan berstatus %(status)s tidak dapat diubah dengan cara ini.")
            % {"status": complaint.get_status_display()}
        )
    before = {"status": complaint.status, **{k: getattr(complaint, k) for k in fields}}
    now = timezone.now()
    complaint.status, complaint.status_changed_at = to, now
    for key, value in fields.items():
        setattr(complaint, key, value)
    if to in TERMINAL:
        complaint.closed_at = now
    complaint.save()
    _event(
        complaint,
        kind=EventKind.STATUS,
        actor=actor,
        text=text,
        status_from=before["status"],
        status_to=to,
        label="" if actor else _("sistem"),
    )
    activity_record(
        actor=actor,
        verb=f"complaint.{move}",
        target=complaint,
        summary=f"{complaint.display_code}: {Status(before['status']).label} → {Status(to).label}",
        before=before,
        after={"status": to, **fields},
    )
    reporter_status_notify(complaint=complaint, status=to)


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _reason(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ComplaintError(_("Tuliskan alasannya."))
    return text


@transaction.atomic
def complaint_verify(*, complaint: Complaint, actor, text: str = "") -> Complaint:
    complaint = _locked(complaint)
    _move(complaint, move="verify", actor=actor, to=Status.VERIFIED, text=text)
    return complaint


@transaction.atomic
def complaint_forward(*, complaint: Complaint, actor, agency: Agency, text: str = "") -> Complaint:
    """Disposisi to `agency`; the follow-up deadline starts now (5 working days)."""
    complaint = _locked(complaint)
    now = timezone.now()
    _move(
        complaint,
        move="forward",
        actor=actor,
        to=Status.FORWARDED,
        text=text or _("Diteruskan ke %(agency)s.") % {"agency": agency.name},
        agency=agency,
        forwarded_at=now,
        followup_due=due_after(at=now, n=FOLLOW_UP_DAYS),
    )
    return complaint


@transaction.atomic
def complaint_process(*, complaint: Complaint, actor, text: str = "") -> Complaint:
    complaint = _locked(complaint)
    _move(complaint, move="process", actor=actor, to=Status.IN_PROGRESS, text=text)
    return complaint


@transaction.atomic
def complaint_answer(*, complaint: Complaint, actor, text: str) -> Complaint:
    """The agency's follow-up (tindak lanjut): the answer the reporter reads; auto-close is set
    10 working days later."""
    complaint = _locked(complaint)
    now = timezone.now()
    _move(
        complaint,
        move="answer",
        actor=actor,
        to=Status.FOLLOWED_UP,
        followed_up_at=now,
        autoclose_on=due_after(at=now, n=AUTO_CLOSE_DAYS),
    )
    _event(complaint, kind=EventKind.ANSWER, actor=actor, text=_reason(text))
    return complaint


def _within_deadlines(complaint: Complaint) -> bool:
    zone = regency_timezone()
    forwarded = complaint.forwarded_at and complaint.forwarded_at.astimezone(zone).date()
    followed = complaint.followed_up_at and complaint.followed_up_at.astimezone(zone).date()
    return bool(
        forwarded
        and followed
        and forwarded <= complaint.forward_due
        and complaint.followup_due
        and followed <= complaint.followup_due
    )


@transaction.atomic
def complaint_close(*, complaint: Complaint, actor, text: str = "") -> Complaint:
    complaint = _locked(complaint)
    within = _within_deadlines(complaint)
    _move(
        complaint, move="close", actor=actor, to=Status.CLOSED, text=text, within_deadlines=within
    )
    return complaint


@transaction.atomic
def complaint_return(*, complaint: Complaint, actor, text: str) -> Complaint:
    """Back to the agency (the answer was not enough); a new follow-up deadline."""
    complaint = _locked(complaint)
    _move(
        complaint,
        move="return",
        actor=actor,
        to=Status.IN_PROGRESS,
        text=_reason(text),
        followup_due=due_after(at=timezone.now(), n=FOLLOW_UP_DAYS),
        autoclose_on=None,
    )
    return complaint


@transaction.atomic
def complaint_set_aside(*, complaint: Complaint, actor, move: str, text: str) -> Complaint:
    """Ditunda, Bukan Wewenang or Diarsipkan, always with a reason the reporter reads."""
    to = {
        "postpone": Status.POSTPONED,
        "out_of_remit": Status.OUT_OF_REMIT,
        "archive": Status.ARCHIVED,
    }.get(move)
    if to is None:
        raise ComplaintError(_("Tindakan tidak dikenal."))
    complaint = _locked(complaint)
    _move(complaint, move=move, actor=actor, to=to, text=_reason(text))
    return complaint


@transaction.atomic
def complaint_resume(*, complaint: Complaint, actor, text: str = "") -> Complaint:
    complaint = _locked(complaint)
    _move(
        complaint,
        move="resume",
        actor=actor,
        to=Status.VERIFIED,
        text=text,
        forward_due=due_after(at=timezone.now(), n=VERIFY_DAYS),
    )
    return complaint


@transaction.atomic
def complaint_note_add(*, complaint: Complaint, actor, text: str) -> ComplaintEvent:
    """An internal note: staff only, never shown to the reporter."""
    event = _event(complaint, kind=EventKind.NOTE, actor=actor, text=_reason(text))
    activity_record(
        actor=actor, verb="complaint.note", target=complaint, summary=complaint.display_code
    )
    return event


@transaction.atomic
def complaint_lapor_id_set(*, complaint: Complaint, actor, lapor_id: str) -> Complaint:
    complaint = _locked(complaint)
    before = complaint.lapor_id
    complaint.lapor_id = lapor_id.strip()
    complaint.save(update_fields=["lapor_id"])
    activity_record(
        actor=actor,
        verb="complaint.lapor_id",
        target=complaint,
        summary=complaint.display_code,
        before={"lapor_id": before},
        after={"lapor_id": complaint.lapor_id},
    )
    return complaint
