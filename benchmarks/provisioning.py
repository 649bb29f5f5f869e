"""Benchmark: creating a regency by cloning the base schema vs by running every migration.

    python benchmarks/provisioning.py [-n 5]

Both paths end in the same state (every tenant migration applied, the portal skeleton in place);
the last line prints `clone_median_s=… migrate_median_s=… ratio=…`. Target: ratio >= 8.
"""

from __future__ import annotations

import argparse

from _bench import bench_database, median, quiet_logging, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5, help="regencies per path (default 5)")
    args = parser.parse_args()

    with bench_database("provisioning"):
        quiet_logging()
        from django.core.management import call_command
        from django.db import connection
        from django_tenants.utils import schema_context

        from cms.actions import portal_skeleton_ensure
        from regencies.actions import RegencyRequest, regency_create
        from regencies.schemas import base_schema_prepare
        from regions.models import KabKota

        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        base_schema_prepare()
        codes = list(
            KabKota.objects.filter(kind="kabupaten").values_list("code", flat=True)[: 2 * args.n]
        )

        clone_times = []
        for index, code in enumerate(codes[: args.n]):
            request = RegencyRequest(code=code, subdomain=f"klon{index:03d}")
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

    clone, migrate = median(clone_times), median(migrate_times)
    print(f"clone runs (s):   {' '.join(f'{t:.2f}' for t in clone_times)}")
    print(f"migrate runs (s): {' '.join(f'{t:.2f}' for t in migrate_times)}")
    print(f"clone_median_s={clone:.3f} migrate_median_s={migrate:.3f} ratio={migrate / clone:.1f}")


if __name__ == "__main__":
    main()
