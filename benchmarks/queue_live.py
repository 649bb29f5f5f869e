"""Benchmark: call → display latency with 200 open TV displays across 20 regencies, and the memory
each open display connection costs the live server (issue 12, part 2 of
benchmarks/queue_tickets.py).

    python benchmarks/queue_live.py [--regencies 20] [--displays 10] [--calls 5]

Real regencies, not bare schema names: a display's stream is resolved from its host to the
regency's schema and authorised there (a paired display device of that location, with the queue
module on the regency's plan), and a call's broadcast reads the display state in that schema.
So each regency is created through the clone path (as production and tests/conftest.py do), gets
the test catalogue (tests/factories/catalogues.py), a queue "A" and `--displays` paired display
devices. uvicorn (one process, as one pod of the chart's live Deployment) serves the ASGI app
with Redis pub/sub (BENCH_REDIS_URL or TEST_REDIS_URL); this process opens every display's
stream (asyncio, raw sockets), then makes real calls (`ticket_call_next`) round-robin over the
regencies, timing from just before the call until each of that regency's displays has the new
call. Memory: the server's RSS (VmRSS) after one warm-up stream, and with all streams open.

The last line: `p50_ms=… p95_ms=… (target p95 < 500) kib_per_connection=… (baseline: a gunicorn
gthread thread holds a stack of 8 MiB virtual, and a connection slot for its whole life)`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import threading
import time

from _bench import ROOT, bench_database  # also puts ROOT on sys.path, for `tests`

from tests.processes import TEST_REDIS_URL, VENV_BIN, django_env, free_port, stop, wait_for

REDIS_URL = os.environ.get("BENCH_REDIS_URL", TEST_REDIS_URL)


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Streams:
    """Open SSE streams in an asyncio loop of their own thread; arrivals are recorded as
    (monotonic time, regency index, first call's number)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.loop = asyncio.new_event_loop()
        self.arrivals: list[tuple[float, int, str]] = []
        self.hellos = 0
        # asyncio holds tasks weakly (and, since 3.12, a stream's protocol its reader too):
        # without these references an idle stream's task is garbage-collected mid-run.
        self.tasks: list = []
        self.lock = threading.Lock()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def open(self, *, index: int, host: str, path: str, cookie: str) -> None:
        self.tasks.append(
            asyncio.run_coroutine_threadsafe(self._read(index, host, path, cookie), self.loop)
        )

    async def _read(self, index: int, host: str, path: str, cookie: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 20)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
            f"Cookie: {cookie}\r\n\r\n".encode()
        )
        await writer.drain()
        while True:
            line = await reader.readline()
            if not line:
                return
            text = line.decode(errors="replace")
            if text.startswith("event: hello"):
                with self.lock:
                    self.hellos += 1
            elif text.startswith("data: {") and '"kind":"display"' in text:
                at = time.monotonic()
                calls = json.loads(text[6:]).get("calls") or [{}]
                with self.lock:
                    self.arrivals.append((at, index, calls[0].get("number", "")))


def setup_regencies(count: int, displays: int) -> list[dict]:
    from django.db import connection

    from catalogue.models import Counter, Location, Service
    from onboarding.seeding import template_apply_for_tenant
    from queueing.devices import device_create, device_pair
    from queueing.models import Queue
    from regencies.actions import RegencyRequest, regency_create
    from regions.models import KabKota
    from tests.conftest import host_of, in_schema, staff_user
    from tests.factories.catalogues import alpha_catalogue
    from tests.queueing.conftest import plan_set

    codes = list(KabKota.objects.filter(kind="kabupaten").values_list("code", flat=True)[:count])
    regencies = []
    for index, code in enumerate(codes):
        regency = regency_create(request=RegencyRequest(code=code, subdomain=f"layar{index:02d}"))
        connection.set_schema_to_public()
        template_apply_for_tenant(regency, document=alpha_catalogue())
        plan_set(regency, queue=True)
        with in_schema(regency):
            location = Location.objects.get(key="gedung-mpp")
            queue = Queue.objects.create(location=location, prefix="A", name="Antrean A")
            queue.services.set(Service.objects.filter(key__in=["ktp-el-baru"]))
            queue.counters.set(Counter.objects.filter(key__in=["loket-a1"]))
            tokens = []
            for n in range(displays):
                _device, code = device_create(location=location, kind="display", name=f"TV {n}")
                tokens.append(device_pair(code=code)[1])
            officer = staff_user(regency, f"petugas{index}@example.id")
        connection.set_schema_to_public()
        regencies.append(
            {
                "regency": regency,
                "host": host_of(regency),
                "location": location.pk,
                "queue": queue,
                "tokens": tokens,
                "officer": officer,
            }
        )
    return regencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regencies", type=int, default=20)
    parser.add_argument("--displays", type=int, default=10, help="per regency")
    parser.add_argument("--calls", type=int, default=5, help="per regency")
    args = parser.parse_args()

    with bench_database("queue_live"):
        from django.conf import settings
        from django.db import connection

        from catalogue.models import Counter
        from queueing.actions import ticket_call_next, ticket_issue
        from tests.conftest import in_schema

        settings.LIVE_REDIS_URL = REDIS_URL
        import logging

        logging.disable(logging.NOTSET)
        started = time.monotonic()
        regencies = setup_regencies(args.regencies, args.displays)
        print(f"set-up: {len(regencies)} regencies in {time.monotonic() - started:.0f} s")
        for entry in regencies:
            with in_schema(entry["regency"]):
                for _ in range(args.calls):
                    ticket_issue(queue=entry["queue"], channel="kiosk", check_hours=False)

        port = free_port()
        env = django_env(
            SATUPINTU_DATABASE_NAME=connection.settings_dict["NAME"],
            LIVE_REDIS_URL=REDIS_URL,
        )
        server = subprocess.Popen(
            [str(VENV_BIN / "uvicorn"), "satupintu.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--timeout-graceful-shutdown", "2"],
            cwd=ROOT, env=env, stderr=subprocess.STDOUT,
            stdout=open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "wb"),  # noqa: SIM115
        )  # fmt: skip
        try:
            streams = Streams(port)
            wait_for(lambda: _listening(port), timeout=60, what="uvicorn")
            first = regencies[0]
            cookie = f"sp_device={first['tokens'][0]}"
            path = f"/live/queue.display/{first['location']}/"
            streams.open(index=0, host=first["host"], path=path, cookie=cookie)  # warm-up
            wait_for(lambda: streams.hellos == 1, timeout=30, what="the warm-up stream")
            time.sleep(1)
            before = rss_kib(server.pid)
            for index, entry in enumerate(regencies):
                for token in entry["tokens"]:
                    path = f"/live/queue.display/{entry['location']}/"
                    streams.open(
                        index=index, host=entry["host"], path=path, cookie=f"sp_device={token}"
                    )
            total = len(regencies) * args.displays
            wait_for(lambda: streams.hellos >= total + 1, timeout=120, what="every stream")
            time.sleep(2)
            after = rss_kib(server.pid)
            opened = streams.hellos - 1

            latencies: list[float] = []
            for round_ in range(args.calls):
                for index, entry in enumerate(regencies):
                    with in_schema(entry["regency"]):
                        counter = Counter.objects.get(key="loket-a1")
                        number = f"A-{round_ + 1:03d}"
                        expected = args.displays + (1 if index == 0 else 0)
                        sent = time.monotonic()
                        ticket_call_next(counter=counter, officer=entry["officer"])
                    wait_for(
                        lambda i=index, n=number, e=expected: _count(streams, i, n) >= e,
                        timeout=10, interval=0.002, what=f"the call of {number}",
                    )  # fmt: skip
                    with streams.lock:
                        got = [at for at, i, n in streams.arrivals if i == index and n == number]
                    latencies += [(at - sent) * 1000 for at in got]
                    connection.set_schema_to_public()
        finally:
            stop(server)
    ordered = sorted(latencies)
    p50 = statistics.median(ordered)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    per_connection = (after - before) / max(opened, 1)
    print(
        f"{opened} displays open across {len(regencies)} regencies; {len(ordered)} deliveries "
        f"of {args.calls * len(regencies)} calls; server RSS {before} KiB -> {after} KiB"
    )
    print(
        f"p50_ms={p50:.0f} p95_ms={p95:.0f} (target p95 < 500) "
        f"kib_per_connection={per_connection:.0f} (baseline: a gunicorn gthread thread per "
        f"connection: 8192 KiB of stack reserved, and a worker slot held for hours)"
    )


def _count(streams: Streams, index: int, number: str) -> int:
    with streams.lock:
        return sum(1 for _at, i, n in streams.arrivals if i == index and n == number)


def _listening(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


if __name__ == "__main__":
    main()
