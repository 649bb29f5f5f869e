"""The run's one real browser: Debian's Chromium driven by Playwright (it cannot download a
browser). One session-wide instance for every test that asks for `browser` (tests/e2e and the
live screens alike): Playwright's sync API refuses a second instance while one is running.

Chromium reads the machine's real clock; `context_on_test_clock` gives a page the test's clock
instead (pinned, or moved by SATUPINTU_TEST_CLOCK), the one the servers a test starts run on.
"""

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


def context_on_test_clock(browser, **options):
    """A new browser context whose pages read the test's clock (`timezone.now()`, running on from
    there) through Playwright's clock: what the page computes from `Date` agrees with the server."""
    from django.utils import timezone

    context = browser.new_context(**options)
    context.clock.install(time=timezone.now())
    return context


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
