"""The live stream endpoint: `/live/<topic>/<key>/` on a regency's host, as server-sent events.

An async view under the ASGI server: an open stream costs a queue and a coroutine, not a thread
or a database connection (the topic's check runs once, in a worker thread, and gives its
connection back). Schema: tenant.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_tenants.utils import get_public_schema_name

from satupintu.db import connection
from satupintu.live.hub import Event, backend, channel_name
from satupintu.live.topics import KEY, Topic, topic_get

WSGI_STREAM_SECONDS = 20.0


def _authorize_for_tenant(regency, topic: Topic, request: HttpRequest, key: str) -> bool:
    """The topic's own check, in the regency's schema; the connection is closed afterwards so
    that a stream left open for hours holds none."""
    connection.set_tenant(regency)
    try:
        return bool(topic.authorize(request, key))
    finally:
        connection.close()


def _last_event_id(request: HttpRequest) -> int | None:
    raw = request.headers.get("Last-Event-ID") or request.GET.get("last_event_id") or ""
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def _frame(event: Event) -> str:
    return f"id: {event.id}\ndata: {event.data}\n\n"


async def _stream(channel: str, last_id: int | None, max_seconds: float) -> AsyncIterator[str]:
    # Whatever the middleware's response phase opened is given back too: in this request's own
    # thread (thread-sensitive), where Django would otherwise keep it until the stream ends.
    await sync_to_async(connections.close_all)()
    live = backend()
    hub = live.hub()
    async with hub.subscription(channel) as queue:
        yield f"retry: {settings.LIVE_RETRY_MS}\n\n"
        await asyncio.wait_for(hub.ready.wait(), timeout=10)
        seq, recent = await live.recent(channel)
        oldest = recent[-1].id if recent else seq + 1
        gap = last_id is not None and (last_id > seq or last_id < oldest - 1)
        # Missed events, oldest first; after a gap the client fetches the whole state instead.
        replay = [e for e in reversed(recent) if last_id is not None and not gap and e.id > last_id]
        hello = {
            "seq": seq,
            "replayed": len(replay),
            "gap": gap,
            "heartbeat": settings.LIVE_HEARTBEAT_SECONDS,
        }
        yield f"event: hello\ndata: {json.dumps(hello)}\n\n"
        sent = last_id if last_id is not None and not gap else seq
        for missed in replay:
            yield _frame(missed)
            sent = missed.id
        loop = asyncio.get_running_loop()
        ends_at = loop.time() + max_seconds
        while loop.time() < ends_at:
            try:
                async with asyncio.timeout(settings.LIVE_HEARTBEAT_SECONDS):
                    event: Event | None = await queue.get()
            except TimeoutError:
                # Keeps proxies from closing an idle stream, and lets the client notice a dead one
                # (a comment line would not reach its JavaScript).
                yield "event: ping\ndata: {}\n\n"
                continue
            if event is None:  # Redis lost or this stream fell behind: the client resyncs
                return
            if event.id > sent:
                sent = event.id
                yield _frame(event)


@never_cache
async def live_stream(
    request: HttpRequest, topic: str, key: str
) -> HttpResponse | StreamingHttpResponse:
    entry = topic_get(topic)
    regency = getattr(request, "tenant", None)
    schema = getattr(regency, "schema_name", get_public_schema_name())
    if entry is None or not KEY.match(key) or schema == get_public_schema_name():
        return HttpResponse(_("Siaran langsung tidak ditemukan."), status=404)
    allowed = await sync_to_async(_authorize_for_tenant)(regency, entry, request, key)
    if not allowed:
        return HttpResponse(_("Perangkat ini tidak boleh mengikuti siaran ini."), status=403)
    channel = channel_name(schema=schema, topic=topic, key=key)
    # Served by a WSGI server (runserver, a test's live server), each open stream holds one of its
    # threads, and a thread still streaming keeps the process from exiting: such streams end
    # after WSGI_STREAM_SECONDS and the client resumes from its last event id (ADR 0021).
    max_seconds = settings.LIVE_MAX_STREAM_SECONDS
    if not isinstance(request, ASGIRequest):
        max_seconds = min(max_seconds, WSGI_STREAM_SECONDS)
    response = StreamingHttpResponse(
        _stream(channel, _last_event_id(request), max_seconds),
        content_type="text/event-stream; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache, no-store, private"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
