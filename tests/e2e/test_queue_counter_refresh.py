"""The counter panel keeps itself current, but never under the officer's hands: an untouched
panel reloads every 15 s (new tickets appear), while a panel where the officer is typing a
booking code or has chosen a transfer target waits. Before, a plain 15 s meta refresh reloaded
the page in the middle of typing and dropped the code and the choice. Real time, not a moved
clock: a meta refresh is not driven by the page's timers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Max
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from activity.models import ActivityEntry
from queueing.actions import ticket_issue
from queueing.models import Queue, Ticket, TicketSequence
from tests.e2e.conftest import portal_url, staff_sign_in
from tests.queueing.conftest import plan_set, queue_make

OFFICER = "petugas.refresh@alpha.test"
PANEL = "/antrean/loket/loket-a1/"


@pytest.fixture
def hall(alpha, pinned_clock):
    plan_set(alpha, queue=True)
    queue = queue_make(
        alpha, prefix="A", location="gedung-mpp", services=["ktp-el-baru"], counters=["loket-a1"]
    )
    with schema_context(alpha.schema_name):
        trail_before = ActivityEntry.objects.aggregate(last=Max("id"))["last"] or 0
    try:
        yield queue
    finally:
        with schema_context(alpha.schema_name):
            Ticket.objects.all().delete()
            TicketSequence.objects.all().delete()
            Queue.objects.all().delete()
            ActivityEntry.objects.filter(id__gt=trail_before).delete()
        connection.set_schema_to_public()


@pytest.mark.django_db(transaction=True)
def test_the_panel_refreshes_itself_but_not_while_the_officer_types(
    live_server, alpha, browser, hall, regency_staff
):
    regency_staff(alpha, OFFICER, superuser=True)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    idle = context.new_page()
    staff_sign_in(idle, live_server, "alpha", OFFICER, PANEL)
    typing = context.new_page()
    typing.goto(portal_url(live_server, "alpha", PANEL))
    for page in (idle, typing):
        expect(page.locator(".waiting")).to_contain_text("Tidak ada yang menunggu")
        page.evaluate("window.__same_page = true")  # gone once the page has reloaded
    # The officer starts typing a booking code on one panel.
    typing.click("#id_booking")
    typing.keyboard.type("AB12")

    # A citizen takes a ticket meanwhile: the untouched panel shows it by itself.
    with schema_context(alpha.schema_name):
        ticket_issue(queue=hall, channel="kiosk")
    expect(idle.locator(".waiting")).to_contain_text("A-001", timeout=25_000)
    assert idle.evaluate("window.__same_page") is None

    # Past the 15 s, the panel under the officer's hands is the same page, code and focus kept.
    typing.wait_for_timeout(3_000)
    assert typing.evaluate("window.__same_page") is True
    assert typing.input_value("#id_booking") == "AB12"
    assert typing.evaluate("document.activeElement.id") == "id_booking"
    context.close()
