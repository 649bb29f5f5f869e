"""Statements per uncached citizen page (issue #15): at most 10, counting `SET search_path` too.

Each page is requested with a query string longer than the page cache keeps, so it is rendered
every time, as for a quiet portal's first visitor; the first request warms the per-process and
per-content-version caches a running portal has warm.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import host_of

NO_PAGE_CACHE = "?bench=" + "x" * 300
# The target is 10 for every page (issue #15); these are the ceilings reached so far, lowered as
# each cost goes (was 40/36/37/30/36/30 before the content-type cache, the limited SET calls, the
# cached plan modules, hours and menu; 6/14/10/9/9/9 before the remembered routes, cms.routing;
# 2/7/4/3/3/3 before routes kept the page itself and the index links were kept, ADR 0047).
# A page that costs more than its ceiling fails.
CEILINGS = {
    "/": 0,
    "/layanan/": 0,
    "/layanan/skck/": 0,
    "/instansi/": 2,
    "/lokasi/": 2,
    "/maklumat-pelayanan/": 2,
}


def statements(client: Client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path + NO_PAGE_CACHE)
    assert response.status_code == 200, path
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("path", CEILINGS)
def test_an_uncached_page_costs_no_more_statements_than_its_ceiling_including_set(alpha, path):
    client = Client(HTTP_HOST=host_of(alpha))
    statements(client, path)  # warm
    sql = statements(client, path)
    print(f"\n{path}: {len(sql)} statements\n" + "\n".join(s[:160] for s in sql))
    assert len(sql) <= CEILINGS[path], "\n".join(s[:200] for s in sql)
    assert sum(s.startswith("SET search_path") for s in sql) <= 2  # tenant, and public once
