"""Not-found and server-error pages: the portal's own on a regency's host (its branding, Indonesian
unless /en/), the platform's on the platform's host, a plain page named after the portal when the
database is gone, and the demo's settings (`make run`) showing these and never Django's debug page.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from tests.conftest import PLATFORM_HOST, host_of
from tests.processes import ROOT

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def _client(host: str) -> Client:
    return Client(HTTP_HOST=host, raise_request_exception=False, **ENGLISH_BROWSER)


def _breaks(monkeypatch, target: str) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(target, broken)


@pytest.fixture
def database_down(db):
    """Call it, and from then on every query fails as if the server had gone away; the database
    is back before the test's transaction is rolled back."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    with contextlib.ExitStack() as patches:

        def going_down():
            patches.enter_context(mock.patch.object(CursorWrapper, "execute", refuse))
            patches.enter_context(mock.patch.object(CursorWrapper, "executemany", refuse))

        yield going_down


def test_a_missing_page_on_a_regency_host_is_the_portals_own_in_indonesian(alpha):
    page = _client(host_of(alpha)).get("/faq/tidak-ada/")

    assert page.status_code == 404
    assert '<html lang="id">' in page.text
    assert "<title>Halaman tidak ditemukan · MPP Alpha</title>" in page.text
    assert "/static/cms/portal.css" in page.text
    assert "--primary:#0b5d51" in page.text  # the regency's colours
    assert 'action="/layanan/"' in page.text  # the service search
    assert "URLconf" not in page.text


def test_a_missing_page_under_en_is_in_english(alpha):
    page = _client(host_of(alpha)).get("/en/faq/tidak-ada/")

    assert page.status_code == 404
    assert '<html lang="en">' in page.text
    assert "<title>Page not found · MPP Alpha</title>" in page.text
    assert 'href="/en/">Back to the home page</a>' in page.text


def test_a_missing_page_on_the_platform_host_is_the_platforms_own(db):
    page = _client(PLATFORM_HOST).get("/tidak-ada/")

    assert page.status_code == 404
    assert "<title>Halaman tidak ditemukan · SatuPintu</title>" in page.text
    assert "/static/satupintu/platform.css" in page.text
    assert "URLconf" not in page.text


def test_a_server_error_on_a_regency_host_is_the_portals_own(alpha, monkeypatch):
    _breaks(monkeypatch, "cms.selectors.home_context")

    page = _client(host_of(alpha)).get("/")
    english = _client(host_of(alpha)).get("/en/")

    assert page.status_code == 500
    assert "<title>Terjadi gangguan · MPP Alpha</title>" in page.text
    assert "--primary:#0b5d51" in page.text
    assert "Traceback" not in page.text
    assert "<title>Something went wrong · MPP Alpha</title>" in english.text


def test_a_server_error_on_the_platform_host_is_the_platforms_own(db, monkeypatch):
    _breaks(monkeypatch, "onboarding.library.template_list_public")

    page = _client(PLATFORM_HOST).get("/")

    assert page.status_code == 500
    assert "<title>Terjadi gangguan · SatuPintu</title>" in page.text
    assert "/static/satupintu/platform.css" in page.text


def test_without_the_database_a_regency_still_gets_a_page_named_after_it(alpha, database_down):
    client = _client(host_of(alpha))
    assert client.get("/").status_code == 200  # the host lookup is cached from here on
    database_down()

    page = client.get("/layanan/")
    english = client.get("/en/layanan/")

    assert page.status_code == 500
    assert '<html lang="id">' in page.text
    assert "<title>Terjadi gangguan · MPP Alpha</title>" in page.text
    assert '<p class="site">MPP Alpha</p>' in page.text
    assert "<title>Something went wrong · MPP Alpha</title>" in english.text


def test_without_the_database_the_platform_still_gets_its_page(db, database_down):
    database_down()

    page = _client(PLATFORM_HOST).get("/")

    assert page.status_code == 500
    assert "<title>Terjadi gangguan · SatuPintu</title>" in page.text


def test_when_the_regencys_settings_cannot_be_loaded_its_name_still_shows(alpha, monkeypatch):
    _breaks(monkeypatch, "cms.models.Branding.for_request")

    page = _client(host_of(alpha)).get("/tidak-ada/")

    assert page.status_code == 404
    assert "<title>Halaman tidak ditemukan · MPP Alpha</title>" in page.text
    assert '<p class="site">MPP Alpha</p>' in page.text


# The demo's own settings, in a child process (importing them here would replace the test
# settings), against this test database: what a visitor of `make run` gets.
DEMO_VISIT = """
import json
import os
from unittest import mock

import django
from django.conf import settings

# This test run's database, however the demo's settings would find theirs.
settings.DATABASES["default"].update(json.loads(os.environ["TEST_DATABASE"]))
django.setup()
from django.conf import settings
from django.test import Client


def visit(host, path):
    response = Client(HTTP_HOST=host, raise_request_exception=False).get(path)
    return [response.status_code, response.content.decode()]


out = {"debug": settings.DEBUG}
out["portal_404"] = visit("alpha.localhost", "/faq/")
out["platform_404"] = visit("localhost", "/tidak-ada/")
with mock.patch("cms.selectors.home_context", side_effect=RuntimeError("a bug")):
    out["portal_500"] = visit("alpha.localhost", "/")
with mock.patch("onboarding.library.template_list_public", side_effect=RuntimeError("a bug")):
    out["platform_500"] = visit("localhost", "/")
print(json.dumps(out))
"""


@pytest.mark.django_db(transaction=True)
def test_the_demo_settings_show_our_pages_and_never_the_debug_page(alpha):
    db = {key: connection.settings_dict[key] for key in ("NAME", "USER", "HOST", "PORT")}
    inherited = ("PATH", "HOME", "LANG", "DATABASE_URL")
    env = {key: os.environ[key] for key in inherited if key in os.environ}
    env |= {"DJANGO_SETTINGS_MODULE": "satupintu.settings.local", "TEST_DATABASE": json.dumps(db)}

    child = subprocess.run(
        [sys.executable, "-c", DEMO_VISIT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(child.stdout.strip().splitlines()[-1])

    assert seen["debug"] is False
    titles = {
        "portal_404": (404, "<title>Halaman tidak ditemukan · MPP Alpha</title>"),
        "platform_404": (404, "<title>Halaman tidak ditemukan · SatuPintu</title>"),
        "portal_500": (500, "<title>Terjadi gangguan · MPP Alpha</title>"),
        "platform_500": (500, "<title>Terjadi gangguan · SatuPintu</title>"),
    }
    for name, (status, title) in titles.items():
        assert seen[name][0] == status, name
        assert title in seen[name][1], name
        assert "URLconf" not in seen[name][1], name
