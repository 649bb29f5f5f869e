"""The live stream under a real ASGI server (uvicorn, started and stopped by pid) and real Redis:
a regency hears its own events only, quickly, and a client that lost the server resumes."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test import override_settings

from satupintu.live import publish
from tests.conftest import host_of, in_schema
from tests.live.sse import SseConnection, asgi_server
from tests.processes import TEST_REDIS_URL, free_port, redis_available

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_available(), reason=f"Redis is not reachable at {TEST_REDIS_URL}"),
]


@pytest.fixture
def server_env():
    return {
        "SATUPINTU_DATABASE_NAME": connection.settings_dict["NAME"],
        "LIVE_REDIS_URL": TEST_REDIS_URL,
        "LIVE_HEARTBEAT_SECONDS": "1",
    }


@pytest.fixture(autouse=True)
def _redis_live():
    with override_settings(LIVE_REDIS_URL=TEST_REDIS_URL):
        yield


def _stream(port, regency, path, **headers) -> SseConnection:
    stream = SseConnection(port=port, host=host_of(regency), path=path, headers=headers)
    assert stream.status == 200, stream.head
    return stream


def _publish_in(regency, topic: str, payload: dict, *, key: str) -> float:
    with in_schema(regency):
        sent = time.monotonic()
        publish(topic, payload, key=key)
    return sent


def test_a_regency_hears_its_own_events_and_never_another_regencys(
    alpha, beta, server_env, tmp_path
):
    key = f"lobi-{time.time_ns()}"
    with asgi_server(env=server_env, log_path=tmp_path / "uvicorn.log") as (_, port):
        stream = _stream(port, alpha, f"/live/probe/{key}/")
        _, hello = stream.next()
        assert hello["event"] == "hello"

        _publish_in(beta, "probe", {"who": "beta"}, key=key)  # same topic and key, other regency
        sent = _publish_in(alpha, "probe", {"who": "alpha"}, key=key)
        at, event = stream.next(timeout=5)
        assert event["data"] == {"who": "alpha"}
        assert at - sent < 1.0  # "within a second of a call"
        assert stream.nothing_within(1.5)  # beta's event never arrives
        stream.close()


def test_heartbeats_keep_an_idle_stream_talking(alpha, server_env):
    with asgi_server(env=server_env) as (_, port):
        stream = _stream(port, alpha, f"/live/probe/idle-{time.time_ns()}/")
        stream.next()  # hello
        _, event = stream.next(timeout=3, skip=())
        assert event["event"] == "ping"
        stream.close()


def test_a_client_that_lost_the_server_resumes_where_it_stopped(alpha, server_env, tmp_path):
    key = f"resume-{time.time_ns()}"
    port = free_port()
    log = tmp_path / "uvicorn.log"
    with asgi_server(env=server_env, port=port, log_path=log) as (_, port):
        stream = _stream(port, alpha, f"/live/probe/{key}/")
        stream.next()
        _publish_in(alpha, "probe", {"n": 1}, key=key)
        _, first = stream.next()
        assert first["data"] == {"n": 1}
    # The server is gone (stopped by its pid); the stream ends; calls go on meanwhile.
    _, end = stream.next(timeout=10, skip=("ping",))
    assert end["event"] == "__end__"
    _publish_in(alpha, "probe", {"n": 2}, key=key)
    _publish_in(alpha, "probe", {"n": 3}, key=key)
    with asgi_server(env=server_env, port=port, log_path=log) as (_, port):
        resumed = _stream(port, alpha, f"/live/probe/{key}/", **{"Last-Event-ID": first["id"]})
        _, hello = resumed.next()
        assert hello["data"]["replayed"] == 2
        assert hello["data"]["gap"] is False
        assert [resumed.next()[1]["data"]["n"] for _ in range(2)] == [2, 3]
        _publish_in(alpha, "probe", {"n": 4}, key=key)
        assert resumed.next()[1]["data"] == {"n": 4}
        resumed.close()


def test_a_resume_from_beyond_the_history_is_told_to_fetch_state_again(alpha, server_env):
    key = f"gap-{time.time_ns()}"
    _publish_in(alpha, "probe", {"n": 1}, key=key)
    with asgi_server(env=server_env) as (_, port):
        stream = _stream(port, alpha, f"/live/probe/{key}/?last_event_id=999")
        _, hello = stream.next()
        assert hello["data"]["gap"] is True
        assert hello["data"]["seq"] == 1
        stream.close()


def test_unknown_topics_refused_keys_and_the_platform_host_get_no_stream(alpha, server_env):
    with asgi_server(env=server_env) as (_, port):
        assert SseConnection(port=port, host=host_of(alpha), path="/live/nope/k/").status == 404
        refused = SseConnection(port=port, host=host_of(alpha), path="/live/probe/verboten/")
        assert refused.status == 403
        assert b"private" in refused.head or b"no-cache" in refused.head
        platform = SseConnection(port=port, host="localhost", path="/live/probe/k/")
        assert platform.status == 404
