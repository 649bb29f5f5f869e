"""The dashboard's queue figures from the daily rollup plus today's live tickets give the same
numbers as the live SQL (queueing.figures.queue_figures), to the hundredth: before any roll-up,
after it, for ranges ending yesterday or today, per agency, across a midnight in the regency's
time zone, and after a rolled day changes (the job rolls recent days again). One regency's
tickets never reach another's rollup."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import pytest

from queueing.figures import queue_figures
from satupintu.fanout import fanout_run
from surveys.dashboard import QUEUE_MEASURES as MEASURES
from surveys.models import QueueDayFigure, QueueDayRolled
from surveys.rollup import queue_breakdown, queue_days_roll
from tests.conftest import in_schema, staff_client, staff_user

TODAY = date(2026, 11, 23)  # the pinned clock: Monday 23 November 2026, 09.00 WIB


def _shape(figures: dict) -> dict:
    """Figures without labels, each dimension keyed by id."""
    out = {"total": {m: figures["total"][m] for m in MEASURES}}
    for name in ("service", "agency", "counter", "officer"):
        out[name] = {row["key"]: {m: row[m] for m in MEASURES} for row in figures[f"by_{name}"]}
    return out


@pytest.fixture
def seeded(alpha, alpha_queue, pinned_clock):
    """~400 tickets from Monday 16 to Monday 23 November (today, before 09.00), some issued in
    the last and first minutes of a local day, two agencies, two counters, three officers, every
    status, times with microseconds and ties."""
    officers = [staff_user(alpha, f"petugas{i}@alpha.test") for i in range(3)]
    with in_schema(alpha):
        from catalogue.models import Counter, Service
        from queueing.models import Ticket
        from workdays.selectors import regency_timezone

        zone = regency_timezone()
        by_agency: dict[int, Service] = {}
        for service in Service.objects.order_by("pk"):
            by_agency.setdefault(service.agency_id, service)
        services = [*list(by_agency.values())[:2], None]
        c1 = Counter.objects.get(key="loket-a1")
        c2 = Counter.objects.create(
            key="loket-r2",
            agency_id=services[1].agency_id,
            location=c1.location,
            code="R2",
            name="R2",
        )
        rng = random.Random(1414)
        rows, seq = [], 0
        for offset in range(-7, 1):
            day = TODAY + timedelta(days=offset)
            starts = [time(0, 0, 30), time(23, 58)] if offset < 0 else [time(0, 0, 30)]
            starts += [time(7 + rng.randrange(2), rng.randrange(60)) for _i in range(48)]
            for start in starts:
                issued = datetime.combine(day, start, tzinfo=zone) + timedelta(
                    microseconds=rng.randrange(10**6)
                )
                if offset == 0 and issued.time() >= time(9):
                    continue
                status = rng.choice(["done"] * 6 + ["skipped", "cancelled", "waiting", "serving"])
                called = started = finished = counter = officer = None
                if status != "waiting" and status != "cancelled":
                    # whole-second waits half the time: ties and medians between two values
                    called = issued + (
                        timedelta(seconds=rng.choice((60, 90, 90, 600)))
                        if rng.random() < 0.5
                        else timedelta(milliseconds=rng.randrange(3_600_000))
                    )
                    counter, officer = rng.choice((c1, c2)), rng.choice(officers)
                if status in ("done", "serving"):
                    started = called + timedelta(seconds=rng.randrange(5, 90))
                if status == "done":
                    finished = started + timedelta(seconds=rng.randrange(60, 1500))
                seq += 1
                rows.append(
                    Ticket(
                        queue=alpha_queue,
                        location=alpha_queue.location,
                        service=rng.choice(services),
                        local_date=issued.astimezone(zone).date(),
                        prefix="A",
                        seq=seq,
                        number=f"A{seq:03d}",
                        channel="kiosk",
                        status=status,
                        counter=counter,
                        officer=officer,
                        issued_at=issued,
                        called_at=called,
                        started_at=started,
                        finished_at=finished,
                    )
                )
        Ticket.objects.bulk_create(rows)
        return {
            "agency": services[1].agency_id,
            "agency_key": services[1].agency.key,
            "count": len(rows),
        }


RANGES = [
    (TODAY - timedelta(days=7), TODAY),  # rolled days and today
    (TODAY - timedelta(days=3), TODAY - timedelta(days=1)),  # ends yesterday
    (TODAY, TODAY),  # today only (live)
    (TODAY - timedelta(days=5), TODAY - timedelta(days=5)),  # one rolled day
]


def _same_as_live(*, agency_ids=None) -> None:
    for start, end in RANGES:
        live = queue_figures(start=start, end=end, agency_ids=agency_ids)
        rolled = queue_breakdown(start=start, end=end, agency_ids=agency_ids)
        assert _shape(rolled) == _shape(live), (start, end, agency_ids)
        total = queue_breakdown(start=start, end=end, agency_ids=agency_ids, detail=False)
        assert total["total"] == rolled["total"]  # the dashboard's total-only reading


def test_rollup_plus_today_equals_the_live_figures(alpha, seeded):
    with in_schema(alpha):
        from queueing.models import Ticket

        _same_as_live()  # nothing rolled: all live
        assert queue_days_roll() == 7  # the seven finished days, not today
        assert QueueDayRolled.objects.count() == 7
        assert not QueueDayFigure.objects.filter(local_date=TODAY).exists()
        assert sum(QueueDayFigure.objects.values_list("tickets", flat=True)) == (
            Ticket.objects.exclude(local_date=TODAY).count()
        )
        # The midnight tickets sit on their local day (WIB), not the UTC one.
        first = Ticket.objects.order_by("issued_at").first()
        assert first.issued_at.date() == TODAY - timedelta(days=8)  # 00.00 WIB is 17.00 UTC
        assert first.local_date == TODAY - timedelta(days=7)
        _same_as_live()
        _same_as_live(agency_ids={seeded["agency"]})
        total = queue_breakdown(start=RANGES[0][0], end=TODAY, agency_ids=None)["total"]
        assert total["tickets"] == seeded["count"]


def test_a_late_change_to_a_rolled_day_is_picked_up_by_the_next_run(alpha, seeded):
    with in_schema(alpha):
        from queueing.models import Ticket

        queue_days_roll()
        yesterday = TODAY - timedelta(days=1)
        late = Ticket.objects.filter(local_date=yesterday, status="serving").first()
        assert late is not None
        late.status, late.finished_at = "done", late.started_at + timedelta(minutes=7)
        late.save()
        stale = queue_breakdown(start=yesterday, end=yesterday, agency_ids=None)["total"]
        live = queue_figures(start=yesterday, end=yesterday, agency_ids=None)["total"]
        assert stale["served"] == live["served"] - 1  # rolled before the change
        assert queue_days_roll() == 2  # the recent days again; older ones stay
        _same_as_live()


def test_days_not_rolled_are_read_live(alpha, seeded):
    with in_schema(alpha):
        queue_days_roll(days=[TODAY - timedelta(days=2)])
        assert QueueDayRolled.objects.count() == 1
        _same_as_live()


def test_each_regency_rolls_only_its_own_tickets(alpha, beta, seeded):
    with in_schema(beta):
        assert queue_days_roll() == 0
        assert not QueueDayFigure.objects.exists()
        figures = queue_breakdown(start=RANGES[0][0], end=TODAY, agency_ids=None)
        assert figures["total"]["tickets"] == 0
    results = fanout_run("surveys.queue_rollup")  # the scheduled job, in every regency
    assert (results[alpha.schema_name], results[beta.schema_name]) == (7, 0)
    with in_schema(beta):
        assert not QueueDayFigure.objects.exists()
    with in_schema(alpha):
        assert QueueDayRolled.objects.count() == 7


def test_dashboard_csv_breaks_the_queue_down_from_the_rollup(alpha, seeded):
    """The regency admin's CSV has every counter's row; an agency admin's only their agency's
    figures (issue #14: agency admins see their agency)."""
    with in_schema(alpha):
        assert queue_days_roll() == 7
        start = date(2026, 7, 1)
        everything = queue_figures(start=start, end=date(2026, 12, 31), agency_ids=None)
        theirs = queue_figures(start=start, end=date(2026, 12, 31), agency_ids={seeded["agency"]})
    admin = staff_client(alpha, "csv@alpha.test", group="Admin MPP")
    text = admin.get("/admin/kinerja/csv/?periode=2026-S2").content.decode()
    for row in everything["by_counter"]:
        assert f"2026-S2,queue_counter:{row['label']},tickets,{row['tickets']}" in text
        assert f"2026-S2,queue_counter:{row['label']},wait_median,{row['wait_median']}" in text
    assert f"2026-S2,queue,tickets,{seeded['count']}" in text
    agency_admin = staff_client(
        alpha, "instansi@alpha.test", group="Admin Instansi", agencies=(seeded["agency_key"],)
    )
    mine = agency_admin.get("/admin/kinerja/csv/?periode=2026-S2").content.decode()
    assert f"2026-S2,queue,tickets,{theirs['total']['tickets']}" in mine
    assert theirs["total"]["tickets"] < seeded["count"]
    [agency_row] = theirs["by_agency"]
    assert f"queue_agency:{agency_row['label']},tickets,{agency_row['tickets']}" in mine
    assert mine.count(",queue_agency:") == 7  # one agency, seven measures


def test_days_without_tickets_are_rolled_empty_and_periods_with_them_agree(alpha, seeded):
    """A finished day without tickets (a holiday) is marked rolled with no rows, so it is not
    read from the tickets again; periods over empty days, days before the first ticket and today
    give the live figures, read cold and again from the cache. Tickets loaded later for a day
    rolled empty are rolled by the next run."""
    holiday, other = TODAY - timedelta(days=4), TODAY - timedelta(days=3)
    with in_schema(alpha):
        from queueing.models import Ticket

        moved = list(Ticket.objects.filter(local_date=holiday).order_by("pk")[:3])
        Ticket.objects.filter(local_date__in=(holiday, other)).exclude(
            pk__in=[t.pk for t in moved]
        ).delete()
        Ticket.objects.filter(pk__in=[t.pk for t in moved]).update(
            local_date=TODAY - timedelta(days=40)
        )
        # 40 days back: before the first rolled day, so it is rolled as a day with tickets.
        assert queue_days_roll() == 6  # five days with tickets, and the one 40 days back
        empty = QueueDayRolled.objects.filter(tickets=0).values_list("local_date", flat=True)
        assert set(empty) == {holiday, other} | {
            TODAY - timedelta(days=n) for n in range(8, 40)
        }  # every day from the first rolled one up to yesterday
        assert not QueueDayFigure.objects.filter(local_date__in=(holiday, other)).exists()
        assert QueueDayRolled.objects.filter(local_date=TODAY).count() == 0
        ranges = [
            (holiday, other),  # empty days only
            (TODAY - timedelta(days=5), TODAY - timedelta(days=2)),  # empty days inside
            (TODAY - timedelta(days=60), TODAY),  # before the first ticket, through today
            (TODAY - timedelta(days=400), TODAY - timedelta(days=365)),  # a year without any
        ]
        for agency_ids in (None, {seeded["agency"]}):
            for start, end in ranges:
                live = queue_figures(start=start, end=end, agency_ids=agency_ids)
                for _read in ("cold", "cached"):
                    rolled = queue_breakdown(start=start, end=end, agency_ids=agency_ids)
                    assert _shape(rolled) == _shape(live), (start, end, agency_ids, _read)
                    total = queue_breakdown(
                        start=start, end=end, agency_ids=agency_ids, detail=False
                    )
                    assert total["total"] == rolled["total"], (start, end, agency_ids, _read)
        # A ticket loaded afterwards for the day rolled empty: the next run rolls that day.
        late = Ticket.objects.filter(local_date=TODAY - timedelta(days=1)).first()
        late.pk, late.public_id, late.local_date, late.seq = None, "late-holiday", holiday, 9999
        late.save()
        assert queue_days_roll() == 3  # the holiday, and the recent two again
        assert QueueDayRolled.objects.get(local_date=holiday).tickets == 1
        _same_as_live()
        live = queue_figures(start=holiday, end=other, agency_ids=None)
        assert _shape(queue_breakdown(start=holiday, end=other, agency_ids=None)) == _shape(live)


def test_todays_tickets_change_the_cached_period_figures(alpha, seeded):
    """The rolled days come from the cache, today is read live on every call: a ticket issued
    after the first read is in the next one, medians included."""
    start = TODAY - timedelta(days=7)
    with in_schema(alpha):
        from queueing.models import Ticket

        queue_days_roll()
        before = queue_breakdown(start=start, end=TODAY, agency_ids=None, detail=False)
        ticket = Ticket.objects.filter(local_date=TODAY, status="done").first()
        ticket.pk, ticket.public_id, ticket.seq = None, "one-more", 9998
        ticket.called_at = ticket.issued_at + timedelta(hours=5)  # a long wait moves the median
        ticket.save()
        after = queue_breakdown(start=start, end=TODAY, agency_ids=None, detail=False)
        live = queue_figures(start=start, end=TODAY, agency_ids=None)
        assert after["total"]["tickets"] == before["total"]["tickets"] + 1
        assert after["total"] == {m: live["total"][m] for m in MEASURES}
        assert _shape(queue_breakdown(start=start, end=TODAY, agency_ids=None)) == _shape(live)


def _tickets_today() -> int:
    from queueing.models import Ticket

    return Ticket.objects.filter(local_date=TODAY).count()


def test_one_regencys_cached_figures_are_never_read_by_another(alpha, beta, seeded):
    """The cache keys carry the schema: beta, asking for alpha's period with alpha's version
    and key, reads nothing of alpha's. The scheduled job caches each regency's own totals of
    this semester (and the periods before it) after rolling."""
    from django.core.cache import cache

    from surveys.rollup import VERSION_KEY

    start = TODAY - timedelta(days=7)
    semester = "2026-07-01:2026-12-31:all"
    results = fanout_run("surveys.queue_rollup")
    assert (results[alpha.schema_name], results[beta.schema_name]) == (7, 0)
    with in_schema(alpha):
        warm = cache.get(f"surveys:queue-total:{cache.get(VERSION_KEY)}:{semester}")
        assert warm["n"][0] == seeded["count"] - _tickets_today()
        alpha_total = queue_breakdown(start=start, end=TODAY, agency_ids=None, detail=False)
        alpha_detail = queue_breakdown(start=start, end=TODAY - timedelta(days=1), agency_ids=None)
        version = cache.get(VERSION_KEY)
        period = f"{start.isoformat()}:{TODAY.isoformat()}:all"
        assert cache.get(f"surveys:queue-total:{version}:{period}") is not None
    assert alpha_total["total"]["tickets"] == seeded["count"]
    assert alpha_detail["by_counter"]
    with in_schema(beta):
        assert cache.get(f"surveys:queue-total:{version}:{period}") is None
        beta_warm = cache.get(f"surveys:queue-total:{cache.get(VERSION_KEY)}:{semester}")
        assert beta_warm["n"][0] == 0
        assert cache.get(VERSION_KEY) != version
        beta_total = queue_breakdown(start=start, end=TODAY, agency_ids=None, detail=False)
        beta_detail = queue_breakdown(start=start, end=TODAY - timedelta(days=1), agency_ids=None)
    assert beta_total["total"]["tickets"] == 0
    assert beta_detail["total"]["tickets"] == 0
    assert beta_detail["by_counter"] == []


def _csv_whole(*, period: str, agency_ids: set[int] | None) -> str:
    """The CSV as the export wrote it before the breakdown was kept: the page's figures and the
    period's breakdown read in one statement (rolled days from the rollup, the others live)."""
    from surveys.dashboard import dashboard_csv, dashboard_data
    from surveys.neighbours import queue_breakdown_get
    from surveys.periods import period_parse

    p = period_parse(period)
    data = dashboard_data(period=p, agency_ids=agency_ids)
    data["queue_detail"] = queue_breakdown_get(
        start=p.start, end=p.end, agency_ids=agency_ids, kept=False
    )
    return dashboard_csv(data)


def test_the_csv_from_the_kept_figures_is_the_csv_read_whole(alpha, seeded):
    """Rolled days, today's live tickets and an agency admin's scope: the export (the rolled
    part kept, today merged in) writes exactly the CSV the one-statement read writes, cold, from
    the kept part, and after a ticket issued today moves the medians."""
    from django.core.cache import cache

    admin = staff_client(alpha, "csv@alpha.test", group="Admin MPP")
    agency_admin = staff_client(
        alpha, "instansi@alpha.test", group="Admin Instansi", agencies=(seeded["agency_key"],)
    )
    with in_schema(alpha):
        assert queue_days_roll() == 7
        assert _tickets_today() > 0
    cache.clear()
    for read in ("cold", "kept", "one more today"):
        if read == "one more today":
            with in_schema(alpha):
                from queueing.models import Ticket

                ticket = Ticket.objects.filter(local_date=TODAY, status="done").first()
                ticket.pk, ticket.public_id, ticket.seq = None, "one-more", 9998
                ticket.called_at = ticket.issued_at + timedelta(hours=5)
                ticket.save()
        for client, scope in ((admin, None), (agency_admin, {seeded["agency"]})):
            for period in ("2026-S2", "2026-11-16..2026-11-22"):  # through today; rolled only
                text = client.get(f"/admin/kinerja/csv/?periode={period}").content.decode()
                with in_schema(alpha):
                    assert text == _csv_whole(period=period, agency_ids=scope), (read, scope)
                assert f"{period},queue,tickets," in text
                assert f"{period},queue_officer:" in text
    assert (
        "2026-S2,queue,tickets,{}".format(seeded["count"] + 1)
        in admin.get("/admin/kinerja/csv/?periode=2026-S2").content.decode()
    )


def test_with_tickets_today_the_csv_reads_the_rolled_days_once(alpha, seeded):
    """The rolled days' part is kept while today has tickets: the export after the first reads
    only today's tickets (one statement for the breakdown), never the rollup's rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = staff_client(alpha, "csv@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        assert queue_days_roll() == 7
        assert _tickets_today() > 0
    first = admin.get("/admin/kinerja/csv/?periode=2026-S2").content
    with CaptureQueriesContext(connection) as queries:
        again = admin.get("/admin/kinerja/csv/?periode=2026-S2").content
    assert again == first
    statements = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in statements if "surveys_queuedayfigure" in s]
    # Today's tickets (with the days of the semester not rolled yet): this semester's total for
    # the page's figures and again as the breakdown's own, the breakdown's lists; and the last
    # semester's total, no day of it rolled (the sample's population).
    assert len([s for s in statements if "queueing_ticket" in s]) == 4


def test_a_key_busier_today_than_its_window_reads_the_period_whole(alpha, seeded, monkeypatch):
    """When a key's live minutes could move its median out of the kept window, the period is
    read in one statement: the same figures."""
    from surveys.rollup import breakdown

    monkeypatch.setattr(breakdown, "RADIUS_MIN", 0)  # windows of one or two minutes
    monkeypatch.setattr(breakdown, "RADIUS_SHARE", 10**6)
    with in_schema(alpha):
        queue_days_roll()
        start = TODAY - timedelta(days=7)
        assert _shape(queue_breakdown(start=start, end=TODAY, agency_ids=None)) == _shape(
            queue_figures(start=start, end=TODAY, agency_ids=None)
        )


def test_a_merged_median_is_percentile_cont_over_all_minutes():
    """A key's median from its window of rolled minutes and its live minutes is the median of
    all of them (percentile_cont: the lower middle plus half the gap), or WindowShort when the
    live minutes could reach past the window; ties, even and odd counts, empty parts."""
    from surveys.rollup.breakdown import WindowShort, median_merged

    def cont(values: list[int]) -> float:
        values = sorted(values)
        low, high = values[(len(values) - 1) // 2] / 100, values[len(values) // 2] / 100
        return low if len(values) % 2 else low + 0.5 * (high - low)

    rng = random.Random(14)
    short = 0
    for _case in range(3000):
        rolled = sorted(rng.choice((100, 150, 6000)) for _i in range(rng.randrange(40)))
        rolled += sorted(rng.randrange(10_000) for _i in range(rng.randrange(60)))
        rolled.sort()
        live = [rng.randrange(10_000) for _i in range(rng.randrange(12))]
        radius = rng.randrange(8)
        n = len(rolled)
        lo, hi = max(0, (n - 1) // 2 - radius), min(n, n // 2 + radius + 1)
        kept = (n, lo, rolled[lo:hi])
        if not rolled + live:
            assert median_merged(kept, (0, 0, live)) is None
            continue
        try:
            assert median_merged(kept, (0, 0, live)) == cont(rolled + live)
        except WindowShort:
            short += 1
            assert len(live) > 2 * radius  # up to twice the radius the window suffices
    assert 0 < short < 3000


def test_rolling_the_recent_days_again_keeps_the_version_unless_they_changed(alpha, seeded):
    """The hourly job rolls the last two days again: unchanged, the kept figures stay valid (the
    same version); a late change to one of them makes a new version."""
    from django.core.cache import cache

    from surveys.rollup import VERSION_KEY

    with in_schema(alpha):
        from queueing.models import Ticket

        assert queue_days_roll() == 7
        version = cache.get(VERSION_KEY)
        assert queue_days_roll() == 2
        assert cache.get(VERSION_KEY) == version
        late = Ticket.objects.filter(local_date=TODAY - timedelta(days=1), status="serving")[0]
        late.status, late.finished_at = "done", late.started_at + timedelta(minutes=7)
        late.save()
        assert queue_days_roll() == 2
        assert cache.get(VERSION_KEY) != version
        _same_as_live()


def test_after_the_job_the_first_csv_reads_only_todays_tickets(alpha, beta, seeded):
    """The job keeps this semester's breakdown (the regency's) after rolling: the first export
    with tickets today reads no rolled row. Beta's export, its own job run, shows none of
    alpha's queue."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = staff_client(alpha, "csv@alpha.test", group="Admin MPP")
    fanout_run("surveys.queue_rollup")
    with CaptureQueriesContext(connection) as queries:
        text = admin.get("/admin/kinerja/csv/?periode=2026-S2").content.decode()
    assert not [q for q in queries.captured_queries if "surveys_queuedayfigure" in q["sql"]]
    assert f"2026-S2,queue,tickets,{seeded['count']}" in text
    assert ",queue_counter:" in text
    theirs = staff_client(beta, "csv@beta.test", group="Admin MPP")
    other = theirs.get("/admin/kinerja/csv/?periode=2026-S2").content.decode()
    assert "2026-S2,queue,tickets,0" in other
    assert ",queue_" not in other.replace(",queue,", ",")
