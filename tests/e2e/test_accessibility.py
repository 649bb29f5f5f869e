"""Accessibility audit of the citizen pages with axe-core in Chromium: no serious or critical
violations (WCAG 2.2 AA), on a small phone's viewport."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import in_schema
from tests.e2e.conftest import portal_url
from tests.e2e.test_queue_journey import queue_world  # noqa: F401 (a fixture)

PAGES = [
    "/",
    "/layanan/",
    "/layanan/?q=ktp",
    "/layanan/sim-a-baru/",
    "/layanan/nib-oss/",
    "/instansi/",
    "/instansi/?q=polres",
    "/instansi/?q=tidak-ada",
    "/instansi/polres/",
    "/lokasi/",
    "/lokasi/gedung-mpp/",
    "/maklumat-pelayanan/",
    "/berita/",
    "/berita/buka-sabtu/",
    "/tanya-jawab/",
    "/profil/",
    "/en/layanan/sim-a-baru/",
    "/en/",
    "/en/lokasi/gedung-mpp/",
    "/layanan/tidak-ada/",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PAGES)
def test_citizen_page_has_no_serious_or_critical_violations(live_server, alpha, page, path):
    response = page.goto(portal_url(live_server, "alpha", path))
    assert response is not None
    assert response.status in (200, 404)

    results = Axe().run(page, options=AXE_OPTIONS)

    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


BRANDING_FIELDS = ("logo", "building_photo", "building_photo_alt", "instagram", "youtube")


def _serious(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/", "/en/", "/lokasi/gedung-mpp/"])
def test_a_branded_portal_has_no_serious_or_critical_violations(live_server, alpha, page, path):
    """With a logo, a building photo and social links (the demo regency has none of them)."""
    from tests.cms.test_portal_pride import _branding, _photo

    with in_schema(alpha):
        branding = _branding()
        before = {f: getattr(branding, f) for f in BRANDING_FIELDS}
        branding.logo = _photo()
        branding.building_photo = _photo()
        branding.building_photo_alt = "Gedung MPP dua lantai dengan halaman parkir"
        branding.instagram = "@mppalpha"
        branding.youtube = "https://www.youtube.com/@mppalpha"
        branding.save()
    try:
        page.goto(portal_url(live_server, "alpha", path))

        assert page.locator("img").count() >= 1
        assert _serious(page) == []
    finally:  # a transactional test's flush empties the public schema only
        with in_schema(alpha):
            images = [branding.logo, branding.building_photo]
            for field, value in before.items():
                setattr(branding, field, value)
            branding.save()
            for image in images:
                image.delete()


@pytest.mark.django_db(transaction=True)
def test_keyboard_users_can_skip_to_the_content(live_server, alpha, page):
    page.goto(portal_url(live_server, "alpha", "/layanan/"))

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")

    assert focused == "Langsung ke isi"
    assert page.evaluate("location.hash") == "#isi"


LIGHT_PAGES = ["/", "/layanan/", "/layanan/sim-a-baru/", "/instansi/", "/lokasi/gedung-mpp/"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", [*LIGHT_PAGES, "/en/layanan/sim-a-baru/"])
def test_citizen_pages_are_light(live_server, alpha, page, path):
    """Under 50 KB before images (HTML, CSS and the one small script), as issue 16 asks."""
    sizes: list[int] = []
    page.on(
        "response",
        lambda r: sizes.append(len(r.body())) if r.request.resource_type != "image" else None,
    )

    page.goto(portal_url(live_server, "alpha", path))
    page.wait_for_load_state("networkidle")

    assert 0 < sum(sizes) < 50 * 1024


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", LIGHT_PAGES)
def test_citizen_pages_fit_a_360_px_phone(live_server, alpha, browser, path):
    """Nothing wider than a small phone's screen: no sideways scrolling at 360 px."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(portal_url(live_server, "alpha", path))

        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()

    assert width <= 360


@pytest.mark.django_db(transaction=True)
def test_the_booking_pages_have_no_serious_or_critical_violations(
    live_server,
    alpha,
    browser,
    queue_world,  # noqa: F811
):
    """Online booking at 360 px, every step a citizen sees: choose the service and date, a
    closed day, the slots and form, the form sent back with errors, the held draft, the
    confirmed booking with its code, and the cancelled one. Screens to SHOTS_DIR if set."""
    shots = os.environ.get("SHOTS_DIR")
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    page = context.new_page()
    url = lambda path: portal_url(live_server, "alpha", path)  # noqa: E731
    found: dict[str, list[str]] = {}
    widths: dict[str, int] = {}

    def submit(button: str = "button[type=submit]") -> None:
        # Axe must see the answer's page, loaded with its styles: audited mid-navigation, an
        # unstyled button is a small target (a CI run found exactly that).
        with page.expect_navigation(wait_until="load"):
            page.click(button)

    def audit(step: str) -> None:
        found[step] = _serious(page)
        widths[step] = page.evaluate("document.documentElement.scrollWidth")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/booking-{step}-360.png", full_page=True)

    try:
        page.goto(url("/antrean/booking/"))
        audit("1-choose")
        page.select_option("#id_service", "ktp-el-baru")
        page.fill("#id_date", "2026-11-22")  # a Sunday: closed
        submit()
        audit("2-closed-day")
        page.goto(url("/antrean/booking/?service=ktp-el-baru&date=2026-11-23"))
        audit("3-slots")
        submit()  # no slot, no identity
        audit("4-errors")
        assert page.locator("#e-slot, #e-identity").count() == 2
        page.check("input[name=slot] >> nth=2")
        page.fill("#id_identity", "081234567890")
        page.click("button[type=submit]")
        page.wait_for_url("**/antrean/booking/*/")
        audit("5-held")
        submit("button[value=confirm]")
        page.wait_for_selector(".code")
        audit("6-confirmed")
        submit("button[value=cancel]")
        audit("7-cancelled")
    finally:
        context.close()

    assert found == {step: [] for step in found}
    assert len(found) == 7
    assert widths == dict.fromkeys(widths, 360)
