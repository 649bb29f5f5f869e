"""The kiosk of an MPP as big as Badung's (its 20 categories and 156 services from the Badung
template, in alpha's hall) in a real browser: categories first as big touch buttons, then one
category's services; nothing overflows at 360 px, on a 1280x800 tablet or at 1366 px; a ticket
is taken in two touches. Screens under /work/helpers/shots/q12/ (SHOTS_DIR) to be looked at."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Max
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from activity.models import ActivityEntry
from catalogue.models import Agency, Location, Service, ServiceCategory
from queueing.devices import device_create
from queueing.models import Device, Queue, Ticket, TicketSequence
from tests.e2e.conftest import portal_url
from tests.queueing.conftest import plan_set

SHOTS = Path(os.environ.get("SHOTS_DIR", "/work/helpers/shots/q12"))
BADUNG = Path(__file__).resolve().parents[2] / "onboarding" / "seed_templates" / "badung.json"
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"
SMALLEST_BUTTON = (
    "Math.min(...[...document.querySelectorAll('.category-btn, .btn.service')]"
    ".map(b => Math.min(b.offsetWidth, b.offsetHeight)))"
)


@pytest.fixture
def badung_hall(alpha, pinned_clock):
    """Badung's categories and services (under alpha's agencies, round robin) in one queue."""
    plan_set(alpha, queue=True)
    document = json.loads(BADUNG.read_text())
    with schema_context(alpha.schema_name):
        trail_before = ActivityEntry.objects.aggregate(last=Max("id"))["last"] or 0
        agencies = list(Agency.objects.order_by("pk"))
        categories = {
            c["key"]: ServiceCategory.objects.create(
                key=f"b-{c['key']}", name=c["name"], sort_order=100 + index
            )
            for index, c in enumerate(document["categories"])
        }
        services = [
            Service.objects.create(
                key=f"b-{index}-{s['key']}"[:80],
                name=s["name"],
                agency=agencies[index % len(agencies)],
                category=categories[s["category"]],
                live=True,
            )
            for index, s in enumerate(document["services"])
        ]
        queue = Queue.objects.create(
            location=Location.objects.get(key="gedung-mpp"), prefix="A", name="Semua layanan"
        )
        queue.services.set(services)
        _device, code = device_create(location=queue.location, kind="kiosk", name="Kios Badung")
    try:
        yield code, len(categories), len(services)
    finally:
        with schema_context(alpha.schema_name):
            Ticket.objects.all().delete()
            TicketSequence.objects.all().delete()
            Queue.objects.all().delete()
            Device.objects.filter(name="Kios Badung").delete()
            Service.objects.filter(key__startswith="b-").delete()
            ServiceCategory.objects.filter(key__startswith="b-").delete()
            ActivityEntry.objects.filter(id__gt=trail_before).delete()
        connection.set_schema_to_public()


@pytest.mark.django_db(transaction=True)
def test_badungs_156_services_in_two_touches_at_every_width(
    live_server, alpha, browser, badung_hall
):
    code, category_count, service_count = badung_hall
    assert (category_count, service_count) == (20, 156)
    url = lambda path: portal_url(live_server, "alpha", path)  # noqa: E731
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((360, 780), (1280, 800), (1366, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
        context.add_init_script("window.print = function () {};")
        kiosk = context.new_page()
        kiosk.goto(url("/antrean/perangkat/"))
        if width == 360:
            kiosk.fill("#id_code", code)
            kiosk.click("button[type=submit]")
            kiosk.wait_for_url(url("/antrean/kios/"))
            cookies = context.cookies()
        else:
            context.add_cookies(cookies)
            kiosk.goto(url("/antrean/kios/"))
        buttons = kiosk.locator(".category-btn")
        assert buttons.count() == category_count
        assert kiosk.locator("button[name=service]").count() == 0
        assert kiosk.evaluate(NO_OVERFLOW)
        assert kiosk.evaluate(SMALLEST_BUTTON) >= 100
        kiosk.screenshot(path=str(SHOTS / f"kiosk-categories-{width}.png"), full_page=width != 1280)
        if width == 1280:  # the tablet shows every category without scrolling
            last = buttons.last.bounding_box()
            assert last["y"] + last["height"] <= height + 160  # the check-in panel may scroll
        kiosk.click(".category-btn:has-text('Kependudukan dan Pencatatan Sipil')")
        services = kiosk.locator("button[name=service]")
        # The category is a link: the click returns before the next page has loaded.
        expect(services).to_have_count(19)
        kiosk.wait_for_load_state("load")  # and its stylesheet, before measuring buttons
        assert kiosk.evaluate(NO_OVERFLOW)
        assert kiosk.evaluate(SMALLEST_BUTTON) >= 100
        kiosk.screenshot(path=str(SHOTS / f"kiosk-services-{width}.png"), full_page=True)
        services.first.click()
        assert kiosk.text_content(".t-number").strip().startswith("A-")
        context.close()
    with schema_context(alpha.schema_name):
        assert list(Ticket.objects.order_by("seq").values_list("number", flat=True)) == [
            "A-001",
            "A-002",
            "A-003",
        ]


@pytest.mark.django_db(transaction=True)
def test_the_kiosk_after_closing_names_the_day_its_tickets_are_for(
    live_server, alpha, browser, badung_hall, pinned_clock
):
    from datetime import datetime

    from tests.clock import WIB

    pinned_clock.move_to(datetime(2026, 12, 6, 20, 0, tzinfo=WIB))  # Sunday evening
    with schema_context(alpha.schema_name):
        queue = Queue.objects.get()
        Queue.objects.update(overnight=True)
        _device, code = device_create(location=queue.location, kind="kiosk", name="Kios Badung")
    url = lambda path: portal_url(live_server, "alpha", path)  # noqa: E731
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    context.add_init_script("window.print = function () {};")
    kiosk = context.new_page()
    kiosk.goto(url("/antrean/perangkat/"))
    kiosk.fill("#id_code", code)
    kiosk.click("button[type=submit]")
    kiosk.wait_for_url(url("/antrean/kios/"))
    assert "Antrean untuk Senin, 7 Desember 2026" in kiosk.text_content(".big-note")
    kiosk.screenshot(path=str(SHOTS / "kiosk-overnight-360.png"))
    kiosk.set_viewport_size({"width": 1366, "height": 900})
    kiosk.screenshot(path=str(SHOTS / "kiosk-overnight-1366.png"))
    kiosk.click(".category-btn:has-text('Perpajakan')")
    kiosk.locator("button[name=service]").first.click()
    assert "Antrean untuk Senin, 7 Desember 2026" in kiosk.text_content(".ticket")
    kiosk.screenshot(path=str(SHOTS / "kiosk-overnight-ticket-1366.png"))
    context.close()
    with schema_context(alpha.schema_name):
        ticket = Ticket.objects.get()
    assert (ticket.number, ticket.local_date.isoformat()) == ("A-001", "2026-12-07")
