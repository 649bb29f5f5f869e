"""The queue's two nightly writes survive a real kill (SIGKILL inside their transaction, not an
exception): the day-close sweep (tickets cancelled, phone numbers erased) and the daily rollup
(a day's figures replaced). The killed run leaves every row as it was; the next run does the whole
work once, and a run after that finds nothing left to do."""

from __future__ import annotations

import textwrap
from datetime import date, datetime

import pytest

from activity.models import ActivityEntry
from queueing.actions import ticket_issue
from queueing.models import Queue, Ticket, TicketSequence
from queueing.sweep import day_close
from surveys.models import QueueDayFigure, QueueDayRolled
from surveys.rollup import queue_days_roll
from tests.clock import WIB
from tests.conftest import in_schema
from tests.processes import python_killed_at

MONDAY = date(2026, 11, 23)
TUESDAY_NIGHT = datetime(2026, 11, 24, 0, 5, tzinfo=WIB)
PHONE = "+6281234567890"
# The child pauses where the named call is reached: after the job's statements ran, before commit.
CHILD = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from django_tenants.utils import schema_context

    def pause(*args, **kwargs):
        print("inside", flush=True)
        time.sleep(120)

    with schema_context(sys.argv[1]):
        if sys.argv[2] == "sweep":
            import queueing.sweep as sweep
            sweep.activity_record = pause  # called once the tickets are updated
            sweep.day_close()
        else:
            from surveys.models import QueueDayRolled
            from surveys.rollup import queue_days_roll
            QueueDayRolled.objects.update_or_create = pause  # after the day's rows were replaced
            queue_days_roll()
    """
)


@pytest.fixture
def monday_tickets(alpha, alpha_queue, pinned_clock):
    """Three tickets left waiting on Monday, each with a number, committed (the child is another
    process); Tuesday just after midnight afterwards."""
    with in_schema(alpha):
        tickets = [ticket_issue(queue=alpha_queue, channel="kiosk") for _ in range(3)]
        Ticket.objects.update(notify_phone=PHONE)
    pinned_clock.move_to(TUESDAY_NIGHT, tick=True)
    yield tickets
    with in_schema(alpha):
        ActivityEntry.objects.filter(verb="queue.day_close").delete()
        QueueDayFigure.objects.all().delete()
        QueueDayRolled.objects.all().delete()
        Ticket.objects.all().delete()
        TicketSequence.objects.all().delete()
        Queue.objects.all().delete()


def _killed_inside(alpha, job: str, tmp_path) -> None:
    log_path = tmp_path / f"{job}.log"
    python_killed_at(
        CHILD,
        alpha.schema_name,
        job,
        marker="inside",
        log_path=log_path,
        what=f"the {job} to reach its pause",
    )


@pytest.mark.django_db(transaction=True)
def test_a_killed_day_close_leaves_the_day_open_and_the_next_run_closes_it_once(
    alpha, monday_tickets, tmp_path
):
    _killed_inside(alpha, "sweep", tmp_path)
    with in_schema(alpha):
        rows = set(Ticket.objects.values_list("status", "notify_phone"))
        assert rows == {("waiting", PHONE)}  # nothing half-done: no ticket cancelled or erased
        assert not ActivityEntry.objects.filter(verb="queue.day_close").exists()

        report = day_close()
        assert (report.tickets_cancelled, report.ticket_phones_erased) == (3, 3)
        assert set(Ticket.objects.values_list("status", "notify_phone")) == {("cancelled", "")}
        assert day_close().total == 0
        assert ActivityEntry.objects.filter(verb="queue.day_close").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_killed_rollup_leaves_the_day_read_live_and_the_next_run_rolls_it_once(
    alpha, monday_tickets, tmp_path
):
    _killed_inside(alpha, "rollup", tmp_path)
    with in_schema(alpha):
        assert not QueueDayRolled.objects.exists()  # Monday is still read from the tickets
        assert not QueueDayFigure.objects.exists()  # and no half of its rows was kept

        assert queue_days_roll() == 1
        rolled = QueueDayRolled.objects.get()
        assert (rolled.local_date, rolled.tickets) == (MONDAY, 3)
        figures = QueueDayFigure.objects.filter(local_date=MONDAY)
        assert figures.exists()
        before = sorted(figures.values_list("pk", flat=True))
        queue_days_roll()  # Monday is recent: rolled again, replaced whole, not added to
        assert QueueDayRolled.objects.count() == 1
        assert len(before) == QueueDayFigure.objects.filter(local_date=MONDAY).count()
