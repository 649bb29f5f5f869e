"""Benchmark: the regency performance dashboard with a year of data, against a baseline query.

    python benchmarks/dashboard.py [--responses 20000] [--tickets 300000] [--complaints 5000]
                                   [--rounds 5] [--keep]

Creates a throwaway database with the Badung-model catalogue on the plan "lengkap" (queue and
complaints on), loads a year (2026) of SKM responses, queue tickets (every location, working
hours, realistic statuses, wait and service times, counters and officers; numbers unique per
location, day and prefix) and complaints, ANALYZEs, then renders `/admin/kinerja/?periode=2026`
as a regency admin through Django's test client (the whole view: index, monthly trend, per
agency, queue and complaint figures, sample progress, template). The baseline is one
`SELECT count(*)` over the year's responses. A line before the last also times loading the
year's ticket rows into Python (what the queue figures did before they moved into SQL).

Then it builds the dashboard's daily queue rollup (docs/adr/0038) as the fan-out job does, checks
it gives the same figures as the live SQL, and also times the dashboard's CSV export (the queue
broken down per service, agency, counter and officer, from the rollup) and the same breakdown
computed live (`queueing.figures.queue_figures`). Tickets are called at a counter serving their
service, by the officer staffing that counter that day.

Last, a day of the year (`TODAY`, a Monday) is taken out of the rollup, so its ~1,150 tickets
are read live as today's are during opening hours, and the CSV export of the year (what its view
does: the page's figures, the breakdown, the CSV text) is timed on the new path and on the old
one side by side: the breakdown read whole in one statement on every export, as it was whenever
today had tickets (`queue_breakdown(kept=False)`). Both write the same CSV (checked).

Last line: `dashboard_ms=… dashboard_after_job_ms=… dashboard_cached_ms=… breakdown_ms=…
breakdown_cached_ms=… breakdown_live_ms=… baseline_ms=… csv_today_ms=… csv_today_old_ms=…
csv_today_cold_ms=… csv_today_cold_old_ms=… responses=… tickets=… complaints=…` (medians).
`csv_today_ms`/`csv_today_old_ms`: exports after a first one (the rolled part kept in the cache,
as after the job's warm-up); `csv_today_cold_ms`/`csv_today_cold_old_ms`: the cache cleared
before each.
`dashboard_ms` and `breakdown_ms` clear the cache before every request (a request after the
cache was lost, or for a period nobody opened since the last roll); `dashboard_after_job_ms` is
the first request after the hourly job, which caches this semester's and year's totals; the
`_cached_` figures are the requests after a first one (docs/adr/0038). Target: the dashboard well
under a second.
`BENCH_DATABASE_SUFFIX=_me` names the throwaway database `satupintu_bench_dashboard_me` (as in
every benchmark, benchmarks/_bench.py). `--keep` keeps the database and, when a kept one exists,
reuses its data (the rollup is rebuilt by the code under test on every run).
"""

from __future__ import annotations

import argparse
import random
import statistics
from datetime import date, datetime, time, timedelta

from _bench import bench_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--tickets", type=int, default=300_000)
    parser.add_argument("--complaints", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the database")
    args = parser.parse_args()

    # bench_database adds BENCH_DATABASE_SUFFIX: two people's runs on one server stay apart.
    with bench_database("dashboard", keep=args.keep) as new:
        from django.core.cache import cache
        from django.test import Client
        from django_tenants.utils import schema_context

        from accounts.models import User
        from surveys.models import SurveyResponse

        if new:
            regency, admin = data_load(args)
        else:
            from django.core.management import call_command

            from regencies.models import Regency

            # The kept data under the code under test: its migrations (an index, say) too.
            call_command("migrate_schemas", interactive=False, verbosity=0)

            regency = Regency.objects.get(code="51.03")
            with schema_context(regency.schema_name):
                admin = User.objects.get(email="bench@badung.test")
        host = regency.domains.get(is_primary=True).domain
        from django.db import connection

        with schema_context(regency.schema_name):
            connection.cursor().execute("ANALYZE")
            # The dashboard swallows a neighbour's error (it shows "—"): prove the figures come.
            from surveys.neighbours import complaint_figures_get, queue_figures_get

            year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31), "agency_ids": None}
            queue = queue_figures_get(**year)
            assert queue is not None, "queue module off"
            assert queue["tickets"] == args.tickets, queue
            complaints = complaint_figures_get(**year)
            assert complaints is not None, "complaints module off"
            assert complaints["received"] == args.complaints, complaints
            # The dashboard's daily rollup, as the fan-out job builds it; "today" after the year,
            # so every day of 2026 is rolled (the job rolls only finished days).
            from surveys.models import QueueDayFigure, QueueDayRolled
            from surveys.rollup import queue_breakdown, queue_days_roll

            QueueDayFigure.objects.all().delete()  # a kept database: rebuilt by the code under test
            QueueDayRolled.objects.all().delete()
            roll_s = timed(lambda: queue_days_roll(today=date(2027, 1, 1)))
            connection.cursor().execute("ANALYZE")
            rollup_rows = QueueDayFigure.objects.count()
            from queueing.figures import queue_figures

            assert _shape(queue_breakdown(**year)) == _shape(queue_figures(**year))
        connection.set_schema_to_public()
        print(f"rollup_build_s={roll_s:.1f} rollup_rows={rollup_rows} (same figures as live)")

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

        def csv_export() -> None:
            cache.clear()
            response = client.get("/admin/kinerja/csv/?periode=2026")
            assert response.status_code == 200
            assert b"queue_counter:" in response.content

        def live_breakdown() -> None:
            from queueing.figures import queue_figures

            with schema_context(regency.schema_name):
                queue_figures(**year)
            connection.set_schema_to_public()

        def render_cached() -> None:  # the rollup's figures cached by the render before
            response = client.get(url)
            assert response.status_code == 200

        def csv_cached() -> None:
            response = client.get("/admin/kinerja/csv/?periode=2026")
            assert response.status_code == 200

        def after_job() -> float:  # the first request after the hourly job's warm-up
            cache.clear()
            with schema_context(regency.schema_name):
                try:
                    from surveys.tasks import dashboard_totals_warm
                except ImportError:  # older code: nothing is warmed
                    pass
                else:
                    dashboard_totals_warm()
            connection.set_schema_to_public()
            return timed(lambda: client.get(url))

        render_ms = statistics.median(timed(render) * 1000 for _ in range(args.rounds))
        job_ms = statistics.median(after_job() * 1000 for _ in range(args.rounds))
        render()
        cached_ms = statistics.median(timed(render_cached) * 1000 for _ in range(args.rounds))
        breakdown_ms = statistics.median(timed(csv_export) * 1000 for _ in range(args.rounds))
        csv_export()
        csv_cached_ms = statistics.median(timed(csv_cached) * 1000 for _ in range(args.rounds))
        live_ms = statistics.median(timed(live_breakdown) * 1000 for _ in range(args.rounds))
        base_ms = statistics.median(timed(baseline) * 1000 for _ in range(args.rounds))

        def rows_load() -> None:
            from queueing.models import Ticket

            with schema_context(regency.schema_name):
                fields = ["status", "issued_at", "called_at", "started_at", "finished_at"]
                fields += ["service_id", "service__name", "service__agency__name"]
                fields += ["counter__code", "officer__email"]
                len(list(Ticket.objects.filter(local_date__year=2026).values(*fields)))
            connection.set_schema_to_public()

        rows_ms = statistics.median(timed(rows_load) * 1000 for _ in range(min(args.rounds, 2)))
        print(f"rounds={args.rounds} ticket_rows_into_python_ms={rows_ms:.1f}")
        today = csv_with_tickets_today(regency, rounds=args.rounds)
        print(
            f"dashboard_ms={render_ms:.1f} dashboard_after_job_ms={job_ms:.1f} "
            f"dashboard_cached_ms={cached_ms:.1f} "
            f"breakdown_ms={breakdown_ms:.1f} breakdown_cached_ms={csv_cached_ms:.1f} "
            f"breakdown_live_ms={live_ms:.1f} baseline_ms={base_ms:.1f} "
            f"csv_today_ms={today['kept']:.1f} csv_today_old_ms={today['kept_old']:.1f} "
            f"csv_today_cold_ms={today['cold']:.1f} "
            f"csv_today_cold_old_ms={today['cold_old']:.1f} "
            f"responses={args.responses} tickets={args.tickets} complaints={args.complaints}"
        )


TODAY = date(2026, 12, 7)  # a Monday of the loaded year, its tickets read live as today's


def csv_with_tickets_today(regency, *, rounds: int) -> dict[str, float]:
    """The CSV export of 2026 with a day of tickets not rolled (today, as during opening hours),
    new path and old path side by side, in ms (medians): what the export view does
    (`dashboard_data` and `dashboard_csv`), once after a first export (`kept`: the rolled part
    kept in the cache) and once with the cache cleared before each (`cold`). The old path reads
    the period's breakdown whole in one statement on every export (`kept=False`)."""
    from django.core.cache import cache
    from django_tenants.utils import schema_context

    from satupintu.db import connection
    from surveys.dashboard import dashboard_csv, dashboard_data
    from surveys.models import QueueDayFigure, QueueDayRolled
    from surveys.neighbours import queue_breakdown_get
    from surveys.periods import period_parse

    period = period_parse("2026")
    with schema_context(regency.schema_name):
        QueueDayFigure.objects.filter(local_date=TODAY).delete()
        QueueDayRolled.objects.filter(local_date=TODAY).delete()
        cache.clear()  # a new rollup version, as after the hourly roll

        def export(kept: bool) -> str:
            data = dashboard_data(period=period, agency_ids=None)
            data["queue_detail"] = queue_breakdown_get(
                start=period.start, end=period.end, agency_ids=None, kept=kept
            )
            return dashboard_csv(data)

        new, old = export(True), export(False)
        assert new == old, "the export differs from the old path's"
        assert f"2026,queue,tickets,{_tickets_of(2026)}" in new

        def median_ms(kept: bool, *, cold: bool) -> float:
            def run() -> None:
                if cold:
                    cache.clear()
                export(kept)

            export(kept)  # a first export: the rolled part kept for the ones after it
            return statistics.median(timed(run) * 1000 for _ in range(rounds))

        out = {
            "kept": median_ms(True, cold=False),
            "kept_old": median_ms(False, cold=False),
            "cold": median_ms(True, cold=True),
            "cold_old": median_ms(False, cold=True),
        }
    connection.set_schema_to_public()
    return out


def _tickets_of(year: int) -> int:
    from queueing.models import Ticket

    return Ticket.objects.filter(local_date__year=year).count()


def data_load(args):
    """The regency, its catalogue and plan, and a year of responses, tickets and complaints."""
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
    plan_full(regency)
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
        tickets_load(rng, count=args.tickets)
        complaints_load(rng, count=args.complaints)
    return regency, admin


def _shape(figures: dict) -> dict:
    """Queue figures without labels, each dimension keyed by id."""
    measures = ("tickets", "served", "no_shows", "wait_mean", "wait_median")
    measures += ("service_mean", "service_median")
    out = {"total": {m: figures["total"][m] for m in measures}}
    for name in ("service", "agency", "counter", "officer"):
        out[name] = {r["key"]: {m: r[m] for m in measures} for r in figures[f"by_{name}"]}
    return out


def plan_full(regency) -> None:
    """The plan "lengkap" (queue and complaints on), as onboarding subscribes a regency."""
    from billing.actions import plans_ensure
    from billing.models import Plan, Subscription
    from billing.selectors import regency_modules

    plans_ensure()
    Subscription.objects.update_or_create(
        regency=regency, defaults={"plan": Plan.objects.get(code="lengkap")}
    )
    modules = regency_modules(schema_name=regency.schema_name)
    assert modules.queue, modules
    assert modules.complaints, modules


def tickets_load(rng: random.Random, *, count: int) -> None:
    """`count` tickets over 2026's weekdays: one queue per location (prefix A), issued 08.00-15.00
    local time, mostly done, some skipped, cancelled or left waiting."""
    from accounts.models import User
    from catalogue.models import Counter, Location, Service
    from queueing.models import Queue, Ticket
    from workdays.selectors import regency_timezone

    zone = regency_timezone()
    officers = [
        User.objects.create_user(email=f"petugas{i}@badung.test", password=None, is_staff=True)
        for i in range(12)
    ]
    queues = []
    for location in Location.objects.all():
        counters = list(Counter.objects.filter(location=location))
        services = list(Service.objects.filter(counters__location=location).distinct()) or list(
            Service.objects.all()
        )
        if not counters:
            continue
        queue = Queue.objects.create(location=location, prefix="A", name="Antrean A")
        queue.services.set(services)
        queue.counters.set(counters)
        # A ticket is called at a counter that serves its service (any counter if none does).
        serving: dict[int, list] = {}
        for counter in counters:
            for service_id in counter.services.values_list("id", flat=True):
                serving.setdefault(service_id, []).append(counter)
        queues.append((queue, counters, services, serving))
    days = [date(2026, 1, 1) + timedelta(days=d) for d in range(365)]
    days = [d for d in days if d.weekday() < 5]
    per_day = count // len(days)
    extra = count - per_day * len(days)
    statuses = ["done"] * 86 + ["skipped"] * 7 + ["cancelled"] * 4 + ["waiting"] * 3
    batch: list[Ticket] = []
    for index, day in enumerate(days):
        seqs = dict.fromkeys(range(len(queues)), 0)
        for _ in range(per_day + (1 if index < extra else 0)):
            q = rng.randrange(len(queues))
            queue, counters, services, serving = queues[q]
            service = rng.choice(services)
            seqs[q] += 1
            issued = datetime.combine(day, time(8), tzinfo=zone) + timedelta(
                seconds=rng.randrange(7 * 3600)
            )
            status = rng.choice(statuses)
            called = started = finished = None
            counter = officer = None
            if status in ("done", "skipped"):
                called = issued + timedelta(seconds=rng.randrange(60, 3600))
                counter = rng.choice(serving.get(service.pk) or counters)
                # One officer staffs a counter for the day.
                officer = officers[(counter.pk + index) % len(officers)]
            if status == "done":
                started = called + timedelta(seconds=rng.randrange(10, 120))
                finished = started + timedelta(seconds=rng.randrange(120, 1800))
            batch.append(
                Ticket(
                    queue=queue,
                    location_id=queue.location_id,
                    service=service,
                    local_date=day,
                    prefix="A",
                    seq=seqs[q],
                    number=f"A{seqs[q]:03d}",
                    channel=rng.choice(("kiosk", "kiosk", "kiosk", "online")),
                    status=status,
                    counter=counter,
                    officer=officer,
                    issued_at=issued,
                    called_at=called,
                    started_at=started,
                    finished_at=finished,
                    call_count=1 if called else 0,
                )
            )
            if len(batch) >= 5000:
                Ticket.objects.bulk_create(batch)
                batch = []
    Ticket.objects.bulk_create(batch)


def complaints_load(rng: random.Random, *, count: int) -> None:
    """`count` complaints over 2026, most closed, most of those within the deadlines."""
    from catalogue.models import Agency
    from complaints.models import Complaint
    from workdays.selectors import regency_timezone

    zone = regency_timezone()
    agencies = list(Agency.objects.values_list("id", flat=True))
    rows = []
    for i in range(count):
        received = datetime(2026, 1, 1, 8, tzinfo=zone) + timedelta(
            days=rng.randrange(365), seconds=rng.randrange(9 * 3600)
        )
        closed = rng.random() < 0.8
        rows.append(
            Complaint(
                tracking_code=f"B{i:07d}",
                classification=rng.choice(("pengaduan", "pengaduan", "aspirasi", "informasi")),
                subject="Antrean lama",
                body="Menunggu terlalu lama di loket.",
                about_agency_id=rng.choice(agencies),
                agency_id=rng.choice(agencies),
                identity="anonim",
                channel=rng.choice(("web", "whatsapp", "langsung")),
                received_at=received,
                status="selesai" if closed else rng.choice(("diterima", "diteruskan", "diproses")),
                forward_due=(received + timedelta(days=3)).date(),
                followup_due=(received + timedelta(days=14)).date(),
                closed_at=received + timedelta(days=rng.randrange(1, 20)) if closed else None,
                within_deadlines=(rng.random() < 0.85) if closed else None,
            )
        )
    Complaint.objects.bulk_create(rows, batch_size=2000)


if __name__ == "__main__":
    main()
