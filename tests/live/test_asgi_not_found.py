"""Under ASGI (make run, the live Deployment), a path no URL pattern matches gets the portal's
branded 404, not its plain fallback: Django answers it from another thread, whose database
connection started on the public schema (found fuzzing make run)."""

import http.client

import pytest
from django.db import connection

from tests.conftest import host_of
from tests.live.sse import asgi_server
from tests.processes import TEST_REDIS_URL


@pytest.mark.django_db(transaction=True)
def test_an_unmatched_path_under_asgi_gets_the_portals_branded_404(alpha, tmp_path):
    env = {
        "SATUPINTU_DATABASE_NAME": connection.settings_dict["NAME"],
        "LIVE_REDIS_URL": TEST_REDIS_URL,
    }
    log_path = tmp_path / "uvicorn.log"
    with asgi_server(env=env, log_path=log_path) as (_, port):
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        client.request("GET", "/wp-login.php", headers={"Host": host_of(alpha)})
        response = client.getresponse()
        body = response.read().decode()
        client.close()

    assert response.status == 404
    assert "Halaman tidak ditemukan" in body
    assert "cms/portal.css" in body  # the portal's own page, with its branding and menu
    assert "fell back to its plain form" not in log_path.read_text()
