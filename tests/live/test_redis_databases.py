"""Two deployments (or two test runs) on one Redis, each on its own database number, never hear
each other's live events: Redis keeps keys per database but PUBLISH reaches every database's
subscribers, so the channel on the wire carries the number (docs/adr/0021). The moved-clock CI
runs two suites side by side, and a display of one rendered the other's calls."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from satupintu.live.hub import RedisBackend, channel_name
from tests.processes import TEST_REDIS_URL, redis_available

pytestmark = pytest.mark.skipif(
    not redis_available(), reason=f"Redis is not reachable at {TEST_REDIS_URL}"
)


def _on_database(number: int) -> RedisBackend:
    base, _, _ = TEST_REDIS_URL.rpartition("/")
    return RedisBackend(f"{base}/{number}")


def test_an_event_published_on_one_redis_database_is_not_heard_on_another():
    ours = RedisBackend(TEST_REDIS_URL)
    number = int(ours.client.connection_pool.connection_kwargs.get("db", 0))
    theirs = _on_database((number + 1) % 16)
    # The same schema, topic and key in both: two suites' copies of one regency.
    channel = channel_name(schema="regency_alpha", topic="probe", key=f"k{time.time_ns()}")

    async def listen() -> list[str]:
        hub = ours.hub()
        heard = []
        async with hub.subscription(channel) as queue:
            await asyncio.wait_for(hub.ready.wait(), timeout=10)
            await asyncio.to_thread(theirs.publish, channel, '{"who":"theirs"}')
            await asyncio.to_thread(ours.publish, channel, '{"who":"ours"}')
            heard.append((await asyncio.wait_for(queue.get(), timeout=5)).data)
            await asyncio.sleep(0.5)
            while not queue.empty():
                heard.append(queue.get_nowait().data)
        return heard

    # A thread of its own: the session's browser may already run an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        heard = thread.submit(lambda: asyncio.run(listen())).result(timeout=30)
    assert heard == ['{"who":"ours"}']
