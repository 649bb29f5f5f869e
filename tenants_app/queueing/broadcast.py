"""The one place a queue change is announced to live screens (and, through
queueing.notifications, to citizens who left a phone number). After the transaction commits, the
location's display state goes to topic `queue.display` (key: the location's id) and the ticket's
status to `queue.ticket` (key: its public id) through `satupintu.live.publish`, which scopes every
channel to the current regency's schema. Who may listen: queueing.live_topics. Schema: tenant.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from catalogue.models import Location
from queueing.models import Ticket, TicketStatus
from queueing.notifications import queue_notify
from queueing.selectors import display_state_get, ticket_status_get
from satupintu.db import connection
from satupintu.live import publish

logger = logging.getLogger(__name__)

DISPLAY_TOPIC = "queue.display"
TICKET_TOPIC = "queue.ticket"


def display_topic(location_id: int) -> str:
    """`queue.display.<location id>`: heard at /live/queue.display/<id>/ (queueing.live_topics)."""
    return f"{DISPLAY_TOPIC}.{location_id}"


def ticket_topic(public_id: str) -> str:
    return f"{TICKET_TOPIC}.{public_id}"


def _send(topic: str, key: str, payload: dict[str, Any]) -> None:
    try:
        publish(topic, payload, key=key)
    except Exception:  # a live channel down never undoes a committed call
        logger.exception("queue broadcast failed on %s/%s (%s)", topic, key, connection.schema_name)


def display_changed(location: Location | int) -> None:
    """On commit: the location's whole display state (a display never has to merge events)."""
    location_id = location if isinstance(location, int) else location.pk

    def send() -> None:
        found = Location.objects.filter(pk=location_id).first()
        if found is not None:
            state = display_state_get(location=found)
            _send(DISPLAY_TOPIC, str(location_id), {"kind": "display", **state})

    transaction.on_commit(send)


def ticket_changed(ticket: Ticket) -> None:
    """On commit: the ticket's status to its page, and the location's display state."""
    public_id = ticket.public_id

    def send() -> None:
        state = ticket_status_get(public_id=public_id)
        if state is not None:
            _send(TICKET_TOPIC, public_id, {"kind": "ticket", **state})

    transaction.on_commit(send)
    display_changed(ticket.location_id)
    queue_id, day = ticket.queue_id, ticket.local_date
    called = ticket if ticket.status == TicketStatus.CALLED else None

    def notify() -> None:
        try:
            queue_notify(queue_id=queue_id, day=day, called=called)
        except Exception:  # a message not queued never undoes a committed call
            logger.exception("queue notification failed (%s)", connection.schema_name)

    transaction.on_commit(notify)
