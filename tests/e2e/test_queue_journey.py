"""The queue in a real browser: a citizen books online, checks in at a paired kiosk (which prints
the ticket), and an officer calls, starts and finishes it on the counter panel. Screens are
saved at 360 and 1366 px (SHOTS_DIR, default /work/helpers/shots/queueing) to be looked at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Max
from django_tenants.utils import schema_context

from activity.models import ActivityEntry
from catalogue.models import Location
from queueing.devices import device_create
from queueing.models import Booking, Device, Queue, ServiceQuota, Ticket, TicketSequence
from tests.e2e.conftest import portal_url
from tests.queueing.conftest import plan_set, queue_make

SHOTS = Path(os.environ.get("SHOTS_DIR", "/work/helpers/shots/queueing"))
OFFICER = "petugas.e2e@alpha.test"


@pytest.fixture
def queue_world(alpha, pinned_clock):
    plan_set(alpha, queue=True)
    queue = queue_make(
        alpha,
        prefix="A",
        location="gedung-mpp",
        services=["ktp-el-baru", "akta-kelahiran"],
        counters=["loket-a1"],
    )
    queue_make(alpha, prefix="B", location="gedung-mpp", services=["sim-a-baru", "skck"],
               counters=["loket-b1"])  # fmt: skip
    with schema_context(alpha.schema_name):
        trail_before = ActivityEntry.objects.aggregate(last=Max("id"))["last"] or 0
        _device, code = device_create(
            location=Location.objects.get(key="gedung-mpp"), kind="kiosk", name="Kios e2e"
        )
    try:
        yield queue, code
    finally:
        with schema_context(alpha.schema_name):
            Booking.objects.all().delete()
            ServiceQuota.objects.all().delete()
            Ticket.objects.all().delete()
            TicketSequence.objects.all().delete()
            Queue.objects.all().delete()
            Device.objects.filter(name="Kios e2e").delete()
            ActivityEntry.objects.filter(id__gt=trail_before).delete()
        connection.set_schema_to_public()


def shoot(browser, url: str, name: str, *, cookies=None, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((360, 780), (1366, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        page.add_init_script("window.print = function () {};")
        page.goto(url)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=full)
        context.close()


@pytest.mark.django_db(transaction=True)
def test_book_check_in_at_the_kiosk_call_and_finish(
    live_server, alpha, browser, queue_world, regency_staff
):
    _queue, code = queue_world
    url = lambda path: portal_url(live_server, "alpha", path)  # noqa: E731
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    context.add_init_script("window.print = function () {};")
    citizen = context.new_page()

    # A citizen books KTP-el for today 10.00 and confirms.
    citizen.goto(url("/antrean/booking/?service=ktp-el-baru&date=2026-11-23"))
    shoot(browser, citizen.url, "booking-slots")
    citizen.check("input[name=slot][value='10:00']")
    citizen.fill("#id_identity", "081234567890")
    citizen.click("button[type=submit]")
    citizen.click("button[value=confirm]")
    booking_code = citizen.text_content(".code").strip()
    shoot(browser, citizen.url, "booking-confirmed")

    # The kiosk is paired with its one-time code, then checks the booking in.
    kiosk = context.new_page()
    kiosk.goto(url("/antrean/perangkat/"))
    shoot(browser, kiosk.url, "kiosk-pair")
    kiosk.fill("#id_code", code)
    kiosk.click("button[type=submit]")
    kiosk.wait_for_url(url("/antrean/kios/"))
    cookies = context.cookies()
    shoot(browser, kiosk.url, "kiosk", cookies=cookies)
    kiosk.fill("#id_checkin", booking_code)
    kiosk.click(".checkin button[type=submit]")
    assert "A-001" in kiosk.text_content(".t-number")
    shoot(browser, kiosk.url, "kiosk-ticket", cookies=cookies)
    # A walk-in takes a priority ticket for SIM.
    kiosk.goto(url("/antrean/kios/"))
    kiosk.check("input[name=priority][value=lansia]")
    kiosk.click("button[value=sim-a-baru]")
    assert "B-001" in kiosk.text_content(".t-number")

    # The officer signs in, chooses counter A1, calls, starts and finishes.
    regency_staff(alpha, OFFICER, superuser=True)
    officer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    panel = officer.new_page()
    panel.goto(url("/accounts/login/?next=/antrean/loket/"))
    panel.fill("input[name=login]", OFFICER)
    panel.fill("input[name=password]", "kata-sandi-123")
    panel.click("button[type=submit]")
    panel.wait_for_url(url("/antrean/loket/"))
    panel.click("a[href='/antrean/loket/loket-a1/']")
    panel.click("button[value=call]")
    assert "A-001" in panel.text_content(".current")
    staff_cookies = officer.cookies()
    shoot(browser, panel.url, "counter-panel", cookies=staff_cookies)
    panel.click("button[value=start]")
    assert "Dilayani" in panel.text_content(".status")
    panel.click("button[value=finish]")
    assert "Belum ada tiket dipanggil" in panel.text_content(".status")

    citizen.goto(citizen.url)
    ticket_link = citizen.get_attribute("a[href*='/antrean/tiket/']", "href")
    citizen.goto(url(ticket_link))
    assert "Selesai" in citizen.text_content("#ticket-status")
    officer.close()
    context.close()
