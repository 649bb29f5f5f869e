"""The kiosk's camera check-in in a real browser: "Pindai QR" opens the camera, reads a booking's
QR and submits the check-in form a typed code goes through.

Chromium runs with its fake camera (--use-fake-device-for-media-stream, and
--use-fake-ui-for-media-stream to allow it without a prompt), so getUserMedia gives a real stream
of test frames. Chromium on Linux has no BarcodeDetector (the Shape Detection API ships on
Android, ChromeOS and macOS only), so an init script puts in a fake one that "sees" whatever
`window.__qr` holds once the video plays; the kiosk's own code is what is tested. Screens of the
open camera at a 1280x800 tablet and at 360 px go to SHOTS_DIR (default
/work/helpers/shots/kiosk12) to be looked at.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Max
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from activity.models import ActivityEntry
from catalogue.models import Location, Service
from queueing.booking import booking_confirm, booking_draft, slots_for
from queueing.devices import device_create
from queueing.models import (
    Booking,
    BookingStatus,
    Channel,
    Device,
    Queue,
    ServiceQuota,
    Ticket,
    TicketSequence,
)
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, portal_url
from tests.queueing.conftest import plan_set, queue_make

SHOTS = Path(os.environ.get("SHOTS_DIR", "/work/helpers/shots/kiosk12"))
FOREIGN = "QR ini bukan kode booking antrean"
NOT_HERE = "Kode booking tidak ditemukan di lokasi ini."

# The camera's tracks, counted in sessionStorage so the count outlives a page: how many were
# opened, how many the kiosk stopped itself (the browser ending them on unload is not counted),
# and how many were still live when the check-in form was last submitted.
CAMERA_WATCH = """
(() => {
  const store = window.sessionStorage;
  const bump = (key, n) => store.setItem(key, String(Number(store.getItem(key) || 0) + n));
  const media = navigator.mediaDevices;
  if (media && media.getUserMedia) {
    const real = media.getUserMedia.bind(media);
    window.__tracks = [];
    media.getUserMedia = async (constraints) => {
      store.setItem("constraints", JSON.stringify(constraints));
      const stream = await real(constraints);
      window.__tracks.push(...stream.getTracks());
      bump("opened", stream.getTracks().length);
      return stream;
    };
  }
  const stop = MediaStreamTrack.prototype.stop;
  MediaStreamTrack.prototype.stop = function () {
    if (this.readyState === "live") { bump("stopped", 1); }
    return stop.call(this);
  };
  document.addEventListener("submit", (event) => {
    if (!event.target.closest(".checkin")) { return; }
    const live = (window.__tracks || []).filter((t) => t.readyState === "live").length;
    store.setItem("liveAtSubmit", String(live));
  }, true);
})();
"""

# What Chrome on Android has and Chromium on Linux lacks; it reads `window.__qr` off the video.
FAKE_DETECTOR = """
window.__qr = null;
window.BarcodeDetector = class BarcodeDetector {
  static async getSupportedFormats() { return %(formats)s; }
  constructor(options) { this.formats = options.formats; }
  async detect(source) {
    // Only a playing camera picture: a video element with frames.
    if (!(source instanceof HTMLVideoElement) || !source.videoWidth || window.__qr === null) {
      return [];
    }
    return [{ rawValue: window.__qr, format: "qr_code" }];
  }
};
"""
QR_DETECTOR = FAKE_DETECTOR % {"formats": '["qr_code", "ean_13"]'}
CAMERA_REFUSED = """
navigator.mediaDevices.getUserMedia = () =>
  Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
"""


@pytest.fixture(scope="module")
def camera_browser(browser):
    """A second Chromium of the run's Playwright, with the fake camera allowed."""
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
        ],
    )
    try:
        yield launched
    finally:
        launched.close()


def _booking(service_key: str, location_key: str) -> Booking:
    """A confirmed booking for the pinned day's (Monday 23 November 2026) first free slot."""
    service, day = Service.objects.get(key=service_key), date(2026, 11, 23)
    location = Location.objects.get(key=location_key)
    slot = next(s.at for s in slots_for(location=location, service=service, day=day) if s.free)
    draft = booking_draft(service=service, day=day, slot=slot, identity="081234567890")
    return booking_confirm(public_id=draft.public_id)


@pytest.fixture
def scan_world(alpha, beta, pinned_clock):
    """A queue and a kiosk in alpha's hall, and a confirmed booking for today in each regency."""
    plan_set(alpha, queue=True)
    plan_set(beta, queue=True)
    queue_make(
        alpha, prefix="A", location="gedung-mpp", services=["ktp-el-baru"], counters=["loket-a1"]
    )
    queue_make(
        beta, prefix="A", location="mpp-beta", services=["pendaftaran-jkn"], counters=["loket-1"]
    )
    trail: dict[str, int] = {}
    for regency in (alpha, beta):
        with schema_context(regency.schema_name):
            trail[regency.schema_name] = (
                ActivityEntry.objects.aggregate(last=Max("id"))["last"] or 0
            )
    with schema_context(beta.schema_name):
        beta_code = _booking("pendaftaran-jkn", "mpp-beta").code
    with schema_context(alpha.schema_name):
        alpha_code = _booking("ktp-el-baru", "gedung-mpp").code
        _device, pairing = device_create(
            location=Location.objects.get(key="gedung-mpp"), kind="kiosk", name="Kios kamera"
        )
    try:
        yield {"alpha": alpha_code, "beta": beta_code, "pairing": pairing}
    finally:
        for regency in (alpha, beta):
            with schema_context(regency.schema_name):
                Booking.objects.all().delete()
                ServiceQuota.objects.all().delete()
                Ticket.objects.all().delete()
                TicketSequence.objects.all().delete()
                Queue.objects.all().delete()
                Device.objects.filter(name="Kios kamera").delete()
                ActivityEntry.objects.filter(id__gt=trail[regency.schema_name]).delete()
        connection.set_schema_to_public()


def kiosk_page(browser, live_server, world: dict, *scripts: str, clock=False, **options):
    """Alpha's kiosk on a 1280x800 tablet with `scripts` run first on every page; `clock`: its
    timers are Playwright's, to be moved on. The first one pairs with the one-time code and
    leaves its cookie in `world` for the next ones."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="id-ID", **options
    )
    if clock:
        context.clock.install()
    context.add_init_script("window.print = function () {};")
    for script in scripts:
        context.add_init_script(script)
    page = context.new_page()
    if "cookies" in world:
        context.add_cookies(world["cookies"])
        page.goto(portal_url(live_server, "alpha", "/antrean/kios/"))
    else:
        page.goto(portal_url(live_server, "alpha", "/antrean/perangkat/"))
        page.fill("#id_code", world["pairing"])
        page.click("button[type=submit]")
        page.wait_for_url(portal_url(live_server, "alpha", "/antrean/kios/"))
        world["cookies"] = context.cookies()
    return page


def camera(page) -> dict:
    stored = page.evaluate("({...window.sessionStorage})")
    return {key: stored.get(key) for key in ("opened", "stopped", "liveAtSubmit")}


def open_camera(page) -> None:
    page.click("[data-scan-open]")
    expect(page.locator("[data-scan-view]")).to_be_visible()
    expect(page.locator("[data-scan-status]")).to_have_text(
        "Arahkan kode QR dari halaman booking Anda ke kamera."
    )


def camera_closed(page) -> None:
    expect(page.locator("[data-scan-view]")).to_be_hidden()
    assert page.evaluate("document.querySelector('[data-scan-video]').srcObject") is None
    assert page.evaluate("window.__tracks.every((t) => t.readyState === 'ended')")


@pytest.mark.django_db(transaction=True)
def test_a_scanned_booking_qr_is_checked_in_and_a_foreign_or_other_regencys_is_refused(
    live_server, alpha, beta, camera_browser, scan_world
):
    kiosk = kiosk_page(camera_browser, live_server, scan_world, CAMERA_WATCH, QR_DETECTOR)
    expect(kiosk.locator("[data-scan-open]")).to_be_visible()
    open_camera(kiosk)
    assert kiosk.evaluate("sessionStorage.getItem('constraints')") == (
        '{"video":{"facingMode":"environment"},"audio":false}'
    )
    assert kiosk.evaluate("document.querySelector('[data-scan-video]').videoWidth") > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    kiosk.screenshot(path=str(SHOTS / "kiosk-scan-1280.png"))
    kiosk.set_viewport_size({"width": 360, "height": 780})
    kiosk.screenshot(path=str(SHOTS / "kiosk-scan-360.png"))
    kiosk.set_viewport_size({"width": 1280, "height": 800})

    # A QR that is not a booking (a link without a code, a printed ticket's) is refused in words;
    # the camera stays on for the right one.
    for foreign in (
        "https://toko.example/promo",
        portal_url(live_server, "alpha", "/antrean/tiket/abc123def456/"),
    ):
        kiosk.evaluate("(raw) => { window.__qr = raw; }", foreign)
        expect(kiosk.locator("[data-scan-status]")).to_contain_text(FOREIGN)
        expect(kiosk.locator("[data-scan-view]")).to_be_visible()
    kiosk.set_viewport_size({"width": 360, "height": 780})
    kiosk.screenshot(path=str(SHOTS / "kiosk-scan-foreign-360.png"))
    kiosk.set_viewport_size({"width": 1280, "height": 800})
    kiosk.screenshot(path=str(SHOTS / "kiosk-scan-foreign-1280.png"))

    # Beta's booking code is read and submitted, and alpha's kiosk does not know it.
    kiosk.evaluate("(raw) => { window.__qr = raw; }", scan_world["beta"])
    expect(kiosk.locator("p.error.big-error")).to_have_text(NOT_HERE)
    assert camera(kiosk) == {"opened": "1", "stopped": "1", "liveAtSubmit": "0"}
    with schema_context(alpha.schema_name):
        assert not Ticket.objects.exists()
    with schema_context(beta.schema_name):
        assert Booking.objects.get().status == BookingStatus.CONFIRMED
        assert not Ticket.objects.exists()

    # Alpha's booking, as a link carrying its code, checks in: the kiosk shows the ticket.
    kiosk.evaluate("window.__qr = null")
    open_camera(kiosk)
    link = portal_url(live_server, "alpha", f"/antrean/booking/?kode={scan_world['alpha']}")
    kiosk.evaluate("(raw) => { window.__qr = raw; }", link)
    kiosk.wait_for_url("**/antrean/kios/tiket/**")
    assert kiosk.text_content(".t-number").strip() == "A-001"
    assert camera(kiosk) == {"opened": "2", "stopped": "2", "liveAtSubmit": "0"}
    with schema_context(alpha.schema_name):
        booking = Booking.objects.select_related("ticket").get()
        assert (booking.status, booking.ticket.number) == (BookingStatus.CHECKED_IN, "A-001")
        assert booking.ticket.channel == Channel.ONLINE
    kiosk.context.close()


@pytest.mark.django_db(transaction=True)
def test_the_camera_stops_on_cancel_timeout_and_leaving_and_typing_works_without_it(
    live_server, alpha, browser, camera_browser, scan_world
):
    kiosk = kiosk_page(  # the 30 s timeout is waited for by moving the page's clock
        camera_browser, live_server, scan_world, CAMERA_WATCH, QR_DETECTOR, clock=True
    )

    open_camera(kiosk)  # "Batal"
    kiosk.click("[data-scan-cancel]")
    camera_closed(kiosk)
    expect(kiosk.locator("[data-scan-note]")).to_be_hidden()

    open_camera(kiosk)  # Esc closes the dialog like "Batal"
    kiosk.keyboard.press("Escape")
    camera_closed(kiosk)

    open_camera(kiosk)  # nothing read for 30 s
    kiosk.clock.fast_forward("00:31")
    camera_closed(kiosk)
    expect(kiosk.locator("[data-scan-note]")).to_have_text(
        "Tidak ada QR booking terbaca dalam 30 detik; kamera dimatikan. Tekan Pindai QR untuk "
        "mencoba lagi, atau ketik kode booking."
    )
    assert camera(kiosk) == {"opened": "3", "stopped": "3", "liveAtSubmit": None}

    open_camera(kiosk)  # the page is left (the kiosk's idle reset loads it again)
    kiosk.goto(kiosk.url)
    assert camera(kiosk) == {"opened": "4", "stopped": "4", "liveAtSubmit": None}
    kiosk.context.close()

    # The camera refused: said so, and the typed code still checks in.
    kiosk = kiosk_page(
        camera_browser,
        live_server,
        scan_world,
        CAMERA_WATCH,
        QR_DETECTOR,
        CAMERA_REFUSED,
    )
    kiosk.click("[data-scan-open]")
    expect(kiosk.locator("[data-scan-note]")).to_have_text(
        "Izin kamera ditolak. Silakan ketik kode booking Anda."
    )
    expect(kiosk.locator("[data-scan-view]")).to_be_hidden()
    for width, height in ((1280, 800), (360, 780)):
        kiosk.set_viewport_size({"width": width, "height": height})
        kiosk.locator(".checkin").screenshot(path=str(SHOTS / f"kiosk-scan-refused-{width}.png"))
    kiosk.fill("#id_checkin", scan_world["alpha"])
    kiosk.click(".checkin button[type=submit]")
    assert kiosk.text_content(".t-number").strip() == "A-001"
    kiosk.context.close()

    # No camera at all (the run's browser has no fake one): said so too.
    kiosk = kiosk_page(browser, live_server, scan_world, QR_DETECTOR)
    kiosk.context.grant_permissions(["camera"])
    kiosk.click("[data-scan-open]")
    expect(kiosk.locator("[data-scan-note]")).to_have_text(
        "Kamera tidak dapat dibuka. Silakan ketik kode booking Anda."
    )
    expect(kiosk.locator("[data-scan-view]")).to_be_hidden()
    kiosk.context.close()


@pytest.mark.django_db(transaction=True)
def test_no_scan_button_without_a_qr_detector_or_script_and_typing_still_checks_in(
    live_server, alpha, camera_browser, scan_world
):
    no_detector = "delete window.BarcodeDetector;"
    no_qr = FAKE_DETECTOR % {"formats": '["ean_13", "code_128"]'}
    for script in (no_detector, no_qr):
        kiosk = kiosk_page(camera_browser, live_server, scan_world, script)
        kiosk.wait_for_load_state("load")
        kiosk.wait_for_timeout(300)  # the detector's formats are asked for asynchronously
        expect(kiosk.locator("[data-scan-open]")).to_be_hidden()
        expect(kiosk.locator(".checkin button[type=submit]")).to_be_visible()
        kiosk.context.close()

    # Without JavaScript the button stays hidden and a typed code checks in.
    kiosk = kiosk_page(camera_browser, live_server, scan_world, java_script_enabled=False)
    expect(kiosk.locator("[data-scan-open]")).to_be_hidden()
    kiosk.fill("#id_checkin", scan_world["alpha"].lower())
    kiosk.click(".checkin button[type=submit]")
    assert kiosk.text_content(".t-number").strip() == "A-001"
    kiosk.context.close()
