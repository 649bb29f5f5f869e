"""A first set of queues for a location that has none, from its counters. Schema: tenant.

A regency that switches the queue module on (and the demo) starts from what its catalogue already
says: the counters of the location grouped by their queue prefix (or by agency where they have
none), each group one queue serving the group's services. Admins refine them afterwards.
"""

from __future__ import annotations

import string
from collections import defaultdict

from django.db import transaction

from catalogue.models import Counter, Location
from queueing.models import Queue

_VALID = set(string.ascii_uppercase)


@transaction.atomic
def queues_starter_ensure(*, location: Location) -> int:
    """Create the starter queues of `location` if it has no queue yet; how many were created."""
    if Queue.objects.filter(location=location).exists():
        return 0
    groups: dict[str, list[Counter]] = defaultdict(list)
    for counter in (
        Counter.objects.filter(location=location)
        .select_related("agency")
        .prefetch_related("services")
        .order_by("code", "pk")
    ):
        prefix = (counter.queue_prefix or "").strip().upper()
        key = prefix if prefix and set(prefix) <= _VALID and len(prefix) <= 2 else ""
        groups[key or f"agency:{counter.agency_id}"].append(counter)
    taken = {key for key in groups if not key.startswith("agency:")}
    spare = iter(
        [c for c in string.ascii_uppercase if c not in taken]
        + [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    )
    created = 0
    for key, counters in groups.items():
        services = {s.pk for counter in counters for s in counter.services.all()}
        if not services:
            continue
        prefix = key if not key.startswith("agency:") else next(p for p in spare if p not in taken)
        taken.add(prefix)
        queue = Queue.objects.create(
            location=location,
            prefix=prefix,
            name=(
                counters[0].agency.name
                if len({c.agency_id for c in counters}) == 1
                else f"Antrean {prefix}"
            )[:120],
            sort_order=created,
        )
        queue.services.set(services)
        queue.counters.set(counters)
        created += 1
    return created
