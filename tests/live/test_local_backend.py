"""`make run` without Redis: events published by a request's thread reach the streams of the same
process, numbered, remembered for a resume, and still scoped to the publishing regency."""

from __future__ import annotations

import asyncio
import threading

import pytest
from django.test import override_settings

from satupintu.live import publish
from satupintu.live.hub import LocalBackend, backend, channel_name
from tests.conftest import in_schema


@pytest.fixture
def local_backend():
    with override_settings(LIVE_REDIS_URL=""):
        live = backend()
        assert isinstance(live, LocalBackend)
        yield live


def test_a_thread_publishes_and_the_event_loop_hears_it(alpha, beta, local_backend):
    alpha_channel = channel_name(schema=alpha.schema_name, topic="probe", key="k1")

    def publish_from_a_worker_thread():
        for regency, who in ((beta, "beta"), (alpha, "alpha")):
            with in_schema(regency):
                publish("probe.k1", {"who": who})  # the "topic.key" spelling

    async def listen():
        hub = local_backend.hub()
        async with hub.subscription(alpha_channel) as queue:
            worker = threading.Thread(target=publish_from_a_worker_thread)
            worker.start()
            event = await asyncio.wait_for(queue.get(), timeout=5)
            worker.join()
            await asyncio.sleep(0.2)
            return event, queue.qsize()

    event, left = asyncio.run(listen())
    assert event.data == '{"who":"alpha"}'
    assert left == 0  # beta's event went to beta's channel
    seq, recent = asyncio.run(local_backend.recent(alpha_channel))
    assert seq == event.id
    assert recent[0] == event


def test_publishing_outside_a_regency_or_with_a_bad_key_is_refused(alpha, local_backend):
    with pytest.raises(ValueError, match="schema"):
        publish("probe", {}, key="k1")
    with in_schema(alpha), pytest.raises(ValueError, match="bad live topic"):
        publish("probe", {}, key="../beta")
