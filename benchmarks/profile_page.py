"""Profile: where an uncached citizen page's time goes (cProfile over N renders of each page).

    python benchmarks/profile_page.py [--requests 50] [--path /] [--sort cumulative]

Provisions the Badung-model catalogue into a throwaway database (as portal_throughput.py), warms
each page once, then renders it N times under cProfile with a query string longer than the page
cache keeps, and prints the top functions and the statements per page.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

from _bench import bench_database

NO_PAGE_CACHE = "?bench=" + "x" * 300


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--path", action="append")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--keep", action="store_true", help="keep the database, reuse a kept one")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_site.settings"
    sys.path.insert(0, str(Path(__file__).parent))
    with bench_database("throughput", keep=args.keep) as new:  # the same portal
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from onboarding.seeding import seed_template_document, template_apply_for_tenant
        from regencies.actions import RegencyRequest, regency_create

        document = seed_template_document("badung")
        if new:
            regency = regency_create(
                request=RegencyRequest(code="51.03", subdomain="badung", brand_name="MPP TRUST")
            )
            template_apply_for_tenant(regency, document=document)
        cache.clear()
        service = next(s["key"] for s in document["services"] if s.get("is_popular"))
        agency = document["agencies"][0]["key"]
        paths = args.path or ["/", f"/layanan/{service}/", "/layanan/", f"/instansi/{agency}/"]
        client = Client(HTTP_HOST="badung.localhost")
        client.get("/bench/minimal/")
        for path in paths:
            path = path + NO_PAGE_CACHE
            assert client.get(path).status_code == 200, path
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            start = time.perf_counter()
            for _ in range(20):
                client.get(path)
            per = (time.perf_counter() - start) / 20
            start = time.perf_counter()
            for _ in range(20):
                client.get("/bench/minimal/")
            minimal = (time.perf_counter() - start) / 20
            print(
                f"{path[:40]}: {len(queries)} statements, {per * 1000:.1f} ms/page, "
                f"minimal {minimal * 1000:.1f} ms, ratio {minimal / per:.2f}"
            )
            for q in queries.captured_queries:
                print("   ", q["sql"][:150])
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.requests):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
