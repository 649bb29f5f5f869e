"""Links in the e-mails we send point at the configured address of the site (the regency's primary
domain, the platform's base domain), whatever Host header, port or alias the request came with."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client, override_settings

from regencies.models import Domain, DomainKind
from tests.conftest import in_schema, staff_user

FORGED_PORT = "alpha.localhost:6666"


def _links(message) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


@pytest.fixture
def alpha_admin(alpha):
    return staff_user(alpha, "admin@alpha.test", superuser=True)


@pytest.fixture
def alpha_alias(alpha):
    """A second, non-primary host of alpha's portal."""
    return Domain.objects.create(
        tenant=alpha, domain="mpp.alpha-kab.test", is_primary=False, kind=DomainKind.CUSTOM
    )


def test_the_admin_has_no_password_reset_of_its_own(alpha_admin):
    """Staff reset their password through the one sign-in path (allauth's, below): Wagtail's own
    reset form, which built its link from WAGTAILADMIN_BASE_URL, is switched off."""
    response = Client(HTTP_HOST=FORGED_PORT).post(
        "/admin/password_reset/", {"email": "admin@alpha.test"}
    )

    assert response.status_code in (302, 404)
    assert mail.outbox == []


def test_the_password_reset_link_follows_the_configured_scheme_and_port(alpha_admin):
    with override_settings(PLATFORM_URL_SCHEME="https", PLATFORM_PORT="8443"):
        Client(HTTP_HOST=FORGED_PORT).post(
            "/accounts/password/reset/", {"email": "admin@alpha.test"}
        )

    (link,) = _links(mail.outbox[0])
    assert link.startswith("https://alpha.localhost:8443/accounts/password/reset/key/")


@pytest.mark.parametrize("host", [FORGED_PORT, "mpp.alpha-kab.test"])
def test_the_portal_account_password_reset_links_to_the_primary_domain(
    alpha_admin, alpha_alias, host
):
    response = Client(HTTP_HOST=host).post(
        "/accounts/password/reset/", {"email": "admin@alpha.test"}
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    (link,) = _links(message)
    assert link.startswith("http://alpha.localhost/accounts/password/reset/key/")
    assert "6666" not in message.body
    assert "mpp.alpha-kab.test" not in message.body + message.subject
    assert "MPP Alpha" in message.subject


def test_an_unknown_address_at_a_forged_host_gets_the_configured_sign_up_link(alpha):
    Client(HTTP_HOST=FORGED_PORT).post("/accounts/password/reset/", {"email": "siapa@contoh.id"})

    (message,) = mail.outbox
    assert _links(message) == ["http://alpha.localhost/accounts/signup/"]


def test_the_platform_sign_up_confirmation_links_to_the_platform_domain(db):
    with override_settings(PLATFORM_PORT="8000"):
        response = Client(HTTP_HOST="localhost:6666").post(
            "/accounts/signup/",
            {
                "email": "kadis@contoh.go.id",
                "password1": "Kata-sandi-2026#aman",
                "password2": "Kata-sandi-2026#aman",
            },
        )

    assert response.status_code == 302
    (message,) = mail.outbox
    (link,) = _links(message)
    assert link.startswith("http://localhost:8000/accounts/confirm-email/")
    assert "6666" not in message.body + message.subject


def test_the_resent_confirmation_of_a_regency_account_names_the_regency(alpha):
    with in_schema(alpha):
        from accounts.models import User

        user = User.objects.create_user(email="warga@contoh.id", password="kata-sandi-123")
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client = Client(HTTP_HOST=FORGED_PORT)

    client.post("/accounts/login/", {"login": "warga@contoh.id", "password": "kata-sandi-123"})

    (message,) = mail.outbox
    (link,) = _links(message)
    assert link.startswith("http://alpha.localhost/accounts/confirm-email/")
    assert "MPP Alpha" in message.subject
