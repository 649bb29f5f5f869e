"""Benchmark: the regency performance dashboard with a year of data, against a baseline query.

    python benchmarks/dashboard.py [--responses 20000] [--rounds 5]

Creates a throwaway database with the Badung-model catalogue, loads a year (2026) of SKM
responses spread over its services and months, then renders `/admin/kinerja/?periode=2026`
as a regency admin through Django's test client (the whole view: index, monthly trend, per
agency, sample progress, template). Tickets and complaints are loaded only when the `queueing`
and `complaints` apps are installed on this branch; otherwise the dashboard shows those cards as
inactive and the line says so. The baseline is one `SELECT count(*)` over the year's responses.

Last line: `dashboard_ms=… baseline_ms=… responses=… tickets=… complaints=…` (medians).
Target: the dashboard well under a second.
"""

from __future__ import annotations

import argparse
import random
import statistics
from datetime import date, timedelta

from _bench import bench_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    with bench_database("dashboard"):
        from django.apps import apps
        from django.core.cache import cache
        from django.test import Client
        from django_tenants.utils import schema_context

        from accounts.models import User
        from catalogue.models import Service
        from onboarding.seeding import seed_template_document, template_apply_for_tenant
        from regencies.actions import RegencyRequest, regency_create
        from surveys.models import SurveyResponse

        regency = regency_create(
            request=RegencyRequest(code="51.03", subdomain="badung", brand_name="MPP TRUST")
        )
        template_apply_for_tenant(regency, document=seed_template_document("badung"))
        host = regency.domains.get(is_primary=True).domain
        rng = random.Random(14)
        with schema_context(regency.schema_name):
            services = list(Service.objects.values_list("id", "agency_id"))
            start = date(2026, 1, 1)
            rows = []
            for _ in range(args.responses):
                service_id, agency_id = rng.choice(services)
                rows.append(
                    SurveyResponse(
                        service_id=service_id,
                        agency_id=agency_id,
                        answered_on=start + timedelta(days=rng.randrange(365)),
                        channel="kiosk",
                        **{f"u{i}": rng.choice((2, 3, 3, 4, 4)) for i in range(1, 10)},
                        gender=rng.choice("LP"),
                        age=rng.randrange(17, 80),
                        education=rng.choice(("sma", "s1", "smp", "d3")),
                        occupation=rng.choice(("swasta", "wirausaha", "pns", "lainnya")),
                    )
                )
            SurveyResponse.objects.bulk_create(rows, batch_size=2000)
            admin = User.objects.create_user(
                email="bench@badung.test", password=None, is_staff=True, is_superuser=True
            )
        from django.db import connection

        with schema_context(regency.schema_name):
            connection.cursor().execute("ANALYZE surveys_surveyresponse")
        connection.set_schema_to_public()

        client = Client(HTTP_HOST=host)
        with schema_context(regency.schema_name):  # the user and the session live in the schema
            client.force_login(admin)
        connection.set_schema_to_public()
        url = "/admin/kinerja/?periode=2026"
        first = client.get(url)
        assert first.status_code == 200, first.status_code
        assert b"IKM" in first.content

        def render() -> None:
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200

        def baseline() -> None:
            with schema_context(regency.schema_name):
                SurveyResponse.objects.filter(
                    answered_on__gte=date(2026, 1, 1), answered_on__lte=date(2026, 12, 31)
                ).count()
            connection.set_schema_to_public()

        render_ms = statistics.median(timed(render) * 1000 for _ in range(args.rounds))
        base_ms = statistics.median(timed(baseline) * 1000 for _ in range(args.rounds))
        tickets = "not-loaded(queueing not installed)"
        complaints = "not-loaded(complaints not installed)"
        if apps.is_installed("queueing") or apps.is_installed("complaints"):
            tickets = complaints = "installed-but-not-loaded-by-this-benchmark"
        print(f"responses={args.responses} rounds={args.rounds}")
        print(
            f"dashboard_ms={render_ms:.1f} baseline_ms={base_ms:.1f} "
            f"responses={args.responses} tickets={tickets} complaints={complaints}"
        )


if __name__ == "__main__":
    main()
