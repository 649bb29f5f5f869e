"""A ticket's life at the counter: call, recall, start, finish, skip, hold, transfer, walk-in,
the priority rule, and the activity trail of every staff action."""

from __future__ import annotations

import pytest

from activity.models import ActivityEntry
from catalogue.models import Counter
from queueing.actions import ticket_act, ticket_call_next, ticket_issue, walk_in_serve
from queueing.errors import NothingWaiting, TransitionRefused
from queueing.models import PriorityRule
from queueing.selectors import display_state_get, ticket_status_get
from tests.conftest import in_schema, staff_user
from tests.queueing.conftest import queue_make


@pytest.fixture
def officer(alpha):
    return staff_user(alpha, "petugas@alpha.test")


def test_call_start_finish_and_the_trail(alpha, alpha_queue, officer):
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        issued = ticket_issue(queue=alpha_queue)
        called = ticket_call_next(counter=counter, officer=officer)
        assert called.pk == issued.pk
        assert called.status == "called"
        ticket_act(ticket=called, action="recall", officer=officer)
        ticket_act(ticket=called, action="start", officer=officer)
        done = ticket_act(ticket=called, action="finish", officer=officer)
        assert done.status == "done"
        assert done.call_count == 2
        assert done.called_at <= done.started_at <= done.finished_at
        verbs = list(ActivityEntry.objects.order_by("id").values_list("verb", flat=True))
        assert verbs[-4:] == ["ticket.call", "ticket.recall", "ticket.start", "ticket.finish"]
        with pytest.raises(TransitionRefused, match="Selesai"):
            ticket_act(ticket=done, action="start", officer=officer)
        with pytest.raises(NothingWaiting):
            ticket_call_next(counter=counter, officer=officer)


def test_skip_hold_resume_cancel(alpha, alpha_queue, officer):
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        first, second = ticket_issue(queue=alpha_queue), ticket_issue(queue=alpha_queue)
        called = ticket_call_next(counter=counter, officer=officer)
        assert ticket_act(ticket=called, action="skip", officer=officer).status == "skipped"
        held = ticket_act(ticket=second, action="hold", officer=officer)
        with pytest.raises(NothingWaiting):
            ticket_call_next(counter=counter, officer=officer)
        ticket_act(ticket=held, action="resume", officer=officer)
        assert ticket_call_next(counter=counter, officer=officer).pk == second.pk
        assert ticket_act(ticket=second, action="cancel", officer=officer).status == "cancelled"
        assert first.pk != second.pk


def test_transfer_to_another_queue_and_counter(alpha, alpha_queue, officer):
    other = queue_make(
        alpha, prefix="B", location="gedung-mpp", services=["sim-a-baru"], counters=["loket-b1"]
    )
    with in_schema(alpha):
        a1, b1 = Counter.objects.get(key="loket-a1"), Counter.objects.get(key="loket-b1")
        ticket = ticket_issue(queue=alpha_queue)
        called = ticket_call_next(counter=a1, officer=officer)
        moved = ticket_act(ticket=called, action="transfer", officer=officer, queue=other)
        assert (moved.status, moved.queue_id, moved.number) == ("waiting", other.pk, "A-001")
        with pytest.raises(NothingWaiting):
            ticket_call_next(counter=a1, officer=officer)
        assert ticket_call_next(counter=b1, officer=officer).pk == ticket.pk
        again = ticket_act(ticket=moved, action="transfer", officer=officer, counter=b1)
        assert again.for_counter_id == b1.pk


def test_every_third_call_goes_to_a_priority_ticket(alpha, alpha_queue, officer):
    with in_schema(alpha):
        PriorityRule.objects.create(every_nth=3)
        counter = Counter.objects.get(key="loket-a1")
        plain = [ticket_issue(queue=alpha_queue) for _i in range(4)]
        elderly = ticket_issue(queue=alpha_queue, priority="lansia")
        order = [ticket_call_next(counter=counter, officer=officer).pk for _i in range(5)]
    assert order == [plain[0].pk, plain[1].pk, elderly.pk, plain[2].pk, plain[3].pk]


def test_walk_in_is_served_at_once(alpha, alpha_queue, officer):
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        ticket = walk_in_serve(counter=counter, officer=officer)
        assert (ticket.status, ticket.channel, ticket.number) == ("serving", "walk_in", "A-001")
        assert ActivityEntry.objects.filter(verb="ticket.walk_in").count() == 1


def test_display_and_ticket_status(alpha, alpha_queue, officer):
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        tickets = [ticket_issue(queue=alpha_queue) for _i in range(4)]
        ticket_call_next(counter=counter, officer=officer)
        state = display_state_get(location=alpha_queue.location)
        status = ticket_status_get(public_id=tickets[3].public_id)
        assert ticket_status_get(public_id="tidak-ada") is None
    assert [c["number"] for c in state["calls"]] == ["A-001"]
    assert [n["number"] for n in state["next"]] == ["A-002", "A-003", "A-004"]
    a1 = next(c for c in state["counters"] if c["code"] == "A1")
    assert (a1["state"], a1["number"]) == ("called", "A-001")
    assert (status["position"], status["people_ahead"]) == (3, 2)
    assert status["wait_minutes"]["low"] <= status["wait_minutes"]["high"]


def test_display_state_costs_a_fixed_number_of_queries(alpha, alpha_queue, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import data_queries

    counts = []
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        for batch in (2, 8):
            for _i in range(batch):
                ticket_issue(queue=alpha_queue)
            ticket_call_next(counter=counter, officer=officer)
            with CaptureQueriesContext(connection) as captured:
                display_state_get(location=alpha_queue.location)
            counts.append(data_queries(captured))
    assert counts[0] == counts[1] <= 4
