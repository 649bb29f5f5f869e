"""Today's queue on the admin's dashboard (issue 16): per location, tickets waiting and served,
the longest wait and the counters open; only with the queue module in the plan; one regency's
tickets never in another's panel; an agency admin's figures narrowed to their agencies."""

from __future__ import annotations

import datetime as dt

from catalogue.models import Counter, Service
from cms.queue_panel import TodaysQueuePanel
from queueing.actions import ticket_act, ticket_call_next, ticket_issue
from queueing.selectors import queue_today_by_location
from tests.clock import PINNED
from tests.conftest import in_schema, staff_client, staff_user
from tests.queueing.conftest import plan_set


def _serve_one_and_leave_two_waiting(regency, queue, officer) -> None:
    with in_schema(regency):
        counter = Counter.objects.get(key="loket-a1")
        ktp = Service.objects.get(key="ktp-el-baru")
        for _n in range(3):
            ticket_issue(queue=queue, service=ktp)
        called = ticket_call_next(counter=counter, officer=officer)
        ticket_act(ticket=called, action="start", officer=officer)
        ticket_act(ticket=called, action="finish", officer=officer)


def test_the_panel_shows_todays_figures_per_location(alpha, alpha_queue, pinned_clock):
    admin = staff_user(alpha, "admin@alpha.test", group="Admin MPP")
    _serve_one_and_leave_two_waiting(alpha, alpha_queue, admin)
    pinned_clock.move_to(PINNED + dt.timedelta(minutes=25, seconds=30), tick=False)

    with in_schema(alpha):
        rows = queue_today_by_location()
        context = TodaysQueuePanel(admin).get_context_data()

    assert rows == [
        {
            "location": "Gedung MPP Alpha",
            "waiting": 2,
            "served": 1,
            "longest_wait": 25,
            "counters_open": 1,
        }
    ]
    assert context["longest_wait"] == 25


def test_the_dashboard_shows_the_panel_with_the_queue_module(alpha, alpha_queue, pinned_clock):
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        ticket_issue(queue=alpha_queue)

    page = client.get("/admin/").text

    assert "Antrean hari ini" in page
    assert "Gedung MPP Alpha" in page.split('id="todays-queue-title"')[1]


def test_without_the_queue_module_there_is_no_panel(alpha, alpha_queue, pinned_clock):
    plan_set(alpha, queue=False)
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    page = client.get("/admin/").text

    assert "todays-queue-title" not in page


def test_one_regencys_tickets_are_not_in_anothers_panel(
    alpha, beta, alpha_queue, beta_queue, pinned_clock
):
    officer = staff_user(alpha, "admin@alpha.test", group="Admin MPP")
    _serve_one_and_leave_two_waiting(alpha, alpha_queue, officer)

    with in_schema(beta):
        rows = queue_today_by_location()

    assert rows == [
        {
            "location": "Gedung MPP Beta",
            "waiting": 0,
            "served": 0,
            "longest_wait": None,
            "counters_open": 0,
        }
    ]


def test_an_agency_admin_sees_only_their_agencies_tickets(alpha, alpha_queue, pinned_clock):
    officer = staff_user(alpha, "admin@alpha.test", group="Admin MPP")
    _serve_one_and_leave_two_waiting(alpha, alpha_queue, officer)  # KTP-el: Disdukcapil
    with in_schema(alpha):
        polres = staff_user(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])
        dukcapil = staff_user(
            alpha, "capil@alpha.test", group="Admin Instansi", agencies=["disdukcapil"]
        )
        polres_rows = TodaysQueuePanel(polres).get_context_data()["rows"]
        dukcapil_rows = TodaysQueuePanel(dukcapil).get_context_data()["rows"]

    assert (polres_rows[0]["waiting"], polres_rows[0]["served"]) == (0, 0)
    assert (dukcapil_rows[0]["waiting"], dukcapil_rows[0]["served"]) == (2, 1)
