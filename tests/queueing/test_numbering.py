"""Numbers: A-001 onwards per location, local date and prefix, reset on the local date, gapless
and duplicate-free with real concurrent connections; refused outside opening hours."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from django.db import connection, connections
from django.db.models import Max
from django_tenants.utils import schema_context

from activity.models import ActivityEntry
from billing.models import Subscription
from queueing.actions import ticket_issue
from queueing.errors import QueueClosed
from tests.clock import WIB
from tests.conftest import ALPHA, ensure_regency, in_schema
from tests.queueing.conftest import plan_set, queue_make


def test_numbers_start_at_001_and_count_up(alpha, alpha_queue):
    with in_schema(alpha):
        numbers = [ticket_issue(queue=alpha_queue).number for _i in range(3)]
    assert numbers == ["A-001", "A-002", "A-003"]


def test_numbers_reset_on_the_local_date_not_utc(alpha, alpha_queue, time_machine):
    # 23.30 WIB on Monday is still Monday locally, 16.30 UTC; 00.30 WIB Tuesday is Monday in UTC.
    with in_schema(alpha):
        time_machine.move_to(datetime(2026, 11, 23, 10, 0, tzinfo=WIB), tick=False)
        first = ticket_issue(queue=alpha_queue, check_hours=False)
        time_machine.move_to(datetime(2026, 11, 24, 0, 30, tzinfo=WIB), tick=False)
        next_day = ticket_issue(queue=alpha_queue, check_hours=False)
    assert (first.number, str(first.local_date)) == ("A-001", "2026-11-23")
    assert (next_day.number, str(next_day.local_date)) == ("A-001", "2026-11-24")


def test_closed_hours_refused_with_next_opening(alpha, alpha_queue, time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 12, 15, tzinfo=WIB), tick=False)  # break
    with in_schema(alpha), pytest.raises(QueueClosed) as refused:
        ticket_issue(queue=alpha_queue)
    assert "istirahat" in refused.value.message
    assert "13.00" in refused.value.message
    time_machine.move_to(datetime(2026, 11, 29, 10, 0, tzinfo=WIB), tick=False)  # Sunday
    with in_schema(alpha), pytest.raises(QueueClosed) as sunday:
        ticket_issue(queue=alpha_queue)
    assert "Senin" in sunday.value.message
    assert "07.30" in sunday.value.message


def test_regency_closure_day_refused(alpha, alpha_queue, time_machine):
    from workdays.models import Closure

    time_machine.move_to(datetime(2026, 11, 25, 9, 0, tzinfo=WIB), tick=False)
    with in_schema(alpha):
        Closure.objects.create(date=date(2026, 11, 25), reason="Hari jadi")
        with pytest.raises(QueueClosed, match="tutup hari ini"):
            ticket_issue(queue=alpha_queue)


@pytest.fixture
def committed_queue(django_db_setup, django_db_blocker, pinned_clock):
    """A queue "Z" committed for real (threads see only committed rows), removed afterwards."""
    with django_db_blocker.unblock():
        alpha = ensure_regency(ALPHA)
        before = Subscription.objects.filter(regency=alpha).values_list("plan", flat=True)
        plan_before = before.first()
        plan_set(alpha, queue=True)
        with schema_context(alpha.schema_name):
            trail_before = ActivityEntry.objects.aggregate(last=Max("id"))["last"] or 0
        queue = queue_make(
            alpha, prefix="Z", location="gedung-mpp", services=["ktp-el-baru"], counters=[]
        )
        try:
            yield alpha, queue
        finally:
            from queueing.models import Ticket, TicketSequence

            with schema_context(alpha.schema_name):
                Ticket.objects.filter(queue=queue).delete()
                TicketSequence.objects.filter(prefix="Z").delete()
                ActivityEntry.objects.filter(id__gt=trail_before).delete()
                queue.delete()
            connection.set_schema_to_public()
            # alpha's plan as it was: the next test, or run, sets the plan it needs
            if plan_before is None:
                Subscription.objects.filter(regency=alpha).delete()
            else:
                Subscription.objects.filter(regency=alpha).update(plan=plan_before)


def run_threads(count: int, target) -> list:
    results: list = []
    errors: list = []
    barrier = threading.Barrier(count)

    def work(i: int) -> None:
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def test_sixteen_concurrent_issuers_get_gapless_unique_numbers(committed_queue):
    alpha, queue = committed_queue

    def issue(_i: int) -> list[int]:
        with schema_context(alpha.schema_name):
            assert connection.in_atomic_block is False
            return [ticket_issue(queue=queue).seq for _n in range(5)]

    seqs = sorted(s for batch in run_threads(16, issue) for s in batch)
    assert seqs == list(range(1, 81))


def test_officers_calling_at_the_same_instant_never_share_a_ticket(committed_queue):
    from catalogue.models import Counter
    from queueing.actions import ticket_call_next
    from queueing.errors import NothingWaiting

    alpha, queue = committed_queue
    with schema_context(alpha.schema_name):
        counters = list(Counter.objects.filter(location=queue.location))
        queue.counters.set(counters)
        for _n in range(24):
            ticket_issue(queue=queue)
    connection.set_schema_to_public()

    def call_until_empty(i: int) -> list[str]:
        called = []
        with schema_context(alpha.schema_name):
            counter = counters[i % len(counters)]
            while True:
                try:
                    called.append(ticket_call_next(counter=counter, officer=None).number)
                except NothingWaiting:
                    return called

    called = [n for batch in run_threads(8, call_until_empty) for n in batch]
    assert len(called) == 24
    assert len(set(called)) == 24
