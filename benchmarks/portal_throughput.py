"""Benchmark: requests per second of a demo regency's citizen pages against a minimal Django view.

    python benchmarks/portal_throughput.py [--seconds 10] [--connections 8] [--workers 2]

Serves the app with gunicorn (production-style: DEBUG off, several workers, Redis cache when Redis
answers at BENCH_REDIS_URL or 127.0.0.1:6379), provisions the Badung-model catalogue into a
throwaway database, and loads each URL with wrk (or a Python client when wrk is missing). The last
line is `home_ratio=… directory_ratio=… service_ratio=…`: each page's throughput divided by the
minimal view's. Target: every ratio at least 0.5.

The machine has two cores shared by the server, the load generator and PostgreSQL, so background
work (autovacuum after an earlier benchmark, say) moves absolute numbers. Each of --rounds rounds
therefore measures the minimal view and then every page back to back, and a page's ratio is the
median over rounds of its throughput divided by the minimal view's in the same round.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from _bench import ROOT, bench_database, quiet_logging

HOST = "badung.localhost"
PATHS = {
    "minimal": "/bench/minimal/",
    "home": "/",
    "directory": "/layanan/",
    "service": "/layanan/{service}/",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url() -> str:
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return url
    except OSError:
        return ""


def wrk_rps(port: int, path: str, seconds: int, connections: int, cookie: str = "") -> float:
    headers = ["-H", f"Host: {HOST}"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            *headers,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{path}: {non2xx.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def python_rps(port: int, path: str, seconds: int, connections: int, cookie: str = "") -> float:
    done = [0] * connections
    stop = time.monotonic() + seconds

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            conn.request(
                "GET", path, headers={"Host": HOST, **({"Cookie": cookie} if cookie else {})}
            )
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            done[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_site.settings"
    sys.path.insert(0, str(Path(__file__).parent))
    cache_url = redis_url()
    if cache_url:
        os.environ["BENCH_REDIS_URL"] = cache_url

    with bench_database("throughput"):
        quiet_logging()
        from django.conf import settings
        from django.core.cache import cache
        from django.core.management import call_command

        from onboarding.seeding import seed_template_document, template_apply_for_tenant
        from regencies.actions import RegencyRequest, regency_create
        from regencies.schemas import base_schema_prepare

        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        base_schema_prepare()
        regency = regency_create(
            request=RegencyRequest(code="51.03", subdomain="badung", brand_name="MPP TRUST")
        )
        document = seed_template_document("badung")
        template_apply_for_tenant(regency, document=document)
        cache.clear()
        service = next(s["key"] for s in document["services"] if s.get("is_popular"))
        port = free_port()
        env = {
            **os.environ,
            "BENCH_DATABASE_NAME": settings.DATABASES["default"]["NAME"],
            "DJANGO_SETTINGS_MODULE": "bench_site.settings",
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "satupintu.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--pythonpath",
                str(Path(__file__).parent),
                # One listening socket per worker, so the kernel spreads wrk's few long-lived
                # connections over the workers instead of one greedy worker taking them all.
                "--reuse-port",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", PATHS["minimal"], headers={"Host": HOST})
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start")
                time.sleep(0.3)
            measure = wrk_rps if shutil.which("wrk") else python_rps
            for path in PATHS.values():
                measure(port, path.format(service=service), 2, args.connections)  # warm caches
            ratios: dict[str, list[float]] = {name: [] for name in PATHS if name != "minimal"}
            for round_number in range(1, args.rounds + 1):
                results = {}
                for name, path in PATHS.items():
                    path = path.format(service=service)
                    results[name] = measure(port, path, args.seconds, args.connections)
                    print(f"round {round_number} {name:10s} {path:32s} {results[name]:8.1f} req/s")
                for name in ratios:
                    ratios[name].append(results[name] / results["minimal"])
            # For information: the same pages rendered every time (a session cookie bypasses the
            # page cache, as for a signed-in visitor).
            for name in ("home", "directory", "service"):
                path = PATHS[name].format(service=service)
                rps = measure(
                    port, path, args.seconds, args.connections, cookie="sessionid=benchmark"
                )
                print(f"uncached {name:10s} {path:32s} {rps:8.1f} req/s  (signed-in visitor)")
        finally:
            server.terminate()
            server.wait(timeout=30)

    tool = "wrk" if shutil.which("wrk") else "python client"
    print(
        f"server: gunicorn gthread {args.workers}x4, "
        f"cache: {'redis' if cache_url else 'locmem'}, load: {tool}"
    )
    medians = {name: statistics.median(values) for name, values in ratios.items()}
    print(" ".join(f"{name}_ratio={value:.2f}" for name, value in medians.items()))


if __name__ == "__main__":
    main()
