"""Real-browser fixtures: Debian's Chromium driven by Playwright (it cannot download a browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# The one browser of the run is tests.browser's (registered in tests/conftest.py): Playwright's
# sync API allows one instance per thread, so a second session fixture elsewhere would fail.
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: F401


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def regency_staff() -> Iterator:
    """`staff_user` for a browser test, deleted afterwards: a transactional test's flush empties
    the public schema only, and a user left in a regency's schema breaks the next run."""
    from accounts.models import User
    from tests.conftest import in_schema, staff_user

    created: list = []

    def make(regency, email: str, **options):
        user = staff_user(regency, email, **options)
        created.append((regency, user.pk))
        return user

    yield make
    for regency, pk in created:
        with in_schema(regency):
            User.objects.filter(pk=pk).delete()


def portal_url(live_server, subdomain: str, path: str = "/") -> str:
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://{subdomain}.localhost:{port}{path}"


def staff_sign_in(page, live_server, subdomain: str, email: str, next_path: str) -> None:
    """Sign `email` in at a regency's sign-in page and land on `next_path`."""
    from tests.conftest import STAFF_PASSWORD

    page.goto(portal_url(live_server, subdomain, f"/accounts/login/?next={next_path}"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{next_path}")


def submit_by(page, selector: str) -> None:
    """Wagtail's footer: "Simpan draf" is the main button, "Terbitkan" sits in its menu."""
    with page.expect_navigation():
        page.evaluate("(s) => document.querySelector(s).click()", selector)
