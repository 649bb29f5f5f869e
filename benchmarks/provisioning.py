"""Benchmark: creating a regency by cloning the base schema vs by running every migration.

    python benchmarks/provisioning.py [-n 5]

Both paths end in the same state (every tenant migration applied, the portal skeleton in place).
Then, in the same run, the whole onboarding provisioning with the Badung-model template (about
150 services) is timed end to end: from the applicant's confirm to the new portal answering its
home page. The last line prints `clone_median_s=… migrate_median_s=… ratio=… e2e_median_s=…`.
Targets: ratio >= 8, e2e_median_s < 3.
"""

from __future__ import annotations

import argparse
from statistics import median

from _bench import bench_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5, help="regencies per path (default 5)")
    args = parser.parse_args()

    with bench_database("provisioning"):
        from django.core.management import call_command
        from django.db import connection
        from django_tenants.utils import schema_context

        from cms.actions import portal_skeleton_ensure
        from regencies.actions import RegencyRequest, regency_create
        from regions.models import KabKota

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

        from django.test import Client

        from onboarding.library import seed_templates_ensure, template_latest_version
        from onboarding.models import Template
        from onboarding.provisioning import ProvisioningSpec, provisioning_run, provisioning_start

        seed_templates_ensure()
        version = template_latest_version(template=Template.objects.get(slug="model-badung"))
        e2e_times = []
        for index, code in enumerate(codes[args.n : 2 * args.n]):
            subdomain = f"baru{index:03d}"

            def onboard(code=code, subdomain=subdomain) -> None:
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

            e2e_times.append(timed(onboard))

    clone, migrate, e2e = median(clone_times), median(migrate_times), median(e2e_times)
    print(f"clone runs (s):   {' '.join(f'{t:.2f}' for t in clone_times)}")
    print(f"migrate runs (s): {' '.join(f'{t:.2f}' for t in migrate_times)}")
    print(
        f"e2e runs (s):     {' '.join(f'{t:.2f}' for t in e2e_times)}  (confirm -> portal answers)"
    )
    print(
        f"clone_median_s={clone:.3f} migrate_median_s={migrate:.3f} ratio={migrate / clone:.1f} "
        f"e2e_median_s={e2e:.3f}"
    )


if __name__ == "__main__":
    main()
