"""gunicorn keeps an idle connection longer than the proxy in front of it (gunicorn.conf.py):
a connection reused after gunicorn's old 2-second default still answers."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from pathlib import Path

from tests.processes import free_port, stop, wait_for

ROOT = Path(__file__).resolve().parents[2]


def config() -> dict:
    values: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), values)  # noqa: S102 - our own config file
    return values


def test_the_configured_keep_alive_outlives_the_ingress_idle_timeout():
    assert config()["keepalive"] > 60  # ingress-nginx's and an ALB's default upstream idle time


def test_an_idle_connection_is_still_served_after_gunicorns_old_default():
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "hello_wsgi:application",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
            "--pythonpath",
            str(Path(__file__).parent / "keepalive_app"),
        ],
        cwd=ROOT,
    )
    try:

        def answers() -> bool:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe.request("GET", "/")
                return probe.getresponse().status == 200
            except OSError:
                return False

        wait_for(answers, timeout=30, what="gunicorn")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/")
        first = conn.getresponse()
        assert first.read() == b"ok"
        local = conn.sock.getsockname()
        time.sleep(4)  # twice gunicorn's default keep-alive
        conn.request("GET", "/")
        assert conn.getresponse().read() == b"ok"
        assert conn.sock.getsockname() == local  # the same connection, not a reconnect
    finally:
        stop(server, timeout=20)
