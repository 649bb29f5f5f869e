"""Benchmark: ticket issuance through the real HTTP API, 16 concurrent kiosks on one queue vs one.

    python benchmarks/queue_tickets.py [--seconds 10] [--clients 16] [--workers 2]

Provisions a throwaway regency (Badung's seed catalogue, plan Lengkap), a queue and a paired kiosk,
opens the location all day (a date override, so the run works at any hour), serves the app with
gunicorn (gthread, as in the image) started here and stopped by its pid, and POSTs
`/api/v1/queue/tickets` for --seconds with one client, then with --clients clients on the same
queue. Then it reads every ticket back: numbers must be 1..N per (location, date, prefix), with no
duplicates and no gaps. The last line is
`tickets_ratio=… duplicates=0 gaps=0 concurrent_per_s=… single_per_s=…`; target ratio >= 0.6.

Calls (part 2, call -> display latency with 200 displays) belong to the live module's benchmark.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from datetime import time as clock
from datetime import timedelta

from _bench import ROOT, bench_database  # also puts ROOT on sys.path, for `tests`

from tests.processes import free_port, stop, wait_for

HOST = "badung.localhost"
PATH = "/api/v1/queue/tickets"


def setup() -> tuple[str, str, str, str]:
    """(schema, token, location key, service key) of a fresh regency with one open queue."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from billing.actions import plans_ensure
    from billing.models import Plan, Subscription
    from onboarding.seeding import seed_template_document, template_apply_for_tenant
    from regencies.actions import RegencyRequest, regency_create

    regency = regency_create(
        request=RegencyRequest(code="51.03", subdomain="badung", brand_name="MPP Badung")
    )
    template_apply_for_tenant(regency, document=seed_template_document("badung"))
    connection.set_schema_to_public()
    plans_ensure()
    Subscription.objects.update_or_create(
        regency=regency, defaults={"plan": Plan.objects.get(code="lengkap")}
    )
    with schema_context(regency.schema_name):
        from catalogue.models import Counter, DateOverride
        from queueing.devices import device_create, device_pair
        from queueing.models import Queue
        from queueing.opening import local_now

        counter = Counter.objects.filter(services__isnull=False).select_related("location").first()
        service = counter.services.first()
        queue = Queue.objects.create(location=counter.location, prefix="Q", name="Bench")
        queue.services.add(service)
        queue.counters.add(counter)
        today = local_now().date()
        for day in (today, today + timedelta(days=1)):
            DateOverride.objects.create(
                date=day,
                location=counter.location,
                name="Benchmark",
                is_closed=False,
                opens=clock(0, 0),
                closes=clock(23, 59, 59),
            )
        _device, code = device_create(location=counter.location, kind="kiosk", name="bench")
        token = device_pair(code=code)[1]
        return regency.schema_name, token, counter.location.key, service.key


def issue_for(port: int, seconds: float, clients: int, body: bytes, token: str) -> tuple[int, list]:
    done = [0] * clients
    errors: list[str] = []
    until = time.monotonic() + seconds
    barrier = threading.Barrier(clients)

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": HOST, "Content-Type": "application/json", "X-Device-Token": token}
        try:
            barrier.wait()
            while time.monotonic() < until:
                conn.request("POST", PATH, body=body, headers=headers)
                response = conn.getresponse()
                text = response.read()
                if response.status != 201:
                    errors.append(f"HTTP {response.status}: {text[:200]!r}")
                    return
                done[i] += 1
        except Exception as exc:  # reported after join
            errors.append(repr(exc))
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done), errors


def audit(schema: str) -> tuple[int, int, int]:
    """(tickets, duplicates, gaps) over every (location, date, prefix) sequence."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from queueing.models import Ticket

    connection.close()
    with schema_context(schema):
        rows = list(Ticket.objects.values_list("location_id", "local_date", "prefix", "seq"))
    by_key: dict[tuple, list[int]] = {}
    for location, day, prefix, seq in rows:
        by_key.setdefault((location, day, prefix), []).append(seq)
    duplicates = sum(len(s) - len(set(s)) for s in by_key.values())
    gaps = sum(max(s) - len(set(s)) for s in by_key.values())
    return len(rows), duplicates, gaps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "satupintu.settings.test"
    with bench_database("queue"):
        from django.conf import settings

        schema, token, location, service = setup()
        body = json.dumps({"location": location, "service": service}).encode()
        port = free_port()
        env = {**os.environ, "SATUPINTU_DATABASE_NAME": settings.DATABASES["default"]["NAME"]}
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "satupintu.wsgi:application",
                "--config", str(ROOT / "gunicorn.conf.py"),
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(args.workers), "--threads", str(args.threads),
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        try:
            wait_for(
                lambda: issue_for(port, 0.01, 1, body, token)[1] == [],
                timeout=60, interval=0.5, what="gunicorn to answer the ticket API",
            )  # fmt: skip
            issue_for(port, 2, args.clients, body, token)  # warm every worker
            single, errors = issue_for(port, args.seconds, 1, body, token)
            concurrent, more = issue_for(port, args.seconds, args.clients, body, token)
        finally:
            stop(server, timeout=30)
        if errors or more:
            raise SystemExit("\n".join((errors + more)[:10]))
        tickets, duplicates, gaps = audit(schema)
    single_rate, concurrent_rate = single / args.seconds, concurrent / args.seconds
    print(f"server: gunicorn gthread {args.workers}x{args.threads}; tickets issued: {tickets}")
    print(f"single client:   {single_rate:8.1f} tickets/s")
    print(f"{args.clients} clients:      {concurrent_rate:8.1f} tickets/s")
    print(
        f"tickets_ratio={concurrent_rate / single_rate:.2f} duplicates={duplicates} gaps={gaps} "
        f"concurrent_per_s={concurrent_rate:.1f} single_per_s={single_rate:.1f}"
    )


if __name__ == "__main__":
    main()
