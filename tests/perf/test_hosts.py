"""Unknown Host headers cost neither a cache key each nor a database query each, and a 404 is
not a warning line (issue #15)."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from regencies.models import Domain
from tests.conftest import host_of


def cache_keys() -> int:
    store = cache._cache
    if hasattr(store, "get_client"):  # Redis: the test database's keys
        return len(store.get_client().keys("*"))
    return len(store)  # local memory


def test_a_scan_of_unknown_hosts_adds_no_cache_key_and_no_query_per_host(alpha):
    Client(HTTP_HOST="warm.example.test").get("/")  # the known-hosts set is cached once
    before = cache_keys()
    with CaptureQueriesContext(connection) as queries:
        for i in range(30):
            response = Client(HTTP_HOST=f"scan-{i}.example.test").get("/")
            assert response.status_code == 404
    assert cache_keys() == before
    assert not queries.captured_queries


def test_a_new_host_is_served_at_once_although_unknown_hosts_are_remembered(alpha):
    assert Client(HTTP_HOST="baru.alpha.test").get("/").status_code == 404
    Domain.objects.create(tenant=alpha, domain="baru.alpha.test", is_primary=False)
    assert Client(HTTP_HOST="baru.alpha.test").get("/").status_code == 200
    Domain.objects.filter(domain="baru.alpha.test").get().delete()
    assert Client(HTTP_HOST="baru.alpha.test").get("/").status_code == 404


def test_a_not_found_page_is_not_logged_as_a_warning(alpha, caplog):
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = Client(HTTP_HOST=host_of(alpha)).get("/tidak-ada-halaman-ini/")
        assert response.status_code == 404
    assert not [r for r in caplog.records if r.name == "django.request"]
