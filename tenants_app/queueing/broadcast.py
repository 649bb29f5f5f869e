"""The one place a queue change is announced to live screens: after the transaction commits,
the display's state and the ticket's status go to `satupintu.live.publish` when the live module
is installed (branch `queuelive`); until then, nothing is sent. Schema: tenant.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from catalogue.models import Location
from queueing.models import Ticket
from queueing.selectors import display_state_get, ticket_status_get

logger = logging.getLogger(__name__)

try:  # the live channel arrives with branch `queuelive`; the queue works without it
    from satupintu.live import publish as _publish
except ImportError:  # pragma: no cover - depends on the merge
    _publish = None

Publisher = Callable[[str, dict[str, Any]], Any]


def display_topic(location_id: int) -> str:
    return f"queue.display.{location_id}"


def ticket_topic(public_id: str) -> str:
    return f"queue.ticket.{public_id}"


def _send(topic: str, payload: dict[str, Any]) -> None:
    if _publish is None:
        return
    try:
        _publish(topic, payload)
    except Exception:  # a live channel down never undoes a committed call
        logger.exception("queue broadcast failed on %s (%s)", topic, connection.schema_name)


def display_changed(location: Location | int) -> None:
    location_id = location if isinstance(location, int) else location.pk

    def send() -> None:
        location = Location.objects.filter(pk=location_id).first()
        if location is not None and _publish is not None:
            _send(
                display_topic(location_id),
                {"kind": "display", **display_state_get(location=location)},
            )

    transaction.on_commit(send)


def ticket_changed(ticket: Ticket) -> None:
    public_id = ticket.public_id

    def send() -> None:
        if _publish is not None:
            state = ticket_status_get(public_id=public_id) or {}
            _send(ticket_topic(public_id), {"kind": "ticket", **state})

    transaction.on_commit(send)
    display_changed(ticket.location_id)
