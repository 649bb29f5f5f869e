"""Reading the queue: what a display shows, where a ticket stands, what a counter sees.

`display_state_get` and `ticket_status_get` are the contract of the live display and the
citizen's ticket page (branch `queuelive`): plain JSON-safe dicts. Schema: tenant.
"""

from __future__ import annotations

from datetime import timedelta
from statistics import median
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Counter, Location, Service
from queueing.errors import QueueError
from queueing.models import Queue, Ticket, TicketStatus
from queueing.opening import local_now
from queueing.scope import officer_agencies, queues_for_agencies, ticket_scope_q

RECENT_SERVICES = 20
ACTIVE = (TicketStatus.CALLED, TicketStatus.SERVING)


def _ticket_dict(ticket: Ticket) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "status": ticket.status,
        "priority": ticket.priority,
        "queue": ticket.queue.name if ticket.queue_id else "",
        "counter": ticket.counter.code if ticket.counter else "",
        "counter_name": ticket.counter.name if ticket.counter else "",
        "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
        "call_count": ticket.call_count,
    }


def display_state_get(*, location: Location, upcoming: int = 5) -> dict[str, Any]:
    """The current calls (newest first), the next `upcoming` waiting, and each counter's state."""
    day = local_now().date()
    today = Ticket.objects.filter(location=location, local_date=day).select_related(
        "queue", "counter"
    )
    calls = list(today.filter(status__in=ACTIVE).order_by("-called_at")[:10])
    waiting = list(today.filter(status=TicketStatus.WAITING).order_by("issued_at", "id")[:upcoming])
    by_counter = {t.counter_id: t for t in reversed(calls)}
    counters = [
        {
            "code": c.code,
            "name": c.name,
            "state": by_counter[c.pk].status if c.pk in by_counter else "idle",
            "number": by_counter[c.pk].number if c.pk in by_counter else "",
        }
        for c in Counter.objects.filter(location=location, is_active=True).order_by("code")
    ]
    return {
        "location": {"key": location.key, "name": location.name},
        "date": day.isoformat(),
        "calls": [_ticket_dict(t) for t in calls],
        "next": [{"number": t.number, "priority": t.priority} for t in waiting],
        "counters": counters,
        "generated_at": timezone.now().isoformat(),
    }


def _recent_service_minutes(queue: Queue) -> list[float]:
    since = timezone.now() - timedelta(days=14)
    rows = (
        Ticket.objects.filter(
            queue=queue, status=TicketStatus.DONE, started_at__isnull=False, finished_at__gte=since
        )
        .order_by("-finished_at")
        .values_list("started_at", "finished_at")[:RECENT_SERVICES]
    )
    return [(end - start).total_seconds() / 60 for start, end in rows if start and end]


def people_ahead(ticket: Ticket) -> int:
    if ticket.status != TicketStatus.WAITING:
        return 0
    return (
        Ticket.objects.filter(
            queue_id=ticket.queue_id, local_date=ticket.local_date, status=TicketStatus.WAITING
        )
        .filter(Q(issued_at__lt=ticket.issued_at) | Q(issued_at=ticket.issued_at, id__lt=ticket.pk))
        .count()
    )


def ticket_status_get(*, public_id: str) -> dict[str, Any] | None:
    """Where a ticket stands: position, people ahead, and a wait estimate in minutes given as a
    range (low, high) from the queue's recent service times and its serving counters; None when
    no such ticket is in this regency."""
    ticket = (
        Ticket.objects.select_related("queue", "counter", "service", "location")
        .filter(public_id=public_id)
        .first()
    )
    if ticket is None:
        return None
    ahead = people_ahead(ticket)
    minutes = _recent_service_minutes(ticket.queue)
    counters = max(1, ticket.queue.counters.filter(is_active=True).count())
    estimate = None
    if ticket.status == TicketStatus.WAITING:
        typical = median(minutes) if minutes else 10.0
        quick = min(minutes) if minutes else typical / 2
        slow = max(minutes) if minutes else typical * 1.5
        estimate = {
            "low": round(ahead * min(quick, typical) / counters),
            "high": round((ahead + 1) * max(slow, typical) / counters),
        }
    return {
        "public_id": ticket.public_id,
        "number": ticket.number,
        "status": ticket.status,
        "status_label": str(ticket.get_status_display()),
        "priority": ticket.priority,
        "queue": ticket.queue.name,
        "service": ticket.service.name if ticket.service else "",
        "location": ticket.location.name,
        "counter": ticket.counter.code if ticket.counter else "",
        "position": ahead + 1 if ticket.status == TicketStatus.WAITING else 0,
        "people_ahead": ahead,
        "wait_minutes": estimate,
        "issued_at": ticket.issued_at.isoformat(),
        "date": ticket.local_date.isoformat(),
    }


def waiting_list(*, counter: Counter, officer=None) -> list[dict[str, Any]]:
    """Per queue the counter serves: the tickets waiting today, in calling order; only those of
    the officer's agencies for an agency's officer (queueing.scope)."""
    day = local_now().date()
    agencies = officer_agencies(officer)
    queues = counter.queues.filter(is_active=True).order_by("sort_order", "prefix")
    if agencies is not None:
        queues = queues.filter(pk__in=queues_for_agencies(agencies).values("pk"))
    rows = []
    for queue in queues:
        tickets = list(
            Ticket.objects.filter(
                queue=queue, local_date=day, status__in=(TicketStatus.WAITING, TicketStatus.HELD)
            )
            .filter(Q(for_counter__isnull=True) | Q(for_counter=counter))
            .filter(ticket_scope_q(agencies))
            .order_by("issued_at", "id")[:50]
        )
        rows.append({"queue": queue, "tickets": tickets})
    return rows


def counter_current(*, counter: Counter) -> Ticket | None:
    return (
        Ticket.objects.filter(counter=counter, local_date=local_now().date(), status__in=ACTIVE)
        .order_by("-called_at")
        .first()
    )


SURVEY_HANDOFF_MINUTES = 10


def counter_last_finished(*, counter: Counter) -> Ticket | None:
    """The ticket this counter finished last, within the last few minutes and while nothing is
    being served: the respondent the panel can hand the SKM questionnaire to."""
    since = timezone.now() - timedelta(minutes=SURVEY_HANDOFF_MINUTES)
    return (
        Ticket.objects.filter(
            counter=counter,
            status=TicketStatus.DONE,
            finished_at__gte=since,
            service__isnull=False,
        )
        .select_related("service")
        .order_by("-finished_at")
        .first()
    )


def queue_for_service(*, location: Location, service_key: str) -> tuple[Queue, Service]:
    """The active queue of `location` that tickets the service keyed `service_key`."""
    service = Service.objects.filter(key=service_key, live=True, is_active=True).first()
    queue = (
        Queue.objects.filter(location=location, services=service, is_active=True).first()
        if service
        else None
    )
    if service is None or queue is None:
        raise QueueError(_("Layanan ini tidak dilayani antrean di lokasi ini."))
    return queue, service


def queue_today_by_location(*, agency_ids: set[int] | None = None) -> list[dict[str, Any]]:
    """Today's queue per location with an active queue, for the admin's dashboard: tickets
    waiting and served, the longest wait of a ticket still waiting (minutes) and the counters
    open (that have called a ticket today). `agency_ids` narrows to those agencies' services
    (an agency admin); None is the whole regency. Two queries."""
    now = local_now()
    locations = (
        Location.objects.filter(live=True, is_active=True, queues__is_active=True)
        .distinct()
        .order_by("sort_order", "name")
        .values_list("pk", "name")
    )
    tickets = Ticket.objects.filter(local_date=now.date())
    if agency_ids is not None:
        tickets = tickets.filter(service__agency_id__in=agency_ids)
    waiting = Q(status__in=(TicketStatus.WAITING, TicketStatus.HELD))
    figures: dict[int, dict[str, Any]] = {
        row["location_id"]: dict(row)
        for row in tickets.values("location_id").annotate(
            waiting=Count("pk", filter=waiting),
            served=Count("pk", filter=Q(status=TicketStatus.DONE)),
            oldest=Min("issued_at", filter=Q(status=TicketStatus.WAITING)),
            counters_open=Count("counter_id", distinct=True, filter=Q(called_at__isnull=False)),
        )
    }
    rows = []
    for pk, name in locations:
        row = figures.get(pk, {})
        oldest = row.get("oldest")
        rows.append(
            {
                "location": name,
                "waiting": row.get("waiting", 0),
                "served": row.get("served", 0),
                "longest_wait": int((now - oldest).total_seconds() // 60) if oldest else None,
                "counters_open": row.get("counters_open", 0),
            }
        )
    return rows
