"""The page cache is opt-in: only views and page types marked `cacheable` are kept whole."""

import pytest
from django.test import Client

from cms.models import HomePage
from tests.cms import cache_urls
from tests.conftest import host_of


@pytest.fixture(autouse=True)
def _tenant_urls_with_test_views(settings):
    settings.ROOT_URLCONF = "tests.cms.cache_urls"
    cache_urls.CALLS.update(marked=0, unmarked=0)


def test_an_unmarked_view_is_never_cached(alpha):
    client = Client(HTTP_HOST=host_of(alpha))
    first = client.get("/uji-cache/biasa/")
    second = client.get("/uji-cache/biasa/")

    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Portal-Cache" not in first
    assert "X-Portal-Cache" not in second
    assert second.content == b"unmarked 2"  # the view ran again
    assert cache_urls.CALLS["unmarked"] == 2


def test_a_marked_view_is_cached(alpha):
    client = Client(HTTP_HOST=host_of(alpha))
    first = client.get("/uji-cache/ditandai/")
    second = client.get("/uji-cache/ditandai/")

    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("miss", "hit")
    assert second.content == b"marked 1"  # served from the cache: the view ran once
    assert cache_urls.CALLS["marked"] == 1


def test_a_page_type_not_marked_is_never_cached(alpha, monkeypatch):
    client = Client(HTTP_HOST=host_of(alpha))
    assert client.get("/").status_code == 200

    monkeypatch.setattr(HomePage, "portal_cacheable", False)
    first, second = client.get("/?unmarked=1"), client.get("/?unmarked=1")

    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Portal-Cache" not in first
    assert "X-Portal-Cache" not in second


def test_a_marked_page_type_is_cached(alpha):
    client = Client(HTTP_HOST=host_of(alpha))
    first, second = client.get("/?marked=1"), client.get("/?marked=1")

    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("miss", "hit")
