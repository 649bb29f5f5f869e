"""Benchmark: a deploy's migration pass with nothing to apply, stock `migrate_schemas` vs ours.

    python benchmarks/migrations.py [-n 200] [--parallel 2] [--repeat 3]

Creates N regency schemas as copies of the base schema (their Regency and Domain rows inserted
directly), then times, in the same run, the stock `migrate_schemas` (public and every regency)
and `migrate_regencies` (public, then only the schemas that are behind: none here). The last line
prints `stock_s=… ours_s=… ratio=…`. Target: ratio >= 20.

The copies are made with `schema_clone_from_base`, the clone every new regency gets
(regencies.cloning): it reads only the base schema's own catalogue rows, so its cost stays flat as
schemas are added (django-tenants' generic clone scanned `information_schema` over every schema and
slowed from 2 s for the first copy to 6 s by the fiftieth).
"""

from __future__ import annotations

import argparse
from statistics import median

from _bench import bench_database, timed


def schema_copies_create(names: list[str]) -> None:
    """Clone the base schema once under each of `names`."""
    from regencies.schemas import schema_clone_from_base

    for name in names:
        schema_clone_from_base(name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200, help="regency schemas (default 200)")
    parser.add_argument("--parallel", type=int, default=2, help="ours: worker processes")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours (median is used)")
    args = parser.parse_args()
    if not 1 <= args.n <= 1000:
        parser.error("-n must be between 1 and 1000")

    with bench_database("migrations"):
        from django.core.management import call_command

        from regencies.migrating import regency_schemas_migrate
        from regencies.models import Domain, DomainKind, Regency, RegencyStatus

        # Codes 90.00 to 99.99 are not Kemendagri codes; these regencies exist only here.
        codes = [f"{90 + index // 100}.{index % 100:02d}" for index in range(args.n)]
        schemas = ["r_" + code.replace(".", "_") for code in codes]
        copy_s = timed(lambda: schema_copies_create(schemas))
        regencies = Regency.objects.bulk_create(
            Regency(
                schema_name=schema,
                name=f"Kabupaten Bench {code}",
                code=code,
                status=RegencyStatus.ACTIVE,
                time_zone="Asia/Jakarta",
            )
            for code, schema in zip(codes, schemas, strict=True)
        )
        Domain.objects.bulk_create(
            Domain(
                tenant=regency,
                domain=f"{regency.schema_name.replace('_', '-')}.localhost",
                kind=DomainKind.SUBDOMAIN,
                is_primary=True,
            )
            for regency in regencies
        )
        print(f"copied the base schema {args.n} times in {copy_s:.1f} s")

        runs = []
        ours_times = []
        for _ in range(args.repeat):
            ours_times.append(
                timed(lambda: runs.append(regency_schemas_migrate(parallel=args.parallel)))
            )
        stock = timed(lambda: call_command("migrate_schemas", interactive=False, verbosity=0))

    ours = median(ours_times)
    last = runs[-1]
    print(last.summary())
    print(f"ours runs (s): {' '.join(f'{t:.2f}' for t in ours_times)}")
    print(f"schemas={args.n + 1} (regencies and the base schema) check_s={last.check_seconds:.3f}")
    print(f"stock_s={stock:.2f} ours_s={ours:.2f} ratio={stock / ours:.1f}")


if __name__ == "__main__":
    main()
