"""The queue's fixtures: a queue "A" at alpha's main building served by counter A1, and the
regency's plan switched to one with the queue module."""

from __future__ import annotations

import pytest
from django.db import connection

from billing.models import Plan, Subscription
from regencies.models import Regency
from tests.conftest import in_schema
from tests.notify.conftest import fake_server, providers  # noqa: F401  (the fake providers)


def plan_set(regency: Regency, *, queue: bool) -> None:
    """Give `regency` a plan with (or without) the queue module."""
    connection.set_schema_to_public()
    from billing.actions import plans_ensure

    plans_ensure()
    plan = Plan.objects.get(code="lengkap" if queue else "dasar")
    Subscription.objects.update_or_create(regency=regency, defaults={"plan": plan})


@pytest.fixture
def queue_on(alpha, beta):
    plan_set(alpha, queue=True)
    plan_set(beta, queue=True)


def queue_make(regency: Regency, *, prefix: str, location: str, services, counters):
    from catalogue.models import Counter, Location, Service
    from queueing.models import Queue

    with in_schema(regency):
        queue = Queue.objects.create(
            location=Location.objects.get(key=location), prefix=prefix, name=f"Antrean {prefix}"
        )
        queue.services.set(Service.objects.filter(key__in=services))
        queue.counters.set(Counter.objects.filter(key__in=counters))
    return queue


@pytest.fixture
def alpha_queue(alpha, pinned_clock, queue_on):
    return queue_make(
        alpha,
        prefix="A",
        location="gedung-mpp",
        services=["ktp-el-baru", "akta-kelahiran"],
        counters=["loket-a1"],
    )


@pytest.fixture
def beta_queue(beta, pinned_clock, queue_on):
    return queue_make(
        beta, prefix="A", location="mpp-beta", services=["pendaftaran-jkn"], counters=["loket-1"]
    )
