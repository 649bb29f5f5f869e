"""Benchmark: the operators' console with many regencies, whose list fans out to every schema.

    python benchmarks/console_listing.py [--requests 5]

Runs on the database `portal_throughput.py --rotation N --keep` keeps (its N regencies; run that
first), signs an operator in with password and TOTP as production requires, and times, in
process, the console's pages: the index with the dashboard (no fan-out, the baseline), the
regency list (50 rows a page, each row's services/counters and go-live progress read from its
own schema) on a cold cache and warm, the list's last page and a search. The last line is
`console list cold=… s (baseline without a budget … s; every row filled by the worker after
… s) warm=… s …`: the cold list as it is today (figures not kept are computed only within
CONSOLE_FIGURES_BUDGET_SECONDS, the rest by a worker, docs/adr/0059) beside the same list
computing every row itself. Target (issue #15): no console page takes seconds, whatever the
number of regencies.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import os
import statistics
import struct
import sys
import time
from pathlib import Path

from _bench import bench_database

OPERATOR = "operator@satupintu.bench"
PASSWORD = "operator-kuat-2026"  # noqa: S105 - a throwaway database's operator
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - its TOTP secret


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_site.settings"
    sys.path.insert(0, str(Path(__file__).parent))
    with bench_database("throughput", keep=True) as new:
        if new:
            raise SystemExit("run portal_throughput.py --rotation N --keep first")
        from django.core.cache import cache
        from django.test import override_settings

        from regencies.models import Regency
        from satupintu.page_cache import fragment_local_forget

        client = operator_client()
        regencies = Regency.objects.count()
        last_page = (regencies - 1) // 50

        def cold_start() -> None:
            cache.clear()
            fragment_local_forget()

        # The baseline: a budget no page reaches, so the cold list computes every row itself.
        cold_start()
        with override_settings(CONSOLE_FIGURES_BUDGET_SECONDS=1e9):
            unbounded = timed_get(client, "/console/regencies/regency/")
        # Today: the rows the budget leaves are computed by a worker (a background thread here,
        # as `make run` does) while the operator reads the page.
        cold_start()
        with override_settings(TASKS_IN_BACKGROUND_THREAD=True, CELERY_TASK_ALWAYS_EAGER=True):
            started = time.perf_counter()
            cold = timed_get(client, "/console/regencies/regency/")
            while "dihitung" in client.get("/console/regencies/regency/").text:
                time.sleep(0.2)
            filled = time.perf_counter() - started
        times = {
            "index": "/console/",
            "list": "/console/regencies/regency/",
            "last page": f"/console/regencies/regency/?p={last_page}",
            "search": "/console/regencies/regency/?q=Kab",
        }
        results = {}
        for name, path in times.items():
            if name != "list":
                timed_get(client, path)  # its rows' first visit
            results[name] = statistics.median(timed_get(client, path) for _ in range(args.requests))
            print(f"{name:10s} {path:45s} {results[name]:6.3f} s")
    print(
        f"console list cold={cold:.2f} s (baseline without a budget {unbounded:.2f} s; every row "
        f"filled by the worker after {filled:.2f} s) warm={results['list']:.2f} s "
        f"last page={results['last page']:.2f} s index={results['index']:.2f} s "
        f"regencies={regencies}"
    )


def timed_get(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return elapsed


def operator_client():
    """An operator signed in with password and TOTP code (created once in the kept database)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP
    from django.test import Client

    from accounts.models import User

    if not User.objects.filter(email=OPERATOR).exists():
        user = User.objects.create_user(
            email=OPERATOR, password=PASSWORD, is_staff=True, is_superuser=True
        )
        EmailAddress.objects.create(user=user, email=OPERATOR, verified=True, primary=True)
        TOTP.activate(user, SECRET)
    client = Client(HTTP_HOST="localhost")
    first = client.post("/accounts/login/", {"login": OPERATOR, "password": PASSWORD})
    second = client.post(first["Location"], {"code": rfc6238_code(SECRET)})
    if second.status_code != 302:
        raise SystemExit(f"operator sign-in failed: HTTP {second.status_code}")
    return client


def rfc6238_code(secret: str) -> str:
    """The current TOTP code (RFC 6238: SHA-1, 30 s, 6 digits)."""
    counter = int(time.time() // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


if __name__ == "__main__":
    main()
