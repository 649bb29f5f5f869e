"""The operators' console: who may enter (TOTP under production settings) and what it records."""

import pytest
from django.test import Client, override_settings

from audit.models import AuditEntry
from regencies.models import Domain, Regency
from tests.conftest import SECRET, _operator, _password_login, in_schema, rfc6238_code, staff_client

PASSWORD = "operator-kuat-2026"


def test_operator_with_totp_enters_the_console(operator_client, alpha):
    response = operator_client.get("/console/regencies/regency/")

    assert response.status_code == 200
    assert alpha.name in response.text
    assert "alpha.localhost" in response.text


def test_password_alone_does_not_open_the_console_when_mfa_is_required(db):
    _operator(with_totp=False)
    client = Client(HTTP_HOST="localhost")
    _password_login(client)

    response = client.get("/console/", follow=True)

    final = response.redirect_chain[-1][0]
    # Sent to enrol TOTP (allauth may first ask to confirm the password).
    assert final.startswith(("/accounts/2fa/totp/activate/", "/accounts/reauthenticate/"))
    assert "2fa/totp/activate" in final.replace("%2F", "/")


def test_a_wrong_totp_code_keeps_the_operator_out(db):
    _operator(with_totp=True)
    client = Client(HTTP_HOST="localhost")
    first = _password_login(client)

    client.post(
        first["Location"], {"code": "000000" if rfc6238_code(SECRET) != "000000" else "111111"}
    )

    assert client.get("/console/").status_code == 302


@override_settings(OPERATOR_MFA_REQUIRED=False)
def test_the_local_demo_may_let_an_operator_in_without_totp(db):
    _operator(with_totp=False)
    client = Client(HTTP_HOST="localhost")
    _password_login(client)

    assert client.get("/console/").status_code == 200


def test_non_staff_and_regency_users_never_reach_the_console(alpha):
    _operator(with_totp=False, staff=False)
    client = Client(HTTP_HOST="localhost")
    _password_login(client)
    assert client.get("/console/").status_code == 302

    regency_admin = staff_client(alpha, "admin@alpha.test", password=PASSWORD, superuser=True)
    assert regency_admin.get("/console/").status_code == 404
    platform = Client(HTTP_HOST="localhost")
    assert (
        platform.post(
            "/accounts/login/", {"login": "admin@alpha.test", "password": PASSWORD}
        ).status_code
        == 200
    )
    assert platform.get("/console/").status_code == 302


def test_operator_suspends_and_reactivates_with_an_audit_trail(operator_client, alpha):
    url = f"/console/regencies/regency/{alpha.pk}/"

    operator_client.post(f"{url}suspend/", {"reason": "Tunggakan"})
    assert Regency.objects.get(pk=alpha.pk).status == "suspended"
    assert Client(HTTP_HOST="alpha.localhost").get("/").status_code == 503

    operator_client.post(f"{url}reactivate/")
    assert Regency.objects.get(pk=alpha.pk).status == "active"

    entries = list(
        AuditEntry.objects.filter(regency=alpha).order_by("id").values_list("action", "actor_email")
    )
    assert entries[-2:] == [
        ("regency.suspend", "operator@satupintu.test"),
        ("regency.reactivate", "operator@satupintu.test"),
    ]
    page = operator_client.get(f"{url}change/")
    assert "regency.suspend" in page.text
    assert "Tunggakan" in page.text


def test_suspend_without_a_reason_is_refused(operator_client, alpha):
    operator_client.post(f"/console/regencies/regency/{alpha.pk}/suspend/", {"reason": ""})

    assert Regency.objects.get(pk=alpha.pk).status == "active"


def test_operator_adds_a_custom_domain_that_routes_and_syncs_the_wagtail_site(
    operator_client, alpha
):
    from wagtail.models import Site

    url = f"/console/regencies/regency/{alpha.pk}/"
    operator_client.post(
        f"{url}domains/add/", {"hostname": "mpp.okutimurkab.go.id", "make_primary": "on"}
    )

    assert Domain.objects.get(domain="mpp.okutimurkab.go.id").is_primary
    assert Domain.objects.filter(tenant=alpha, is_primary=True).count() == 1
    assert Client(HTTP_HOST="mpp.okutimurkab.go.id").get("/").status_code == 200
    with in_schema(alpha):
        assert Site.objects.get(is_default_site=True).hostname == "mpp.okutimurkab.go.id"

    domain = Domain.objects.get(domain="mpp.okutimurkab.go.id")
    operator_client.post(f"{url}domains/{domain.pk}/remove/")

    assert not Domain.objects.filter(domain="mpp.okutimurkab.go.id").exists()
    assert Client(HTTP_HOST="mpp.okutimurkab.go.id").get("/").status_code == 404
    assert Domain.objects.get(tenant=alpha, is_primary=True).domain == "alpha.localhost"
    with in_schema(alpha):
        assert Site.objects.get(is_default_site=True).hostname == "alpha.localhost"
    actions = list(AuditEntry.objects.filter(regency=alpha).values_list("action", flat=True))
    assert "domain.add" in actions
    assert "domain.remove" in actions


def test_a_bad_or_taken_domain_is_refused_with_a_message(operator_client, alpha, beta):
    url = f"/console/regencies/regency/{alpha.pk}/"

    bad = operator_client.post(f"{url}domains/add/", {"hostname": "bukan domain"}, follow=True)
    taken = operator_client.post(f"{url}domains/add/", {"hostname": "beta.localhost"}, follow=True)

    assert "tidak valid" in bad.text
    assert "subdomain" in taken.text
    assert Domain.objects.filter(tenant=alpha).count() == 1


def test_the_subdomain_cannot_be_removed(operator_client, alpha):
    domain = Domain.objects.get(tenant=alpha)

    response = operator_client.post(
        f"/console/regencies/regency/{alpha.pk}/domains/{domain.pk}/remove/", follow=True
    )

    assert "tidak dapat dihapus" in response.text
    assert Domain.objects.filter(pk=domain.pk).exists()


def test_operator_creates_a_regency_from_the_console(operator_client):
    response = operator_client.post(
        "/console/regencies/regency/add/",
        {"code": "74.13", "subdomain": "munabarat", "brand_name": "MPP MB"},
    )

    regency = Regency.objects.get(code="74.13")
    assert response.status_code == 302
    assert regency.status == "active"
    assert AuditEntry.objects.filter(
        regency=regency, actor_email="operator@satupintu.test"
    ).exists()


def test_console_create_form_shows_every_problem(operator_client):
    response = operator_client.post(
        "/console/regencies/regency/add/", {"code": "99.99", "subdomain": "www"}
    )

    assert response.status_code == 200
    assert "tidak ada di data wilayah" in response.text
    assert "dicadangkan" in response.text
    assert not Regency.objects.filter(code="99.99").exists()


@pytest.mark.parametrize("object_id", ["abc", "999999", "1%20OR%201"])
def test_an_unknown_or_malformed_regency_id_is_not_found(operator_client, object_id):
    response = operator_client.get(f"/console/regencies/regency/{object_id}/change/")

    assert response.status_code == 404
