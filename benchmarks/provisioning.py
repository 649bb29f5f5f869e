"""Benchmark: creating a regency, and onboarding one from the Badung template end to end.

    python benchmarks/provisioning.py [-n 5] [--at 500]

1. Cloning the base schema vs running every migration (ADR 0003): both end in the same state
   (every tenant migration applied, the portal skeleton in place). Timed with no spare schema,
   so the clone is the copy itself.
2. Onboarding end to end with the Badung-model template (about 150 services): from the
   applicant's confirm (`provisioning_start`) to the new portal answering its home page. Each run
   of today's path (a spare schema renamed, docs/adr/0050) alternates with a run of the old path
   (no spare: the base schema copied table by table), in the same process, so the machine's load
   weighs on both alike. After a run of today's path the spare it took is made again, untimed: in
   production a worker does that while the applicant reads their invitation.
3. With `--at N`: plain regencies (registered and cloned, no template) are added until N exist,
   the time that takes is printed, and step 2 is run again among them.

The last line prints the end-to-end medians against the targets (< 1 s at 5 regencies, <= 1.2 s
at 500; issue #15) and the old path as the baseline, then the clone/migrate figures.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from statistics import median
from unittest import mock

from _bench import bench_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5, help="runs per path and step (default 5)")
    parser.add_argument(
        "--at", type=int, default=0, help="also onboard among this many regencies (e.g. 500)"
    )
    args = parser.parse_args()

    with bench_database("provisioning"):
        from django.core.management import call_command
        from django.db import connection
        from django_tenants.utils import schema_context

        from cms.actions import portal_skeleton_ensure
        from regencies.actions import RegencyRequest, regency_create
        from regencies.models import Regency
        from regencies.schemas import base_schema_name
        from regencies.spares import spares_drop_all, spares_fill
        from regions.models import KabKota

        codes = iter(KabKota.objects.order_by("code").values_list("code", flat=True))
        base = base_schema_name()

        spares_drop_all()
        clone_times = []
        for index in range(args.n):
            request = RegencyRequest(code=next(codes), subdomain=f"klon{index:03d}")
            clone_times.append(timed(lambda r=request: regency_create(request=r)))

        def migrate_one(schema: str) -> None:
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
            call_command(
                "migrate_schemas", schema_name=schema, tenant=True, interactive=False, verbosity=0
            )
            with schema_context(schema):
                portal_skeleton_ensure()

        migrate_times = [timed(lambda s=f"migr{i:03d}": migrate_one(s)) for i in range(args.n)]

        from django.test import Client

        from onboarding.library import seed_templates_ensure, template_latest_version
        from onboarding.models import Template
        from onboarding.provisioning import ProvisioningSpec, provisioning_run, provisioning_start

        seed_templates_ensure()
        version = template_latest_version(template=Template.objects.get(slug="model-badung"))
        counter = iter(range(10_000))

        def onboard() -> None:
            code, subdomain = next(codes), f"baru{next(counter):04d}"
            job = provisioning_start(
                request=RegencyRequest(code=code, subdomain=subdomain, brand_name="MPP Baru"),
                spec=ProvisioningSpec(
                    admin_email=f"admin@{subdomain}.test", template_version_id=version.pk
                ),
                enqueue=False,
            )
            assert provisioning_run(job_id=job.pk) == "done"
            response = Client(HTTP_HOST=f"{subdomain}.localhost").get("/")
            assert response.status_code == 200, response.status_code
            connection.set_schema_to_public()  # the request left the connection in its schema

        def onboarding_rounds() -> tuple[list[float], list[float]]:
            """Today's path and the old path, alternating; the refill after a take untimed."""
            new, old = [], []
            for _round in range(args.n):
                _retrying(lambda: spares_fill(base=base))
                with mock.patch("regencies.schemas.spares_refill_enqueue", return_value=None):
                    new.append(timed(onboard))
                spares_drop_all()
                old.append(timed(onboard))
            _retrying(lambda: spares_fill(base=base))
            return new, old

        small_count = Regency.objects.count()
        e2e_new, e2e_old = onboarding_rounds()
        print(
            f"e2e at {small_count} regencies: {_runs(e2e_new)} (old path {_runs(e2e_old)})",
            flush=True,
        )

        fill_seconds, large_new, large_old = 0.0, [], []
        if args.at:
            from django.db import transaction

            from regencies.cloning import schema_copy
            from regencies.creation import regency_register

            def plain(index: int) -> None:
                with transaction.atomic():
                    regency = regency_register(
                        request=RegencyRequest(code=next(codes), subdomain=f"isi{index:04d}")
                    )
                    schema_copy(base=base, new=regency.schema_name)
                    Regency.objects.filter(pk=regency.pk).update(status="active")

            started = time.perf_counter()
            for index in range(max(args.at - Regency.objects.count() - args.n, 0)):
                _retrying(lambda i=index: plain(i))
            fill_seconds = time.perf_counter() - started
            print(
                f"filled to {Regency.objects.count()} regencies in {fill_seconds:.0f} s", flush=True
            )
            large_count = Regency.objects.count()
            large_new, large_old = onboarding_rounds()

    clone, migrate = median(clone_times), median(migrate_times)
    print(f"clone runs (s):   {' '.join(f'{t:.2f}' for t in clone_times)}")
    print(f"migrate runs (s): {' '.join(f'{t:.2f}' for t in migrate_times)}")
    print(f"e2e at {small_count} regencies, today's path (s): {_runs(e2e_new)}")
    print(f"e2e at {small_count} regencies, old path (s):     {_runs(e2e_old)}")
    large = ""
    if args.at:
        print(f"filled to {large_count} regencies with plain clones in {fill_seconds:.0f} s")
        print(f"e2e at {large_count} regencies, today's path (s): {_runs(large_new)}")
        print(f"e2e at {large_count} regencies, old path (s):     {_runs(large_old)}")
        large = (
            f" e2e_at_{args.at}_median_s={median(large_new):.3f} (target <= 1.2,"
            f" old path {median(large_old):.3f})"
        )
    print(
        f"e2e_median_s={median(e2e_new):.3f} (target < 1.0, old path {median(e2e_old):.3f})"
        f"{large} clone_median_s={clone:.3f} migrate_median_s={migrate:.3f} "
        f"ratio={migrate / clone:.1f}"
    )


def _retrying(func: Callable[[], object]) -> None:
    """A copy holds ~2,400 locks until it commits; on a server shared with other copies the lock
    table (max_locks_per_transaction x max_connections) can run out. Wait and copy again."""
    from django.db import OperationalError

    for attempt in range(20):
        try:
            func()
            return
        except OperationalError as exc:
            if "out of shared memory" not in str(exc) or attempt == 19:
                raise
            time.sleep(2)


def _runs(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    main()
