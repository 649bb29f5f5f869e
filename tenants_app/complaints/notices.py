"""Telling a reporter who left a phone number (not Anonim) that the complaint moved on (issue #13):
forwarded, answered (ditindaklanjuti), closed or out of remit, once per status, through
notify's outbox. Staff reminders stay on e-mail (staff have no phone numbers). Schema: tenant.
"""

from __future__ import annotations

import logging

from django.db import transaction

from complaints.models import Complaint, Identity, Status
from notify.actions import message_queue
from notify.phones import PhoneInvalid, phone_normalise
from notify.selectors import channels_enabled
from regencies.selectors import regency_primary_host_get
from satupintu.db import connection
from satupintu.errors import DomainError

logger = logging.getLogger(__name__)

TOLD = {Status.FORWARDED, Status.FOLLOWED_UP, Status.CLOSED, Status.OUT_OF_REMIT}


def reporter_phone(complaint: Complaint) -> str:
    """The reporter's contact when it is a mobile number and they are not anonymous."""
    if complaint.identity == Identity.ANONYMOUS or complaint.contact_erased_at:
        return ""
    try:  # notify's own reading of a mobile number (an e-mail address is not one)
        return phone_normalise(raw=complaint.reporter_contact or "")
    except PhoneInvalid:
        return ""


def tracking_url(complaint: Complaint) -> str:
    host = regency_primary_host_get(schema_name=connection.schema_name)
    path = f"/pengaduan/lacak/{complaint.tracking_code}/"
    return f"https://{host}{path}" if host else path


def reporter_status_notify(*, complaint: Complaint, status: str) -> None:
    """Queue `complaint_status` in the caller's transaction when the reporter should know."""
    phone = reporter_phone(complaint)
    if status not in TOLD or not phone or not channels_enabled():
        return
    params = {"code": complaint.display_code, "status": str(Status(status).label)}
    params["url"] = tracking_url(complaint)
    try:
        with transaction.atomic():
            message_queue(
                channel_hint="whatsapp",
                to=phone,
                template="complaint_status",
                params=params,
                dedupe_key=f"complaint_status:{complaint.pk}:{status}",
            )
    except DomainError:  # a number notify refuses never stops the complaint's workflow
        logger.warning("complaint notice refused for %s", complaint.pk)
