"""A small server-sent-events client for tests and benchmarks: raw sockets, nothing hidden.

`SseConnection` reads one stream in a thread and queues (arrival time, event) pairs, where an
event is a dict with `event`, `id` and `data` (parsed JSON).
"""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.processes import ROOT, VENV_BIN, django_env, free_port, stop, wait_for


def parse_block(block: str) -> dict | None:
    event: dict = {"event": "message", "id": None, "data": None}
    lines = []
    for line in block.split("\n"):
        if line.startswith(":") or not line:
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            lines.append(value)
        elif name in ("event", "id", "retry"):
            event[name] = value
    if not lines and "retry" in event:
        return None
    event["data"] = json.loads("\n".join(lines)) if lines else None
    return event


class SseConnection:
    def __init__(self, *, port: int, host: str, path: str, headers: dict | None = None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
        self.sock.sendall(f"{request}{extra}\r\n".encode())
        self.events: queue.Queue = queue.Queue()
        self.status: int | None = None
        self.head = b""
        self._ready = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        self._ready.wait(30)

    def _read(self) -> None:
        buffer = b""
        try:
            while b"\r\n\r\n" not in buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            self.head, _, buffer = buffer.partition(b"\r\n\r\n")
            self.status = int(self.head.split(b" ", 2)[1])
            self._ready.set()
            text = ""
            while True:
                # Chunked transfer: strip chunk-size lines by decoding the framing.
                while True:
                    size_line, sep, rest = buffer.partition(b"\r\n")
                    if not sep:
                        break
                    size = int(size_line.split(b";")[0], 16)
                    if len(rest) < size + 2:
                        break
                    if size == 0:
                        self.events.put((time.monotonic(), {"event": "__end__"}))
                        return
                    text += rest[:size].decode()
                    buffer = rest[size + 2 :]
                while "\n\n" in text:
                    block, text = text.split("\n\n", 1)
                    event = parse_block(block)
                    if event is not None:
                        self.events.put((time.monotonic(), event))
                chunk = self.sock.recv(65536)
                if not chunk:
                    self.events.put((time.monotonic(), {"event": "__end__"}))
                    return
                buffer += chunk
        except OSError:
            self.events.put((time.monotonic(), {"event": "__end__"}))
        finally:
            self._ready.set()

    def next(self, *, timeout: float = 5, skip: tuple[str, ...] = ("ping",)) -> tuple[float, dict]:
        deadline = time.monotonic() + timeout
        while True:
            at, event = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if event["event"] not in skip:
                return at, event

    def nothing_within(self, seconds: float) -> bool:
        with contextlib.suppress(queue.Empty):
            self.next(timeout=seconds)
            return False
        return True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


@contextlib.contextmanager
def asgi_server(
    *,
    env: dict[str, str],
    port: int | None = None,
    log_path: Path | None = None,
    app: str = "tests.live.live_asgi:application",
) -> Iterator[tuple[subprocess.Popen, int]]:
    """uvicorn serving the ASGI app in its own process, stopped by its pid afterwards."""
    port = port or free_port()
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(VENV_BIN / "uvicorn"),
            app,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--timeout-graceful-shutdown",
            "2",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=django_env(**env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(
            lambda: _answers(port) or process.poll() is not None,
            timeout=60,
            what="the ASGI server to listen",
        )
        assert process.poll() is None, f"the ASGI server exited ({log_path})"
        yield process, port
    finally:
        stop(process)
        if log_path:
            log.close()


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False
