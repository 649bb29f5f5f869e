"""Benchmark: requests per second of a demo regency's citizen pages against a minimal Django view.

    python benchmarks/portal_throughput.py [--seconds 10] [--connections 8] [--workers 2]
    python benchmarks/portal_throughput.py --uncached [--seconds 5] [--rounds 1]
    python benchmarks/portal_throughput.py --rotation 500 [--keep]

`--keep` keeps the throwaway database (and reuses a kept one: setting it up takes minutes here);
BENCH_DATABASE_SUFFIX names it apart from someone else's run on the same server.
`--rotation N` adds N-1 regencies made without a template (once, with --keep), visits every
portal once, then requests the cached home across all N portals in turn and across 5; its last
line is `rotation_ratio=… (target >=0.5) portals=N baseline across 5=… req/s`, after the resident
memory of the server's database sessions.

Serves the app with gunicorn (production-style: DEBUG off, several workers, Redis cache when Redis
answers at BENCH_REDIS_URL or 127.0.0.1:6379), provisions the Badung-model catalogue into a
throwaway database, and loads each URL with wrk (or a Python client when wrk is missing). The last
line is `home_ratio=… directory_ratio=… service_ratio=… not_found_ratio=… not_found_vs_home=…`:
each page's throughput divided by the minimal view's, and a repeated 404 on the regency's host
(a path no page has, asked again as scanners and stale links do) divided by the cached home's.
Targets: every page ratio at least 0.5; not_found_vs_home at least 0.5 (issue #15: a regency-host
404 costs at most twice a cached page).

The machine has two cores shared by the server, the load generator and PostgreSQL, so background
work (autovacuum after an earlier benchmark, say) moves absolute numbers. Each of --rounds rounds
therefore measures the minimal view and then every page back to back, and a page's ratio is the
median over rounds of its throughput divided by the minimal view's in the same round.

`--uncached` measures the pages rendered every time (home, service, directory, agency and a bare
Wagtail `StandardPage`): each URL carries a query string longer than the page cache keeps
(cms.middleware.MAX_PATH), which every page ignores, so no session and no page-cache entry is
involved. Its last line is `uncached home_ratio=… … baseline minimal=N req/s`. Target (issue #15):
every ratio at least 0.25.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from _bench import ROOT, bench_database  # also puts ROOT on sys.path, for `tests`

from tests.processes import free_port, redis_available, stop, wait_for

HOST = "badung.localhost"
PATHS = {
    "minimal": "/bench/minimal/",
    "home": "/",
    "directory": "/layanan/",
    "service": "/layanan/{service}/",
    "not_found": "/tidak-ada-halaman-ini/",
}
EXPECTED_STATUS = {"not_found": 404}
UNCACHED_PATHS = {
    "minimal": "/bench/minimal/",
    "home": "/",
    "service": "/layanan/{service}/",
    "directory": "/layanan/",
    "agency": "/instansi/{agency}/",
    "standard": "/profil/",
}
# Longer than the page cache keeps (cms.middleware.MAX_PATH = 300): the page is rendered each time.
NO_PAGE_CACHE = "?bench=" + "x" * 300


def redis_url() -> str:
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    return url if redis_available(url) else ""


def wrk_rps(
    port: int, path: str, seconds: int, connections: int, cookie: str = "", status: int = 200
) -> float:
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
    if non2xx and status == 200:
        raise SystemExit(f"{path}: {non2xx.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def python_rps(
    port: int,
    path: str,
    seconds: int,
    connections: int,
    cookie: str = "",
    hosts: list | None = None,
    tally: collections.Counter | None = None,
    status: int = 200,
) -> float:
    """Requests per second; with `hosts`, each connection sends its requests to them in turn;
    `tally` counts the responses' X-Portal-Cache values (hit, miss, none)."""
    hosts = hosts or [HOST]
    done = [0] * connections
    errors: list[str] = []
    until = time.monotonic() + seconds

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        turn = i * 7919  # connections start at different hosts
        try:
            while time.monotonic() < until:
                turn += 1
                host = hosts[turn % len(hosts)]
                conn.request(
                    "GET", path, headers={"Host": host, **({"Cookie": cookie} if cookie else {})}
                )
                response = conn.getresponse()
                response.read()
                if response.status != status:
                    errors.append(f"{path}: HTTP {response.status}")
                    return
                done[i] += 1
                if tally is not None:
                    tally[response.getheader("X-Portal-Cache") or "none"] += 1
        except Exception as exc:  # an exception would end only this thread; report it after join
            errors.append(f"{path}: {exc!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit("\n".join(errors))
    return sum(done) / seconds


def answers(port: int) -> bool:
    """Whether the server at `port` serves the minimal view."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", PATHS["minimal"], headers={"Host": HOST})
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--uncached", action="store_true", help="pages rendered every time")
    parser.add_argument(
        "--rotation",
        type=int,
        default=0,
        help="home across N portals in turn vs across 5 (Badung, N-1 portals without a template)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database, reuse a kept one")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_site.settings"
    sys.path.insert(0, str(Path(__file__).parent))
    cache_url = redis_url()
    have_wrk = shutil.which("wrk") is not None
    if cache_url:
        os.environ["BENCH_REDIS_URL"] = cache_url

    with bench_database("throughput", keep=args.keep) as new:
        from django.conf import settings
        from django.core.cache import cache

        from onboarding.seeding import seed_template_document, template_apply_for_tenant
        from regencies.actions import RegencyRequest, regency_create

        document = seed_template_document("badung")
        if new:
            regency = regency_create(
                request=RegencyRequest(code="51.03", subdomain="badung", brand_name="MPP TRUST")
            )
            template_apply_for_tenant(regency, document=document)
        hosts = portal_clones(args.rotation) if args.rotation else [HOST]
        cache.clear()
        service = next(s["key"] for s in document["services"] if s.get("is_popular"))
        agency = document["agencies"][0]["key"]
        port = free_port()
        env = {**os.environ, "BENCH_DATABASE_NAME": settings.DATABASES["default"]["NAME"]}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "satupintu.wsgi:application",
                # gthread workers and --reuse-port, as in the image and the chart.
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--threads",
                "4",
                "--pythonpath",
                str(Path(__file__).parent),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_for(lambda: answers(port), timeout=60, interval=0.3, what="gunicorn to start")
            measure = wrk_rps if have_wrk else python_rps
            if args.uncached:
                uncached_main(args, port, measure, service=service, agency=agency)
                return
            if args.rotation:
                rotation_main(args, port, hosts)
                return
            for name, path in PATHS.items():
                status = EXPECTED_STATUS.get(name, 200)
                measure(port, path.format(service=service), 2, args.connections, status=status)
            ratios: dict[str, list[float]] = {name: [] for name in PATHS if name != "minimal"}
            not_found_vs_home: list[float] = []
            for round_number in range(1, args.rounds + 1):
                results = {}
                for name, path in PATHS.items():
                    path = path.format(service=service)
                    status = EXPECTED_STATUS.get(name, 200)
                    results[name] = measure(
                        port, path, args.seconds, args.connections, status=status
                    )
                    print(f"round {round_number} {name:10s} {path:32s} {results[name]:8.1f} req/s")
                for name in ratios:
                    ratios[name].append(results[name] / results["minimal"])
                not_found_vs_home.append(results["not_found"] / results["home"])
            # For information: the same pages rendered every time (a session cookie bypasses the
            # page cache, as for a signed-in visitor).
            for name in ("home", "directory", "service"):
                path = PATHS[name].format(service=service)
                rps = measure(
                    port, path, args.seconds, args.connections, cookie="sessionid=benchmark"
                )
                print(f"uncached {name:10s} {path:32s} {rps:8.1f} req/s  (signed-in visitor)")
        finally:
            stop(server, timeout=30)

    tool = "wrk" if have_wrk else "python client"
    print(
        f"server: gunicorn gthread {args.workers}x4, "
        f"cache: {'redis' if cache_url else 'locmem'}, load: {tool}"
    )
    medians = {name: statistics.median(values) for name, values in ratios.items()}
    print(
        " ".join(f"{name}_ratio={value:.2f}" for name, value in medians.items())
        + f" not_found_vs_home={statistics.median(not_found_vs_home):.2f} (target >=0.5)"
    )


def uncached_main(args, port: int, measure, *, service: str, agency: str) -> None:
    ratios: dict[str, list[float]] = {name: [] for name in UNCACHED_PATHS if name != "minimal"}
    minimal: list[float] = []
    paths = {
        name: path.format(service=service, agency=agency)
        + ("" if name == "minimal" else NO_PAGE_CACHE)
        for name, path in UNCACHED_PATHS.items()
    }
    for path in paths.values():
        measure(port, path, 2, args.connections)  # warm the processes
    for round_number in range(1, args.rounds + 1):
        results = {}
        for name, path in paths.items():
            results[name] = measure(port, path, args.seconds, args.connections)
            print(
                f"round {round_number} uncached {name:10s} {path[:40]:40s} "
                f"{results[name]:8.1f} req/s"
            )
        minimal.append(results["minimal"])
        for name in ratios:
            ratios[name].append(results[name] / results["minimal"])
    tool = "wrk" if shutil.which("wrk") else "python client"
    print(f"server: gunicorn gthread {args.workers}x4, load: {tool}")
    medians = {name: statistics.median(values) for name, values in ratios.items()}
    print(
        "uncached "
        + " ".join(f"{name}_ratio={value:.2f}" for name, value in medians.items())
        + f" baseline minimal={statistics.median(minimal):.0f} req/s"
    )


def portal_clones(count: int) -> list[str]:
    """Hosts of `count` portals: Badung and `count - 1` regencies made the ordinary way without a
    template (a copy of the base schema, whose home page names the regency), created only when
    missing (with --keep, once).

    Not copies of Badung's schema: a regency schema is ~110 tables and ~600 DDL statements, and a
    populated copy also builds its indexes over rows (2.2 s against 1.4 s for the base schema on
    this machine; 8-12 s when it was busy). The rotation measures what repeats per portal (host,
    version, page-cache and fragment keys, a session's schemas), which does not depend on how many
    services a portal lists.
    """
    import time as clock

    from regencies.actions import RegencyRequest, regency_create
    from regencies.models import Regency, RegencyStatus
    from regions.models import KabKota

    # A portal an interrupted run left half-made is finished by the same request again.
    have = set(Regency.objects.filter(status=RegencyStatus.ACTIVE).values_list("code", flat=True))
    codes = [
        code
        for code in KabKota.objects.order_by("code").values_list("code", flat=True)
        if code != "51.03"
    ][: count - 1]
    started = clock.monotonic()
    made = 0
    for code in codes:
        if code in have:
            continue
        regency_create(
            request=RegencyRequest(
                code=code, subdomain="r" + code.replace(".", ""), brand_name="MPP " + code
            )
        )
        made += 1
        if made % 50 == 0:
            print(f"created {made} portals in {clock.monotonic() - started:.0f} s", flush=True)
    if made:
        print(f"created {made} portals in {clock.monotonic() - started:.0f} s")
    return [HOST] + ["r" + code.replace(".", "") + ".localhost" for code in codes]


def rotation_main(args, port: int, hosts: list[str]) -> None:
    """The cached home requested across every portal in turn vs across 5: after one visit each
    (a quiet portal's first visitor), a portal should stay served from the caches."""
    few = hosts[:5]
    for host in hosts:  # each portal's first visitor
        _visit(port, host)
    # Measured here, after every portal was rendered once: during the rounds below the pages
    # come from the page cache, and by their end the server may have closed its sessions.
    after_visits = backend_rss_mb()
    print(f"database sessions after each portal's first visit, resident/private MB: {after_visits}")
    ratios, rates = [], []
    for round_number in range(1, args.rounds + 1):
        few_tally: collections.Counter = collections.Counter()
        many_tally: collections.Counter = collections.Counter()
        few_rps = python_rps(port, "/", args.seconds, args.connections, hosts=few, tally=few_tally)
        many_rps = python_rps(
            port, "/", args.seconds, args.connections, hosts=hosts, tally=many_tally
        )
        print(
            f"round {round_number} home across {len(few)}: {few_rps:8.1f} req/s, "
            f"across {len(hosts)}: {many_rps:8.1f} req/s "
            f"(page cache across {len(few)}: {dict(few_tally)}, "
            f"across {len(hosts)}: {dict(many_tally)})"
        )
        ratios.append(many_rps / few_rps)
        rates.append(few_rps)
    print(f"server: gunicorn gthread {args.workers}x4, load: python client, {len(hosts)} portals")
    print(f"database sessions of the server, resident/private memory (MB): {backend_rss_mb()}")
    print(
        f"rotation_ratio={statistics.median(ratios):.2f} (target >=0.5) portals={len(hosts)} "
        f"baseline across 5={statistics.median(rates):.0f} req/s"
    )


def backend_rss_mb() -> list[str]:
    """Resident memory of each server process serving this database (PostgreSQL on this
    machine), as "VmRSS/RssAnon" in MB: VmRSS counts the shared buffers a backend touched,
    RssAnon only its own memory (the catalogue caches among it)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        pids = [row[0] for row in cursor.fetchall()]
    sizes = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = re.search(r"VmRSS:\s+(\d+) kB", status)
        anon = re.search(r"RssAnon:\s+(\d+) kB", status)
        if rss and anon:
            sizes.append((int(rss.group(1)) // 1024, int(anon.group(1)) // 1024))
    return [f"{rss}/{anon}" for rss, anon in sorted(sizes, reverse=True)]


def _visit(port: int, host: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/", headers={"Host": host})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{host}: HTTP {response.status}")
    finally:
        conn.close()


if __name__ == "__main__":
    main()
