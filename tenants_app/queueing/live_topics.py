"""Who may listen to the queue's live topics (satupintu.live): a location's display stream to a
display paired with that location, or to a citizen's ticket page holding the unguessable public
id of a ticket at that location (`?tiket=`: what the hall's TV shows, which the page uses to
know when to fetch its own status); a ticket's stream to whoever holds its public id. Only while
the regency's plan has the queue module. Registered at app start. Schema: tenant.
"""

from __future__ import annotations

from django.http import HttpRequest

from queueing.broadcast import display_topic, ticket_topic
from queueing.devices import device_for_token
from queueing.gating import queue_enabled
from queueing.models import DeviceKind, Ticket
from satupintu.live import register_topic

# The paired device's token, in the cookie the pairing page sets (host-only, HttpOnly).
DEVICE_COOKIE = "sp_device"
DISPLAY_TOPIC = display_topic(0).rpartition(".")[0]  # "queue.display"
TICKET_TOPIC = ticket_topic("x").rpartition(".")[0]  # "queue.ticket"


def display_device(request: HttpRequest):
    """The paired, unrevoked display this browser holds the token of, or None."""
    return device_for_token(token=request.COOKIES.get(DEVICE_COOKIE), kind=DeviceKind.DISPLAY)


def display_may_listen(request: HttpRequest, key: str) -> bool:
    if not queue_enabled() or not key.isdigit():
        return False
    ticket = str(request.GET.get("tiket", ""))[:32]
    if ticket:
        return Ticket.objects.filter(public_id=ticket, location_id=int(key)).exists()
    device = display_device(request)
    return device is not None and device.location_id == int(key)


def ticket_location_id(*, public_id: str) -> int | None:
    tickets = Ticket.objects.filter(public_id=public_id[:32])
    return tickets.values_list("location_id", flat=True).first()


def ticket_may_listen(request: HttpRequest, key: str) -> bool:
    return queue_enabled() and Ticket.objects.filter(public_id=key).exists()


def topics_register() -> None:
    register_topic(DISPLAY_TOPIC, authorize=display_may_listen)
    register_topic(TICKET_TOPIC, authorize=ticket_may_listen)
