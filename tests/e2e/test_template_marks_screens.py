"""Issue #11 in a real browser, at a phone's width and a desk's: the publish page's proposals of
what to mark as regional, and the go-live checklist's item for the template's opening hours.
Screenshots in /work/helpers/shots/fix11b/."""

from __future__ import annotations

import os

import pytest

from cms.golive_actions import golive_prepare
from cms.models import HeldValue, PortalLaunch
from tests.conftest import in_schema
from tests.e2e.conftest import portal_url, staff_sign_in
from tests.factories.catalogues import NORMAL_DAYS

SHOTS = os.environ.get("SHOTS_DIR", "/work/helpers/shots/fix11b")
HELD_HOURS = {
    "section": "locations",
    "key": "gedung-mpp",
    "field": "hours",
    "suggestion": {"profile": "normal", "days": NORMAL_DAYS},
}


def _shoot(page, path: str, width: int) -> None:
    """The whole page: Wagtail's admin scrolls inside its own container, so the window is made
    as tall as the content first."""
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('main, #main, body')]"
        ".map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": width, "height": min(max(height, 900), 6000)})
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def _overflow(page, selector: str) -> int:
    """How far the element reaches past the window's right edge, in pixels."""
    return page.evaluate(
        "(s) => Math.max(0, Math.ceil(document.querySelector(s).getBoundingClientRect().right)"
        " - window.innerWidth)",
        selector,
    )


@pytest.mark.django_db(transaction=True)
def test_publish_proposals_and_hours_item_at_360_and_1366(
    live_server, browser, alpha, regency_staff
):
    os.makedirs(SHOTS, exist_ok=True)
    regency_staff(alpha, "admin@alpha.test", group="Admin MPP")
    with in_schema(alpha):
        had_launch = PortalLaunch.objects.exists()
        golive_prepare(held=[HELD_HOURS], publish=True)
    try:
        for width in (360, 1366):
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
            page = context.new_page()
            try:
                staff_sign_in(page, live_server, "alpha", "admin@alpha.test", "/admin/")
                page.goto(portal_url(live_server, "alpha", "/admin/templat/terbitkan/"))
                terms = page.locator("#marks-terms")
                assert "{nama_mpp}" in terms.inner_text()
                places = page.locator("#marks-places")
                assert places.locator("input[value=Sukamaju]").is_checked()
                assert page.input_value("input[name=capital]") == "Martapura"
                assert _overflow(page, "#marks-terms") == 0
                _shoot(page, f"{SHOTS}/publish-marks-{width}.png", width)

                page.goto(portal_url(live_server, "alpha", "/admin/"))
                panel = page.locator("section.golive")
                assert "jam layanan mingguan" in panel.inner_text()
                button = panel.get_by_role("button", name="Jam ini sudah benar")
                assert button.is_visible()
                _shoot(page, f"{SHOTS}/golive-hours-{width}.png", width)
            finally:
                context.close()
    finally:
        with in_schema(alpha):
            HeldValue.objects.filter(field_name="hours", key="gedung-mpp").delete()
            if not had_launch:
                PortalLaunch.objects.all().delete()
