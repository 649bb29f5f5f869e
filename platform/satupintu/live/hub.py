"""Publishing live events and fanning them out to the open streams of this process.

A channel is `satupintu:live:<schema>:<topic>:<key>`; the schema always comes from the current
connection, never from the caller, so code running in one regency cannot publish into another's
channel. With Redis (LIVE_REDIS_URL, by default REDIS_URL) one Lua call numbers the event
(INCR), keeps it in a short history for reconnecting clients (LPUSH/LTRIM) and PUBLISHes it; each
server process holds ONE pattern subscription and hands events to its streams through in-memory
queues (docs/adr/0021). Redis scopes keys by database number but not PUBLISH: the wire channel
carries the number (`satupintu:live/11:...`), so two deployments or test runs on one Redis, each on
its own database, never hear each other. Without Redis (`make run` on embedded defaults) the
same happens inside the one server process. Schema: tenant.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import weakref
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cache

import redis
import redis.asyncio as aredis
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django_tenants.utils import get_public_schema_name

from satupintu.db import connection
from satupintu.live.topics import KEY, TOPIC_NAME

logger = logging.getLogger(__name__)

PREFIX = "satupintu:live"
QUEUE_SIZE = 256
# The Lua script that numbers, remembers and publishes one event atomically.
PUBLISH_SCRIPT = """
local id = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[4])
local msg = id .. '\\n' .. ARGV[1]
redis.call('LPUSH', KEYS[2], msg)
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[5], msg)
return id
"""


@dataclass(frozen=True)
class Event:
    id: int
    data: str  # JSON text


def channel_name(*, schema: str, topic: str, key: str) -> str:
    return f"{PREFIX}:{schema}:{topic}:{key}"


def _encode(event: Event) -> str:
    return f"{event.id}\n{event.data}"


def _decode(raw: str | bytes) -> Event:
    text = raw.decode() if isinstance(raw, bytes) else raw
    head, _, data = text.partition("\n")
    return Event(id=int(head), data=data)


def publish(topic: str, payload: dict, *, key: str | None = None) -> None:
    """Send `payload` to everyone listening at /live/<topic>/<key>/ in the current regency.

    Without `key`, the key is what follows the topic's last "/" or, failing that, its last ".":
    `publish("queue.display.7", {...})` is `publish("queue.display", {...}, key="7")`, heard at
    /live/queue.display/7/. Call it after the transaction commits (transaction.on_commit). A
    Redis outage is logged, never raised: the displays show themselves stale and resync.
    """
    if key is None:
        topic, _, key = topic.rpartition("/" if "/" in topic else ".")
    if not TOPIC_NAME.match(topic) or not KEY.match(key):
        raise ValueError(f"bad live topic/key {topic!r}/{key!r}")
    schema = connection.schema_name
    if not schema or schema == get_public_schema_name():
        raise ValueError("live events belong to a regency: publish inside its schema")
    data = json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":"))
    backend().publish(channel_name(schema=schema, topic=topic, key=key), data)


class Hub:
    """The open streams of one event loop, by channel."""

    def __init__(self) -> None:
        self.subscribers: dict[str, set[asyncio.Queue[Event | None]]] = {}
        # Set while the process's subscription is live: a stream reads the channel's last id
        # only after it, so no event falls between that id and the first one it receives.
        self.ready = asyncio.Event()

    def dispatch(self, channel: str, event: Event | None) -> None:
        for queue in list(self.subscribers.get(channel, ())):
            _offer(queue, event)

    def dispatch_all(self, event: Event | None) -> None:
        for queues in list(self.subscribers.values()):
            for queue in list(queues):
                _offer(queue, event)

    @contextlib.asynccontextmanager
    async def subscription(self, channel: str) -> AsyncIterator[asyncio.Queue[Event | None]]:
        queue: asyncio.Queue[Event | None] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self.subscribers.setdefault(channel, set()).add(queue)
        try:
            yield queue
        finally:
            queues = self.subscribers.get(channel)
            if queues is not None:
                queues.discard(queue)
                if not queues:
                    del self.subscribers[channel]

    def count(self) -> int:
        return sum(len(queues) for queues in self.subscribers.values())


def _offer(queue: asyncio.Queue[Event | None], event: Event | None) -> None:
    """A stream that cannot keep up is told to end (None); its client reconnects and resyncs."""
    try:
        queue.put_nowait(event)
    except asyncio.QueueFull:
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(None)


class LocalBackend:
    """One process, no Redis: `make run` on embedded defaults, where one server is the app."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seq: dict[str, int] = {}
        self.history: dict[str, deque[Event]] = {}
        self.hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = (
            weakref.WeakKeyDictionary()
        )

    def publish(self, channel: str, data: str) -> None:
        with self.lock:
            event = Event(id=self.seq.get(channel, 0) + 1, data=data)
            self.seq[channel] = event.id
            self.history.setdefault(channel, deque(maxlen=settings.LIVE_HISTORY)).appendleft(event)
            hubs = list(self.hubs.items())
        for loop, hub in hubs:
            if not loop.is_closed():
                loop.call_soon_threadsafe(hub.dispatch, channel, event)

    def hub(self) -> Hub:
        loop = asyncio.get_running_loop()
        with self.lock:
            hub = self.hubs.setdefault(loop, Hub())
        hub.ready.set()
        return hub

    async def recent(self, channel: str) -> tuple[int, list[Event]]:
        """The channel's last id and its remembered events, newest first."""
        with self.lock:
            return self.seq.get(channel, 0), list(self.history.get(channel, ()))


class RedisBackend:
    """Redis pub/sub: any process publishes, every server process listens once for all."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        # Pub/sub ignores SELECT: the database number goes into the channel's name instead.
        self.wire_prefix = f"{PREFIX}/{self.client.connection_pool.connection_kwargs.get('db', 0)}"
        self.script = self.client.register_script(PUBLISH_SCRIPT)
        self.hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = (
            weakref.WeakKeyDictionary()
        )
        self.readers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Task] = (
            weakref.WeakKeyDictionary()
        )
        self.async_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aredis.Redis] = (
            weakref.WeakKeyDictionary()
        )

    def publish(self, channel: str, data: str) -> None:
        try:
            self.script(
                keys=[f"{PREFIX}-seq:{channel}", f"{PREFIX}-history:{channel}"],
                args=[
                    data,
                    settings.LIVE_HISTORY,
                    settings.LIVE_HISTORY_SECONDS,
                    86400,
                    self.wire_prefix + channel.removeprefix(PREFIX),
                ],
            )
        except redis.RedisError:
            logger.warning("live: could not publish to %s", channel, exc_info=True)

    def _async_client(self) -> aredis.Redis:
        loop = asyncio.get_running_loop()
        client = self.async_clients.get(loop)
        if client is None:
            client = aredis.Redis.from_url(self.url, socket_connect_timeout=5)
            self.async_clients[loop] = client
        return client

    def hub(self) -> Hub:
        loop = asyncio.get_running_loop()
        hub = self.hubs.setdefault(loop, Hub())
        reader = self.readers.get(loop)
        if reader is None or reader.done():
            self.readers[loop] = loop.create_task(self._read(hub), name="satupintu-live-reader")
        return hub

    async def _read(self, hub: Hub) -> None:
        """The process's one subscription; on a Redis failure every stream ends and resyncs."""
        delay = 0.5
        while True:
            pubsub = self._async_client().pubsub()
            try:
                await pubsub.psubscribe(f"{self.wire_prefix}:*")
                async for message in pubsub.listen():
                    if message.get("type") == "psubscribe":  # Redis confirmed: events flow
                        hub.ready.set()
                        delay = 0.5
                    elif message.get("type") == "pmessage":
                        channel = message["channel"]
                        channel = channel.decode() if isinstance(channel, bytes) else channel
                        channel = PREFIX + channel.removeprefix(self.wire_prefix)
                        hub.dispatch(channel, _decode(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("live: Redis subscription lost, retrying", exc_info=True)
                hub.ready.clear()
                hub.dispatch_all(None)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    async def recent(self, channel: str) -> tuple[int, list[Event]]:
        client = self._async_client()
        async with client.pipeline(transaction=True) as pipe:
            pipe.get(f"{PREFIX}-seq:{channel}")
            pipe.lrange(f"{PREFIX}-history:{channel}", 0, -1)
            seq, raw = await pipe.execute()
        return int(seq or 0), [_decode(item) for item in raw]


@cache
def _backend_for(url: str) -> LocalBackend | RedisBackend:
    return RedisBackend(url) if url else LocalBackend()


def backend() -> LocalBackend | RedisBackend:
    return _backend_for(settings.LIVE_REDIS_URL)
