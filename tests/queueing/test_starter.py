"""Starter queues: a location without queues gets one per counter group, once, in its regency."""

from __future__ import annotations

import pytest

from catalogue.models import Counter, Location
from queueing.models import Queue
from queueing.starter import queues_starter_ensure
from tests.conftest import in_schema

pytestmark = pytest.mark.django_db


def test_a_location_without_queues_gets_them_from_its_counters_once(alpha, beta):
    with in_schema(beta):
        beta_before = Queue.objects.count()
    with in_schema(alpha):
        location = Location.objects.get(key="gedung-mpp")
        Queue.objects.filter(location=location).delete()
        serving = set(
            Counter.objects.filter(location=location, services__isnull=False).values_list(
                "pk", flat=True
            )
        )

        created = queues_starter_ensure(location=location)

        queues = list(Queue.objects.filter(location=location).prefetch_related("counters"))
        assert created == len(queues) >= 1
        assert {c.pk for q in queues for c in q.counters.all()} == serving
        assert all(q.services.exists() for q in queues)
        assert len({q.prefix for q in queues}) == len(queues)
        assert queues_starter_ensure(location=location) == 0  # only where there is none
    with in_schema(beta):
        assert Queue.objects.count() == beta_before  # nothing in another regency
