"""Tickets: issuing gapless numbers, and the counter's calls and transitions. Schema: tenant.

A number comes from the (location, local date, prefix) sequence row locked with SELECT ... FOR
UPDATE in the transaction that inserts the ticket, so a rolled-back issue gives its number back
and two kiosks never share one. Calling takes the next waiting ticket with FOR UPDATE SKIP
LOCKED: two officers pressing *Panggil* at the same instant get two different tickets.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.actions import activity_record
from catalogue.models import Counter, Service
from queueing import broadcast
from queueing.errors import (
    NothingWaiting,
    OutOfScope,
    QueueError,
    QuotaExhausted,
    TransitionRefused,
)
from queueing.models import (
    Channel,
    PriorityRule,
    Queue,
    ServiceQuota,
    Ticket,
    TicketSequence,
    TicketStatus,
)
from queueing.opening import issue_day, local_now
from queueing.scope import (
    counter_scope_ensure,
    queues_for_agencies,
    ticket_scope_ensure,
    ticket_scope_q,
)
from surveys.actions import survey_invite_after_ticket

S = TicketStatus
ALLOWED = {
    "recall": {S.CALLED},
    "skip": {S.CALLED},
    "start": {S.CALLED},
    "finish": {S.SERVING},
    "hold": {S.CALLED, S.SERVING, S.WAITING},
    "resume": {S.HELD},
    "transfer": {S.CALLED, S.SERVING, S.WAITING, S.HELD},
    "cancel": {S.WAITING, S.HELD, S.CALLED},
}
VERB_LABEL = {
    "recall": "Panggil Ulang",
    "skip": "Lewati",
    "start": "Mulai",
    "finish": "Selesai",
    "hold": "Tunda",
    "resume": "Lanjutkan",
    "transfer": "Transfer",
    "cancel": "Batal",
}


def _walk_in_quota_ensure(*, queue: Queue, service: Service | None, day) -> None:
    if service is None:
        return
    quota = ServiceQuota.objects.filter(location_id=queue.location_id, service=service).first()
    if quota is None:
        return
    issued = (
        Ticket.objects.filter(service=service, location_id=queue.location_id, local_date=day)
        .exclude(channel=Channel.ONLINE)
        .count()
    )
    if issued >= quota.walk_in_daily:
        raise QuotaExhausted(
            _("Kuota antrean langsung %(service)s hari ini sudah habis.")
            % {"service": service.name}
        )


def ticket_issue(
    *,
    queue: Queue,
    service: Service | None = None,
    priority: str = "",
    channel: str = Channel.KIOSK,
    check_hours: bool = True,
    notify_phone: str = "",
) -> Ticket:
    """A new waiting ticket of `queue`, numbered `A-001` onwards on the location's local date (or,
    for an overnight queue while closed, in the next opening day's sequence: opening.issue_day);
    `notify_phone` (already validated, +628…) gets its "N in line" and "called" messages."""
    if not queue.is_active:
        raise QueueError(_("Antrean ini tidak aktif."))
    if service is not None and not queue.services.filter(pk=service.pk).exists():
        raise QueueError(_("Layanan ini tidak dilayani di antrean tersebut."))
    now = timezone.now()
    day = (
        issue_day(location=queue.location, overnight=queue.overnight)
        if check_hours
        else local_now().date()
    )
    with transaction.atomic():
        if channel != Channel.ONLINE:
            _walk_in_quota_ensure(queue=queue, service=service, day=day)
        TicketSequence.objects.bulk_create(
            [TicketSequence(location_id=queue.location_id, local_date=day, prefix=queue.prefix)],
            ignore_conflicts=True,
        )
        sequence = TicketSequence.objects.select_for_update().get(
            location_id=queue.location_id, local_date=day, prefix=queue.prefix
        )
        sequence.last += 1
        sequence.save(update_fields=["last"])
        ticket = Ticket.objects.create(
            queue=queue,
            location_id=queue.location_id,
            service=service,
            local_date=day,
            prefix=queue.prefix,
            seq=sequence.last,
            number=f"{queue.prefix}-{sequence.last:03d}",
            priority=priority,
            channel=channel,
            issued_at=now,
            notify_phone=notify_phone,
        )
        broadcast.ticket_changed(ticket)
    return ticket


def _every_nth() -> int:
    rule = PriorityRule.objects.first()
    return rule.every_nth if rule else 3


def ticket_call_next(*, counter: Counter, officer) -> Ticket:
    """Call the next waiting ticket of the counter's queues; every Nth call (the regency's rule)
    goes to a priority ticket when one waits. Within a lane, a checked-in booking whose slot has
    come goes before tickets taken on the day (the booking's own lane: booked for 10.00 and
    checked in at 09.55, it is called from 10.00 on ahead of the walk-ins, earliest slot first);
    the rest in the order they were taken. Never the same ticket to two counters; an agency's
    officer only gets tickets of their agency's services (queueing.scope)."""
    now = local_now()
    day = now.date()
    agencies = counter_scope_ensure(counter=counter, officer=officer)
    with transaction.atomic():
        at_counter = Ticket.objects.filter(
            queue__counters=counter, local_date=day, status=TicketStatus.WAITING
        ).filter(Q(for_counter__isnull=True) | Q(for_counter=counter))
        slot_due = Case(
            When(
                Q(booking__date=day, booking__slot__lte=now.time()),
                then=F("booking__slot"),
            ),
            default=None,
        )
        waiting = (
            at_counter.filter(ticket_scope_q(agencies))
            .select_for_update(skip_locked=True, of=("self",))
            .order_by(slot_due.asc(nulls_last=True), "issued_at", "id")
        )
        calls = Ticket.objects.filter(
            queue__counters=counter, local_date=day, call_count__gt=0
        ).count()
        priority_turn = (calls + 1) % _every_nth() == 0
        first, second = (
            (waiting.exclude(priority=""), waiting.filter(priority=""))
            if priority_turn
            else (waiting.filter(priority=""), waiting.exclude(priority=""))
        )
        ticket = first.first() or second.first()
        if ticket is None:
            others = at_counter.count() if agencies is not None else 0
            if others:
                raise NothingWaiting(
                    _(
                        "Tidak ada antrean instansi Anda yang menunggu; %(n)s tiket lain di loket "
                        "ini milik instansi lain."
                    )
                    % {"n": others}
                )
            raise NothingWaiting(_("Tidak ada antrean yang menunggu."))
        before = {"status": ticket.status}
        ticket.status = TicketStatus.CALLED
        ticket.counter = counter
        ticket.officer = officer if getattr(officer, "is_authenticated", False) else None
        ticket.called_at = timezone.now()
        ticket.call_count += 1
        ticket.save(update_fields=["status", "counter", "officer", "called_at", "call_count"])
        activity_record(
            actor=officer,
            verb="ticket.call",
            target=ticket,
            summary=_("Panggil %(n)s ke loket %(c)s") % {"n": ticket.number, "c": counter.code},
            before=before,
            after={"status": ticket.status, "counter": counter.code},
        )
        broadcast.ticket_changed(ticket)
    return ticket


def ticket_act(
    *,
    ticket: Ticket,
    action: str,
    officer,
    queue: Queue | None = None,
    counter: Counter | None = None,
) -> Ticket:
    """One transition of a ticket (recall, skip, start, finish, hold, resume, transfer, cancel)."""
    if action not in ALLOWED:
        raise QueueError(_("Tindakan tidak dikenal."))
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        ticket_scope_ensure(ticket=ticket, officer=officer)
        if ticket.status not in ALLOWED[action]:
            raise TransitionRefused(
                _("%(action)s tidak dapat dilakukan: tiket %(n)s berstatus %(s)s.")
                % {
                    "action": VERB_LABEL[action],
                    "n": ticket.number,
                    "s": ticket.get_status_display(),
                }
            )
        before = {"status": ticket.status, "queue": ticket.queue_id}
        _apply(ticket, action, queue=queue, counter=counter)
        if action == "finish" and ticket.notify_phone:  # the SKM link, before the number goes
            survey_invite_after_ticket(ticket=ticket, phone=ticket.notify_phone)
        if ticket.status in (TicketStatus.DONE, TicketStatus.SKIPPED, TicketStatus.CANCELLED):
            ticket.notify_phone = ""  # kept only while the ticket lives (issue #12)
        ticket.save()
        activity_record(
            actor=officer,
            verb=f"ticket.{action}",
            target=ticket,
            summary=f"{VERB_LABEL[action]} {ticket.number}",
            before=before,
            after={"status": ticket.status, "queue": ticket.queue_id},
        )
        broadcast.ticket_changed(ticket)
    return ticket


def _apply(ticket: Ticket, action: str, *, queue: Queue | None, counter: Counter | None) -> None:
    now = timezone.now()
    if action == "recall":
        ticket.call_count += 1
        ticket.called_at = ticket.called_at or now
    elif action == "skip":
        ticket.status = TicketStatus.SKIPPED
    elif action == "start":
        ticket.status, ticket.started_at = TicketStatus.SERVING, now
    elif action == "finish":
        ticket.status, ticket.finished_at = TicketStatus.DONE, now
    elif action == "hold":
        ticket.status = TicketStatus.HELD
    elif action == "resume":
        ticket.status = TicketStatus.WAITING
    elif action == "cancel":
        ticket.status = TicketStatus.CANCELLED
    elif action == "transfer":
        _transfer(ticket, queue=queue, counter=counter)


def _transfer(ticket: Ticket, *, queue: Queue | None, counter: Counter | None) -> None:
    if queue is None and counter is None:
        raise QueueError(_("Pilih antrean atau loket tujuan."))
    if queue is not None:
        if queue.location_id != ticket.location_id:
            raise QueueError(_("Antrean tujuan ada di lokasi lain."))
        ticket.queue = queue
    if counter is not None:
        if counter.location_id != ticket.location_id:
            raise QueueError(_("Loket tujuan ada di lokasi lain."))
        ticket.for_counter = counter
    ticket.status = TicketStatus.WAITING
    ticket.counter = None


def walk_in_serve(*, counter: Counter, officer, service: Service | None = None) -> Ticket:
    """A citizen served at once without a ticket: numbered in the counter's first queue and
    started straight away, so the figures count it (in a queue of the officer's agency)."""
    agencies = counter_scope_ensure(counter=counter, officer=officer)
    queues = counter.queues.filter(is_active=True)
    if agencies is not None:
        queues = queues.filter(pk__in=queues_for_agencies(agencies).values("pk"))
        if service is not None and service.agency_id not in agencies:
            raise OutOfScope(_("Layanan ini milik instansi lain."))
    queue = queues.order_by("sort_order", "prefix").first()
    if queue is None:
        raise QueueError(_("Loket ini belum melayani antrean mana pun."))
    with transaction.atomic():
        ticket = ticket_issue(
            queue=queue, service=service, channel=Channel.WALK_IN, check_hours=False
        )
        now = timezone.now()
        ticket.status, ticket.counter = TicketStatus.SERVING, counter
        ticket.officer = officer
        ticket.called_at = ticket.started_at = now
        ticket.call_count = 1
        ticket.save()
        activity_record(
            actor=officer,
            verb="ticket.walk_in",
            target=ticket,
            summary=_("Layani langsung %(n)s di loket %(c)s")
            % {"n": ticket.number, "c": counter.code},
        )
        broadcast.ticket_changed(ticket)
    return ticket
