"""Queue calls reach a paired display's live stream (real uvicorn, real Redis) within a second,
per regency and per location: a display of alpha hears nothing of beta's calls, and a stream
without a device of that location is refused."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.db.models import Max
from django.test import override_settings
from django_tenants.utils import schema_context

from activity.models import ActivityEntry
from catalogue.models import Counter, Location
from queueing.actions import ticket_call_next, ticket_issue
from queueing.devices import device_create, device_pair
from queueing.models import Device, Queue, Ticket, TicketSequence
from tests.conftest import host_of
from tests.live.sse import SseConnection, asgi_server
from tests.processes import TEST_REDIS_URL, redis_available
from tests.queueing.conftest import plan_set, queue_make

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_available(), reason=f"Redis is not reachable at {TEST_REDIS_URL}"),
]


@pytest.fixture
def committed(alpha, beta, pinned_clock):
    """Queues "Y" in alpha and beta and a paired alpha display, committed, removed afterwards."""
    plan_set(alpha, queue=True)
    made = {
        "alpha": queue_make(
            alpha,
            prefix="Y",
            location="gedung-mpp",
            services=["ktp-el-baru"],
            counters=["loket-a1"],
        ),
        "beta": queue_make(
            beta,
            prefix="Y",
            location="mpp-beta",
            services=["pendaftaran-jkn"],
            counters=["loket-1"],
        ),
    }
    with schema_context(alpha.schema_name):
        trail_before = ActivityEntry.objects.aggregate(last=Max("id"))["last"] or 0
        location = Location.objects.get(key="gedung-mpp")
        _device, code = device_create(location=location, kind="display", name="TV lobi")
        token = device_pair(code=code)[1]
    try:
        yield made, location.pk, token
    finally:
        for regency in (alpha, beta):
            with schema_context(regency.schema_name):
                Ticket.objects.filter(prefix="Y").delete()
                TicketSequence.objects.filter(prefix="Y").delete()
                Queue.objects.filter(prefix="Y").delete()
                Device.objects.filter(name="TV lobi").delete()
        with schema_context(alpha.schema_name):
            ActivityEntry.objects.filter(id__gt=trail_before).delete()
        connection.set_schema_to_public()


LIVE_DELIVERY_SECONDS = 8.0


def test_a_call_reaches_its_display_and_never_another_regencys(alpha, beta, committed, tmp_path):
    made, location_id, token = committed
    env = {
        "SATUPINTU_DATABASE_NAME": connection.settings_dict["NAME"],
        "LIVE_REDIS_URL": TEST_REDIS_URL,
    }
    with (
        override_settings(LIVE_REDIS_URL=TEST_REDIS_URL),
        asgi_server(env=env, log_path=tmp_path / "uvicorn.log") as (_, port),
    ):
        path = f"/live/queue.display/{location_id}/"
        refused = SseConnection(port=port, host=host_of(alpha), path=path)
        assert refused.status == 403
        stream = SseConnection(
            port=port, host=host_of(alpha), path=path, headers={"Cookie": f"sp_device={token}"}
        )
        assert stream.status == 200, stream.head
        stream.next()  # hello
        with schema_context(beta.schema_name):
            beta_location = Location.objects.get(key="mpp-beta").pk
            ticket_issue(queue=made["beta"], check_hours=False)
        with schema_context(alpha.schema_name):
            ticket_issue(queue=made["alpha"], check_hours=False)
            sent = time.monotonic()
            ticket_call_next(counter=Counter.objects.get(key="loket-a1"), officer=None)
        # The issue's state, then the call's (a loaded machine may deliver a state sent before
        # the call in between: read on until the call is in it).
        events = [stream.next(timeout=5)]
        while not events[-1][1]["data"]["calls"] and len(events) < 5:
            events.append(stream.next(timeout=5))
        at, called = events[-1]
        assert {e["data"]["location"]["name"] for _t, e in events} == {"Gedung MPP Alpha"}
        assert [c["number"] for c in called["data"]["calls"]] == ["Y-001"]
        # Delivery, not speed: the sub-second figure is benchmarks/queue_live.py's (p95), and
        # CI runs two suites at once on two cores.
        assert at - sent < LIVE_DELIVERY_SECONDS
        assert stream.nothing_within(1.0)
        stream.close()
    assert beta_location == location_id  # the same key in both regencies: channels kept apart
