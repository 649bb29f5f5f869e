"""A portal that is not serving: suspended by an operator, blocked for an unpaid subscription, or
archived. Citizens get a notice in Indonesian (English only under /en/) that still tells them where
and when the MPP serves in person; the regency's admins can still sign in and pay."""

import pytest
from django.core.cache import cache
from django.test import Client

from billing.actions import plans_ensure
from billing.models import BillingState, Plan, Subscription
from regencies.actions import regency_suspend
from regencies.models import Regency, RegencyStatus
from tests.conftest import host_of, in_schema, staff_client

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def suspended(alpha):
    return regency_suspend(regency=alpha, actor=None, reason="kontrak ditinjau")


def _billing_blocked(regency: Regency, state: str = BillingState.SUSPENDED) -> None:
    plans_ensure()
    Subscription.objects.create(regency=regency, plan=Plan.objects.get(code="dasar"), state=state)
    cache.clear()  # the host lookup carries the billing state


def test_the_suspension_notice_is_indonesian_for_an_english_browser_and_says_where_to_go(
    suspended, pinned_clock
):
    page = Client(HTTP_HOST=host_of(suspended), **ENGLISH_BROWSER).get("/layanan/")

    assert page.status_code == 503
    assert page["Retry-After"] == "3600"
    assert '<html lang="id">' in page.text
    assert "Layanan portal sementara dihentikan" in page.text
    assert "Tetap dilayani di gedung MPP" in page.text
    assert "Gedung MPP Alpha" in page.text
    assert "Jl. Merdeka No. 1" in page.text
    assert '<a href="tel:0735123456">0735 123456</a>' in page.text  # the portal's phone
    assert "Buka sekarang, sampai pukul 12.00" in page.text
    assert "Senin, 23 Nov" in page.text
    assert "Minggu, 29 Nov" in page.text


def test_the_suspension_notice_is_english_under_en(suspended, pinned_clock):
    page = Client(HTTP_HOST=host_of(suspended)).get("/en/")

    assert page.status_code == 503
    assert '<html lang="en">' in page.text
    assert "Portal temporarily unavailable" in page.text
    assert "Still served at the MPP building" in page.text
    assert "Open now, until 12.00" in page.text
    assert "Gedung MPP Alpha" in page.text


def test_the_notice_without_a_readable_catalogue_still_answers(suspended, monkeypatch):
    def unreadable(**kwargs):
        raise RuntimeError("schema unreadable")

    monkeypatch.setattr("cms.selectors.visit_context", unreadable)

    page = Client(HTTP_HOST=host_of(suspended)).get("/")

    assert page.status_code == 503
    assert "Layanan portal sementara dihentikan" in page.text
    assert "Tetap dilayani" not in page.text


def test_a_suspended_regencys_admin_signs_in_and_reaches_only_the_billing_page(suspended):
    admin = staff_client(suspended, "admin@alpha.test", superuser=True)

    home = admin.get("/admin/")
    billing = admin.get("/admin/paket/")
    snippets = admin.get("/admin/snippets/tenants_app/location/")
    write = admin.post(
        "/admin/snippets/tenants_app/location/add/", {"name": "Gerai baru", "key": "baru"}
    )
    citizens = admin.get("/")

    assert (home.status_code, home["Location"]) == (302, "/admin/paket/")
    assert billing.status_code == 200
    assert "ditangguhkan oleh operator SatuPintu" in billing.text
    assert (snippets.status_code, snippets["Location"]) == (302, "/admin/paket/")
    assert (write.status_code, write["Location"]) == (302, "/admin/paket/")
    with in_schema(suspended):
        from catalogue.models import Location

        assert not Location.objects.filter(key="baru").exists()
    assert citizens.status_code == 503


def test_a_suspended_regencys_sign_in_page_and_password_reset_answer(suspended):
    client = Client(HTTP_HOST=host_of(suspended))

    admin_login = client.get("/admin/login/")
    assert admin_login.status_code == 302
    assert admin_login["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/accounts/password/reset/").status_code == 200
    assert client.get("/en/accounts/login/").status_code == 200
    anonymous_billing = client.get("/admin/paket/")
    assert anonymous_billing.status_code == 302
    assert anonymous_billing["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/signup/").status_code == 503  # citizens' accounts are closed


def test_an_unpaid_portal_shows_citizens_the_mpp_and_keeps_the_whole_admin(alpha, pinned_clock):
    _billing_blocked(alpha)
    admin = staff_client(alpha, "admin@alpha.test", superuser=True)

    notice = Client(HTTP_HOST=host_of(alpha), **ENGLISH_BROWSER).get("/")
    snippets = admin.get("/admin/snippets/tenants_app/location/")

    assert notice.status_code == 503
    assert "administrasi langganan" in notice.text
    assert "Gedung MPP Alpha" in notice.text
    assert "Buka sekarang" in notice.text
    assert snippets.status_code == 200  # paying is all that is missing; the data stays theirs
    assert "ditangguhkan oleh operator" not in snippets.text


def test_an_archived_portal_is_closed_to_citizens_and_staff(alpha):
    Regency.objects.filter(pk=alpha.pk).update(status=RegencyStatus.ARCHIVED)
    cache.clear()
    client = Client(HTTP_HOST=host_of(alpha))

    assert client.get("/").status_code == 503
    assert client.get("/admin/login/").status_code == 503
    assert "Masuk ke admin" not in client.get("/").text


def test_suspending_alpha_keeps_beta_and_its_admin_open(suspended, beta):
    admin = staff_client(beta, "admin@beta.test", superuser=True)

    assert Client(HTTP_HOST=host_of(beta)).get("/").status_code == 200
    assert admin.get("/admin/").status_code == 200
    assert admin.get("/admin/snippets/tenants_app/location/").status_code == 200
