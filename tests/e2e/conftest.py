"""Real-browser fixtures: Debian's Chromium driven by Playwright (it cannot download a browser)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls our fixtures make from the
# test thread are still synchronous, so Django's guard against async contexts does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


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
