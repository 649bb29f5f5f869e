"""What the kiosk offers: the services ticketed at a location, grouped for big touch buttons, and
the day its tickets are for. Schema: tenant.

A kiosk of a big MPP (Badung: 156 services of 31 agencies) shows its service categories first,
then one category's services; a small one (a village outlet) shows its services at once. Services
without a category are grouped by their agency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from catalogue.models import Location, Service
from queueing.models import Queue
from queueing.opening import overnight_day

# Up to this many services, the kiosk shows them all on one screen (no category step).
ONE_SCREEN_MAX = 12


@dataclass
class KioskGroup:
    key: str
    name: str
    services: list[Service] = field(default_factory=list)


def kiosk_groups(*, location: Location, overnight_only: bool = False) -> list[KioskGroup]:
    """The services ticketed at `location` by category (or agency), in the catalogue's order;
    only those of overnight queues when `overnight_only` (the location is closed)."""
    queues = Queue.objects.filter(location=location, is_active=True)
    if overnight_only:
        queues = queues.filter(overnight=True)
    services = (
        Service.objects.filter(
            queues__in=queues,
            live=True,
            is_active=True,
            agency__live=True,
            agency__is_active=True,
        )
        .select_related("category", "agency")
        .distinct()
        .order_by(
            "category__sort_order", "category__name", "agency__sort_order", "agency__name", "name"
        )
    )
    groups: dict[str, KioskGroup] = {}
    for service in services:
        category = service.category
        if category is not None:
            key, name = category.key, category.name
        else:
            key, name = f"instansi-{service.agency.key}", service.agency.name
        groups.setdefault(key, KioskGroup(key=key, name=name)).services.append(service)
    return list(groups.values())


def kiosk_screen(*, groups: list[KioskGroup], chosen: str) -> tuple[list[KioskGroup], bool]:
    """The groups to show and whether the screen is the category step: a chosen (known) group
    alone; every group at once when they are few; else the categories."""
    picked = [g for g in groups if g.key == chosen[:100]]
    if picked:
        return picked, False
    few = sum(len(g.services) for g in groups) <= ONE_SCREEN_MAX or len(groups) <= 1
    return groups, not few


def kiosk_day(*, location: Location) -> date | None:
    """The day the kiosk's tickets are for while the location is closed and one of its queues
    runs overnight; None while it is open (or no queue runs overnight)."""
    if not Queue.objects.filter(location=location, is_active=True, overnight=True).exists():
        return None
    return overnight_day(location=location)
