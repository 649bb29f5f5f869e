"""The queue's figures to the exact number, on a fixed small data set: two agencies, a no-show,
a ticket without a service, one outside the period, wait and service times in whole seconds,
medians between two values (6,875 -> 6,88) and alpha's WIB heatmap.
Written against the row-by-row implementation and kept when the figures moved into SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from queueing.figures import figures_csv, queue_figures
from tests.conftest import in_schema, staff_user


def _at(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def dataset(alpha, alpha_queue, pinned_clock):
    one = staff_user(alpha, "satu@alpha.test")
    two = staff_user(alpha, "dua@alpha.test")
    with in_schema(alpha):
        from catalogue.models import Counter, Service
        from queueing.models import Ticket

        by_agency: dict[int, Service] = {}
        for service in Service.objects.order_by("pk"):
            by_agency.setdefault(service.agency_id, service)
        s1, s2 = list(by_agency.values())[:2]
        c1 = Counter.objects.get(key="loket-a1")
        c2 = Counter.objects.create(
            key="loket-z9", agency_id=s2.agency_id, location=c1.location, code="Z9", name="Z9"
        )
        location = alpha_queue.location
        seq = iter(range(1, 100))

        def ticket(
            service, counter, officer, status, issued, called=None, started=None, finished=None
        ):
            n = next(seq)
            Ticket.objects.create(
                queue=alpha_queue,
                location=location,
                service=service,
                local_date=issued.astimezone(pinned_tz()).date(),
                prefix="A",
                seq=n,
                number=f"A{n:03d}",
                channel="kiosk",
                status=status,
                counter=counter,
                officer=officer,
                issued_at=issued,
                called_at=called,
                started_at=started,
                finished_at=finished,
            )

        def pinned_tz():
            from workdays.selectors import regency_timezone

            return regency_timezone()

        # Monday 23 November (WIB = UTC+7): agency 1, counter A1, officer one.
        ticket(
            s1,
            c1,
            one,
            "done",
            _at(23, 2, 0),
            _at(23, 2, 10),
            _at(23, 2, 10, 30),
            _at(23, 2, 16, 30),
        )  # wait 10, service 6
        ticket(s1, c1, one, "skipped", _at(23, 2, 5), _at(23, 2, 20, 20))  # wait 15,33, no-show
        ticket(
            s1, c1, one, "done", _at(23, 3, 0), _at(23, 3, 3), _at(23, 3, 3), _at(23, 3, 10, 45)
        )  # wait 3, service 7,75
        ticket(
            None, c1, one, "done", _at(23, 2, 30), _at(23, 2, 40), _at(23, 2, 40), _at(23, 2, 41)
        )  # no service: wait 10, service 1
        # Tuesday 24 November: agency 2, counter Z9, officer two.
        ticket(
            s2, c2, two, "done", _at(24, 1, 30), _at(24, 1, 31, 7), _at(24, 1, 32), _at(24, 1, 40)
        )  # wait 1,12, service 8
        ticket(s2, None, None, "waiting", _at(24, 1, 45))
        ticket(s2, None, None, "cancelled", _at(24, 8, 59, 59))  # 15.59 WIB
        # Wednesday: outside the period.
        ticket(s1, c1, one, "done", _at(25, 2, 0), _at(25, 2, 1), _at(25, 2, 1), _at(25, 2, 2))
    return {"s1": s1, "s2": s2, "c1": c1, "c2": c2, "one": one, "two": two}


def _row(key, label, tickets, served, no_shows, wm, wmed, sm, smed):
    return {
        "key": key,
        "label": label,
        "tickets": tickets,
        "served": served,
        "no_shows": no_shows,
        "wait_mean": wm,
        "wait_median": wmed,
        "service_mean": sm,
        "service_median": smed,
    }


def test_figures_exact(alpha, dataset):
    s1, s2, c1, c2 = dataset["s1"], dataset["s2"], dataset["c1"], dataset["c2"]
    with in_schema(alpha):
        figures = queue_figures(start=date(2026, 11, 23), end=date(2026, 11, 24), agency_ids=None)
        total_only = queue_figures(
            start=date(2026, 11, 23), end=date(2026, 11, 24), agency_ids=None, detail=False
        )
        only_two = queue_figures(
            start=date(2026, 11, 23), end=date(2026, 11, 24), agency_ids={s2.agency_id}
        )
        empty = queue_figures(start=date(2026, 12, 1), end=date(2026, 12, 2), agency_ids=None)
        a1, a2 = s1.agency.name, s2.agency.name
    one, two = dataset["one"], dataset["two"]
    assert figures["start"] == "2026-11-23"
    assert figures["end"] == "2026-11-24"
    assert figures["total"] == {
        "tickets": 7,
        "served": 4,
        "no_shows": 1,
        "wait_mean": 7.89,
        "wait_median": 10.0,
        "service_mean": 5.69,
        "service_median": 6.88,
    }
    agency_one = _row(s1.agency_id, a1, 3, 2, 1, 9.44, 10.0, 6.88, 6.88)
    agency_two = _row(s2.agency_id, a2, 3, 1, 0, 1.12, 1.12, 8.0, 8.0)
    assert figures["by_agency"] == sorted([agency_one, agency_two], key=lambda r: r["label"])
    service_one = {**agency_one, "key": s1.pk, "label": s1.name}
    service_two = {**agency_two, "key": s2.pk, "label": s2.name}
    assert figures["by_service"] == sorted([service_one, service_two], key=lambda r: r["label"])
    assert figures["by_counter"] == [
        _row(c1.pk, "A1", 4, 3, 1, 9.58, 10.0, 4.92, 6.0),
        _row(c2.pk, "Z9", 1, 1, 0, 1.12, 1.12, 8.0, 8.0),
    ]
    assert figures["by_officer"] == [
        _row(two.pk, "dua@alpha.test", 1, 1, 0, 1.12, 1.12, 8.0, 8.0),
        _row(one.pk, "satu@alpha.test", 4, 3, 1, 9.58, 10.0, 4.92, 6.0),
    ]
    heat = {
        (day, hour): count
        for day, hours in enumerate(figures["heatmap"])
        for hour, count in enumerate(hours)
        if count
    }
    assert heat == {(0, 9): 3, (0, 10): 1, (1, 8): 2, (1, 15): 1}
    assert len(figures["heatmap"]) == 7
    assert all(len(h) == 24 for h in figures["heatmap"])
    assert only_two["total"]["tickets"] == 3
    assert only_two["by_agency"] == [agency_two]
    assert only_two["by_counter"] == [_row(c2.pk, "Z9", 1, 1, 0, 1.12, 1.12, 8.0, 8.0)]
    assert empty["total"] == {
        "tickets": 0,
        "served": 0,
        "no_shows": 0,
        "wait_mean": None,
        "wait_median": None,
        "service_mean": None,
        "service_median": None,
    }
    assert empty["by_service"] == []
    assert sum(map(sum, empty["heatmap"])) == 0
    assert total_only["total"] == figures["total"]
    assert total_only["by_counter"] == []
    csv_text = figures_csv(figures)
    assert "total,,7,4,1,7.89,10.0,5.69,6.88" in csv_text
    assert "counter,A1,4,3,1,9.58,10.0,4.92,6.0" in csv_text
