"""Host routing: the platform host, each regency's host, unknown hosts, suspension, health."""

from django.test import Client

from regencies.actions import regency_reactivate, regency_suspend
from regencies.models import Regency
from tests.conftest import host_of


def test_platform_host_serves_the_platform_landing(platform_client):
    response = platform_client.get("/")

    assert response.status_code == 200
    assert b"SatuPintu" in response.content
    assert b"MPP Alpha" not in response.content


def test_each_regency_host_serves_its_own_home_page(alpha_client, beta_client):
    alpha_page = alpha_client.get("/")
    beta_page = beta_client.get("/")

    assert alpha_page.status_code == 200
    assert beta_page.status_code == 200
    assert "MPP Alpha" in alpha_page.text
    assert "Kabupaten Ogan Komering" in alpha_page.text
    assert "MPP Beta" not in alpha_page.text
    assert "MPP Beta" in beta_page.text
    assert "Kabupaten Paser" in beta_page.text
    assert "MPP Alpha" not in beta_page.text


def test_unknown_host_gets_a_clear_404_page(db):
    response = Client(HTTP_HOST="tidak-ada.localhost").get("/")

    assert response.status_code == 404
    assert "Portal tidak ditemukan" in response.text
    assert "tidak-ada.localhost" in response.text
    assert "Traceback" not in response.text


def test_operator_console_is_not_served_on_a_regency_host(alpha_client):
    response = alpha_client.get("/console/")

    assert response.status_code == 404


def test_suspended_regency_answers_503_with_an_indonesian_notice_and_keeps_its_data(
    alpha, alpha_client
):
    regency_suspend(regency=alpha, actor=None, reason="uji")

    response = alpha_client.get("/")

    assert response.status_code == 503
    assert "sementara dihentikan" in response.text
    assert "Data layanan tetap tersimpan" in response.text
    assert Regency.objects.get(pk=alpha.pk).status == "suspended"

    regency_reactivate(regency=Regency.objects.get(pk=alpha.pk), actor=None)

    assert alpha_client.get("/").status_code == 200


def test_suspending_one_regency_leaves_the_other_serving(alpha, beta_client):
    regency_suspend(regency=alpha, actor=None, reason="uji")

    assert beta_client.get("/").status_code == 200


def test_healthz_answers_on_every_host(db):
    for host in ("localhost", "alpha.localhost", "unknown.example.org"):
        response = Client(HTTP_HOST=host).get("/healthz")
        assert response.status_code == 200, host
        assert response.json() == {"status": "ok"}


def test_readyz_reports_database_and_cache(alpha_client):
    response = alpha_client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_every_response_carries_a_request_id(alpha_client):
    response = alpha_client.get("/", HTTP_X_REQUEST_ID="abc-123")

    assert response["X-Request-ID"] == "abc-123"
    generated = alpha_client.get("/", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert generated != "bad id with spaces"
    assert len(generated) == 32


def test_a_host_lookup_cached_while_a_change_commits_is_forgotten_once_it_has(
    alpha, django_capture_on_commit_callbacks
):
    from regencies.selectors import regency_for_hostname

    host = host_of(alpha)
    with django_capture_on_commit_callbacks(execute=True):
        regency_suspend(regency=alpha, actor=None, reason="uji")
        # A request arriving before the commit caches the lookup it read.
        Regency.objects.filter(pk=alpha.pk).update(status="active")
        assert regency_for_hostname(host).status == "active"
        Regency.objects.filter(pk=alpha.pk).update(status="suspended")
    after_commit = regency_for_hostname(host)

    assert after_commit.status == "suspended"


def test_a_host_longer_than_any_dns_name_is_no_regency_and_caches_nothing(db):
    from django.core.cache import cache
    from django_tenants.utils import schema_context

    from regencies.selectors import _host_cache_key, regency_for_hostname

    host = "a" * 300 + ".localhost"
    with schema_context("public"):
        assert regency_for_hostname(host) is None
        assert cache.get(_host_cache_key(host)) is None
    assert len(_host_cache_key(host)) == len(_host_cache_key("alpha.localhost"))
    assert Client(HTTP_HOST=host).get("/").status_code in (400, 404)
