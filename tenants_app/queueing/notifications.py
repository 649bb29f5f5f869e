"""Messages to a citizen who left a phone number on a ticket (issue #12): once when the ticket
becomes the regency's N-th in line (`PriorityRule.notify_position`, default 3) and once when it
is called (a recall sends nothing more; notify's dedupe keys make both idempotent). The number
is kept only while the ticket lives: `ticket_act` erases it when the ticket ends.

`queue_notify` runs on commit of every queue change (queueing.broadcast). Schema: tenant.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from notify.actions import message_queue
from notify.phones import PhoneInvalid, phone_normalise
from notify.selectors import channels_enabled
from queueing.errors import QueueError
from queueing.models import PriorityRule, Ticket, TicketStatus
from satupintu.errors import DomainError

logger = logging.getLogger(__name__)

ENDED = (TicketStatus.DONE, TicketStatus.SKIPPED, TicketStatus.CANCELLED)


def notify_offered() -> bool:
    """Whether to offer "Kabari saya": only when the regency has a channel switched on."""
    return bool(channels_enabled())


def phone_clean(*, raw: str) -> str:
    """An Indonesian mobile number as +628… (notify's own validator, the one the outbox applies),
    refused with notify's Indonesian message as a QueueError."""
    try:
        return phone_normalise(raw=raw)
    except PhoneInvalid as exc:
        raise QueueError(exc.message) from exc


def phone_for_notify(*, raw: str) -> str:
    """The optional "Kabari saya" number given with a booking or a ticket: "" when left empty,
    refused when given while the regency has no channel switched on, else `phone_clean`."""
    if not (raw or "").strip():
        return ""
    if not notify_offered():
        raise QueueError(_("Notifikasi WhatsApp/SMS belum tersedia di sini."))
    return phone_clean(raw=raw)


def phone_masked(phone: str) -> str:
    """`+628••••••7890`: enough for the citizen to recognise, never the whole number."""
    return f"{phone[:4]}{'•' * max(len(phone) - 8, 0)}{phone[-4:]}" if phone else ""


def ticket_notify_subscribe(*, ticket: Ticket, phone: str) -> Ticket:
    """Keep `phone` on a live ticket for its messages (refused when channels are off or the
    ticket has ended)."""
    if not notify_offered():
        raise QueueError(_("Notifikasi WhatsApp/SMS belum tersedia di sini."))
    number = phone_clean(raw=phone)
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.status in ENDED:
            raise QueueError(_("Tiket ini sudah selesai."))
        ticket.notify_phone = number
        ticket.save(update_fields=["notify_phone"])
    transaction.on_commit(lambda: queue_notify(queue_id=ticket.queue_id, day=ticket.local_date))
    return ticket


def _position_n() -> int:
    rule = PriorityRule.objects.first()
    return rule.notify_position if rule else 3


def _send(**kwargs) -> None:
    try:
        with transaction.atomic():
            message_queue(channel_hint="whatsapp", **kwargs)
    except DomainError:  # a number notify refuses never stops the queue
        logger.warning("queue notification refused: %s", kwargs.get("dedupe_key"))


def queue_notify(*, queue_id: int, day, called: Ticket | None = None) -> None:
    """Queue the messages due after a change of one queue's day: `called` (if it has a number)
    and every waiting ticket with a number now within the first N."""
    if not channels_enabled():
        return
    if called is not None:
        fresh = Ticket.objects.select_related("counter", "location").get(pk=called.pk)
        if fresh.notify_phone and fresh.status == TicketStatus.CALLED:
            counter = fresh.counter.name if fresh.counter else _("loket")
            params = {"ticket": fresh.number, "counter": counter, "location": fresh.location.name}
            _send(
                to=fresh.notify_phone,
                template="queue_called",
                params=params,
                dedupe_key=f"queue_called:{fresh.pk}",
            )
    n = _position_n()
    waiting = (
        Ticket.objects.filter(queue_id=queue_id, local_date=day, status=TicketStatus.WAITING)
        .select_related("location")
        .order_by("issued_at", "id")[:n]
    )
    for position, ticket in enumerate(waiting, start=1):
        if ticket.notify_phone:
            params = {
                "ticket": ticket.number,
                "position": str(position),
                "location": ticket.location.name,
            }
            _send(
                to=ticket.notify_phone,
                template="queue_position",
                params=params,
                dedupe_key=f"queue_position:{ticket.pk}:{n}",
            )
