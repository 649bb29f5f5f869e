"""What a cached citizen page costs in shared-cache reads (issue #15): the content version is
read once per request, though the "sedang disiapkan" check and the page cache both need it, and
the launch state comes from this process's copy under that version."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client

from tests.conftest import host_of


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys the shared cache is asked for, in order."""
    backend = caches["default"]
    asked: list[str] = []
    get, get_many = backend.get, backend.get_many

    def counting_get(key, *args, **kwargs):
        asked.append(key)
        return get(key, *args, **kwargs)

    def counting_get_many(keys, *args, **kwargs):
        asked.extend(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get", counting_get)
    monkeypatch.setattr(backend, "get_many", counting_get_many)
    return asked


def test_a_cached_page_reads_the_content_version_once(alpha, cache_reads, pinned_clock):
    client = Client(HTTP_HOST=host_of(alpha))
    assert client.get("/")["X-Portal-Cache"] == "miss"
    client.get("/")  # the launch state is now in this process's copy
    cache_reads.clear()

    hit = client.get("/")

    assert hit["X-Portal-Cache"] == "hit"
    assert cache_reads.count("portal:content-version") == 1
    assert not [key for key in cache_reads if key.startswith("portal-launch:")]
