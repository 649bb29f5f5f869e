"""Isolation of tenant-side features between the two test regencies: citizen pages and the page
cache, billing pages and banners in the admin, the billing and page-view tasks, the search
vocabulary cache, Wagtail documents, and provisioning a third regency next to them.

Alpha's pages, cache entries, files and counts are always produced first, so that a leak would
be there to be seen at beta.
"""

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from billing.actions import subscription_start_for_regency
from billing.models import BillingState, PageViews, Plan, Subscription
from tests.conftest import host_of, in_schema, staff_client
from tests.stripe_fake import event, sign

PASSWORD = "kata-sandi-123"


def _client(regency) -> Client:
    return Client(HTTP_HOST=host_of(regency))


# --- citizen pages ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "alpha_text"),
    [
        ("/lokasi/gedung-mpp/", "Jl. Merdeka No. 1"),
        ("/berita/buka-sabtu/", "Kini MPP Alpha juga melayani pada hari Sabtu."),
        ("/berita/pemadaman/", "Layanan terganggu."),
        ("/tanya-jawab/", "Apakah layanan KTP-el berbayar?"),
        ("/profil/", "MPP Alpha dibuka tahun 2020."),
        ("/en/profil/", "MPP Alpha dibuka tahun 2020."),
    ],
)
def test_alpha_only_pages_are_not_found_at_beta_even_once_cached(alpha, beta, path, alpha_text):
    first = _client(alpha).get(path)
    second = _client(alpha).get(path)
    other = _client(beta).get(path)

    assert first.status_code == 200
    assert alpha_text in first.text
    assert second["X-Portal-Cache"] == "hit"  # alpha's page is in the cache ...
    assert other.status_code == 404  # ... and beta's portal still does not have it
    assert alpha_text not in other.content.decode()


@pytest.mark.parametrize(
    ("path", "alpha_only", "beta_text"),
    [
        (
            "/",
            ["Pengumuman penting", "Pemadaman listrik", "MPP Alpha buka Sabtu"],
            "MPP Beta",
        ),
        (
            "/maklumat-pelayanan/",
            ["Bupati Alpha", "Kami sanggup melayani sesuai standar pelayanan."],
            "Maklumat pelayanan belum diterbitkan.",
        ),
        ("/berita/", ["MPP Alpha buka Sabtu", "Pemadaman listrik"], "MPP Beta"),
    ],
)
def test_pages_both_regencies_have_show_beta_none_of_alphas_notices_news_or_pledge(
    alpha, beta, path, alpha_only, beta_text, pinned_clock
):
    alpha_page = _client(alpha).get(path)
    beta_page = _client(beta).get(path)

    assert (alpha_page.status_code, beta_page.status_code) == (200, 200)
    for text in alpha_only:
        assert text in alpha_page.text, text
        assert text not in beta_page.text, text
    assert beta_text in beta_page.text


# --- billing in the admin and the billing tasks (fake_stripe: tests/conftest.py) ------------------


def _post_event(payload: dict) -> dict:
    body = json.dumps(payload).encode()
    response = Client(HTTP_HOST="localhost").post(
        "/billing/stripe/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body),
    )
    assert response.status_code == 200
    return response.json()


def _subscribe(regency, plan_code: str) -> Subscription:
    return subscription_start_for_regency(
        regency, plan=Plan.objects.get(code=plan_code), email=f"admin@{regency.code}.test"
    )


def _fall_past_due(fake_stripe, subscription: Subscription) -> dict:
    invoice = fake_stripe.add_invoice(subscription.stripe_subscription_id, status="open")
    outcome = _post_event(event("invoice.payment_failed", invoice))
    assert outcome["outcome"] == "invoice: subscription past_due"
    return invoice


@pytest.fixture
def alpha_past_due(fake_stripe, alpha, beta):
    """Alpha (Dasar) past due on an unpaid invoice; beta (Standar) in its trial with an invoice."""
    alpha_sub = _subscribe(alpha, "dasar")
    beta_sub = _subscribe(beta, "standar")
    alpha_invoice = _fall_past_due(fake_stripe, alpha_sub)
    beta_invoice = fake_stripe.add_invoice(beta_sub.stripe_subscription_id, status="draft")
    assert Subscription.objects.get(pk=alpha_sub.pk).state == BillingState.PAST_DUE
    assert Subscription.objects.get(pk=beta_sub.pk).state == BillingState.TRIALING
    return alpha_invoice, beta_invoice


def test_a_past_due_regencys_banner_and_billing_data_stay_in_its_own_admin(
    alpha, beta, alpha_past_due
):
    alpha_invoice, beta_invoice = alpha_past_due
    alpha_admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    beta_admin = staff_client(beta, "admin@beta.test", group="Admin MPP")

    alpha_dashboard = alpha_admin.get("/admin/")
    beta_dashboard = beta_admin.get("/admin/")
    beta_billing = beta_admin.get("/admin/paket/")
    beta_services = beta_admin.get("/admin/snippets/tenants_app/service/")

    assert "Tagihan langganan SatuPintu belum dibayar" in alpha_dashboard.text
    assert beta_dashboard.status_code == 200
    for page in (beta_dashboard, beta_billing, beta_services):
        assert "belum dibayar" not in page.text
        assert "ditangguhkan" not in page.text
    assert beta_billing.status_code == 200
    assert beta_billing.context["subscription"].regency_id == beta.pk
    assert beta_billing.context["days_left"] is None
    assert [i["id"] for i in beta_billing.context["invoices"]] == [beta_invoice["id"]]
    assert alpha_invoice["id"] not in beta_billing.text
    assert "Paket <strong>Standar</strong>" in beta_billing.text
    assert "Sisa masa tenggang" not in beta_billing.text
    assert {row["label"]: row["used"] for row in beta_billing.context["usage"]} == {
        "lokasi": 1,
        "instansi": 1,
        "loket": 1,
    }


def test_the_grace_check_task_suspends_only_the_regency_past_its_grace_period(
    fake_stripe, alpha, beta
):
    from billing.tasks import grace_check

    alpha_sub = _subscribe(alpha, "dasar")
    beta_sub = _subscribe(beta, "standar")
    _fall_past_due(fake_stripe, alpha_sub)
    _fall_past_due(fake_stripe, beta_sub)
    now = timezone.now()
    Subscription.objects.filter(pk=alpha_sub.pk).update(past_due_since=now - timedelta(days=15))
    Subscription.objects.filter(pk=beta_sub.pk).update(past_due_since=now - timedelta(days=2))
    assert _client(beta).get("/").status_code == 200  # beta's host and page are cached

    suspended = grace_check.delay().get()

    assert suspended == ["16.08"]
    assert Subscription.objects.get(pk=alpha_sub.pk).state == BillingState.SUSPENDED
    assert Subscription.objects.get(pk=beta_sub.pk).state == BillingState.PAST_DUE
    assert _client(alpha).get("/").status_code == 503
    assert _client(beta).get("/").status_code == 200
    assert _client(beta).get("/layanan/pendaftaran-jkn/").status_code == 200


def test_page_views_are_counted_and_flushed_per_regency(alpha, beta, time_machine):
    from satupintu.fanout import fanout_run

    alpha_paths = ["/", "/", "/layanan/", "/layanan/skck/"]  # misses and cache hits alike
    beta_paths = ["/", "/layanan/"]
    for path in alpha_paths:
        assert _client(alpha).get(path).status_code == 200
    for path in beta_paths:
        assert _client(beta).get(path).status_code == 200
    assert _client(beta).get("/layanan/skck/").status_code == 404  # alpha's page: not a view
    # Each regency counts on its own date: alpha is on WIB, beta (Paser) on WITA, a day apart
    # between 23.00 and 24.00 WIB.
    alpha_today, beta_today = (
        timezone.localdate(timezone=ZoneInfo(r.time_zone)) for r in (alpha, beta)
    )

    time_machine.move_to(timezone.now() + timedelta(days=1))

    moved = fanout_run("billing.page_views_flush")

    assert moved[alpha.schema_name] == 1
    assert moved[beta.schema_name] == 1
    rows = PageViews.objects.filter(regency__in=[alpha, beta]).values_list(
        "regency__code", "day", "views"
    )
    assert sorted(rows) == [("16.08", alpha_today, 4), ("64.01", beta_today, 2)]
    again = fanout_run("billing.page_views_flush")
    assert again[alpha.schema_name] == 0
    assert again[beta.schema_name] == 0


# --- the search vocabulary cache ------------------------------------------------------------------
def test_a_regencys_search_vocabulary_never_corrects_another_regencys_queries(alpha, beta):
    """ "kesehatn" is closest to "sehat" in alpha's words (SIM A's health certificate) and to
    "kesehatan" in beta's (BPJS Kesehatan); with alpha's vocabulary beta would find nothing."""
    from catalogue.actions import portal_cache_version
    from catalogue.selectors import search_vocabulary

    alpha_search = _client(alpha).get("/layanan/?q=kesehatn")
    with in_schema(alpha):
        assert cache.get(f"search-vocabulary:{portal_cache_version()}") is not None
    beta_search = _client(beta).get("/layanan/?q=kesehatn")

    assert "1 layanan ditemukan" in alpha_search.text
    assert "Penerbitan SIM A Baru" in alpha_search.text
    assert "1 layanan ditemukan" in beta_search.text
    assert "Pendaftaran Peserta JKN" in beta_search.text
    assert "Penerbitan SIM A Baru" not in beta_search.text
    with in_schema(beta):
        words = search_vocabulary()
    assert "kesehatan" in words
    assert {"sehat", "psikologi", "polres", "alpha"} & words == set()


# --- documents ------------------------------------------------------------------------------------
def test_a_document_of_one_regency_is_not_served_at_another(alpha, beta):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    with in_schema(alpha):
        document = Document.objects.create(
            title="Surat Edaran Alpha",
            file=ContentFile(b"isi surat edaran alpha", name="surat-edaran-alpha.txt"),
        )
        url = document.url
        name = document.file.name
    try:
        own = _client(alpha).get(url)
        other = _client(beta).get(url)

        assert url == f"/documents/{document.pk}/surat-edaran-alpha.txt"
        assert own.status_code == 200
        assert b"".join(own.streaming_content) == b"isi surat edaran alpha"
        assert other.status_code == 404
        assert b"isi surat edaran alpha" not in other.content
        with in_schema(beta):
            assert not Document.objects.filter(pk=document.pk).exists()
            assert default_storage.exists(name) is False
    finally:
        with in_schema(alpha):
            default_storage.delete(name)


# --- provisioning next to existing regencies ------------------------------------------------------
def _snapshot(regency) -> dict:
    from catalogue.models import Agency, Location, Service
    from cms.models import Branding

    with in_schema(regency):
        return {
            "services": sorted(Service.objects.values_list("key", "name")),
            "agencies": sorted(Agency.objects.values_list("key", flat=True)),
            "locations": sorted(Location.objects.values_list("key", flat=True)),
            "branding": list(
                Branding.objects.values_list(
                    "site__hostname", "brand_name", "primary_color", "accent_color"
                )
            ),
            "users": sorted(User.objects.values_list("email", flat=True)),
        }


def test_provisioning_a_new_regency_leaves_the_existing_ones_as_they_were(
    alpha, beta, django_capture_on_commit_callbacks
):
    from django_tenants.utils import schema_context

    from catalogue.models import Service
    from onboarding.library import seed_templates_ensure, template_latest_version
    from onboarding.models import JobStatus, ProvisioningJob, Template
    from onboarding.provisioning import ProvisioningSpec, provisioning_start
    from regencies.actions import RegencyRequest

    seed_templates_ensure()
    before = {r.code: _snapshot(r) for r in (alpha, beta)}
    assert _client(alpha).get("/").status_code == 200  # alpha's page is in the cache
    connection.set_schema_to_public()  # the in-process request left alpha's schema set
    version = template_latest_version(template=Template.objects.get(slug="model-soppeng"))

    with django_capture_on_commit_callbacks(execute=True):  # the task runs on commit
        job = provisioning_start(
            request=RegencyRequest(
                code="74.13", subdomain="munabarat", brand_name="MPP Muna Barat"
            ),
            spec=ProvisioningSpec(
                admin_email="admin@munabarat.test",
                brand_name="MPP Muna Barat",
                primary_color="#123456",
                template_version_id=version.pk,
            ),
        )

    finished = ProvisioningJob.objects.get(pk=job.pk)
    assert finished.status == JobStatus.DONE, (finished.error, finished.regency.status_reason)
    with schema_context(job.regency.schema_name):
        assert Service.objects.count() == len(version.document["services"])
    assert {r.code: _snapshot(r) for r in (alpha, beta)} == before
    alpha_home = _client(alpha).get("/")
    beta_home = _client(beta).get("/")
    new_home = Client(HTTP_HOST="munabarat.localhost").get("/")
    assert new_home.status_code == 200
    assert "MPP Muna Barat" in new_home.text
    assert "MPP Alpha" not in new_home.text
    assert "MPP Beta" not in new_home.text
    for home, name in ((alpha_home, "MPP Alpha"), (beta_home, "MPP Beta")):
        assert home.status_code == 200
        assert name in home.text
        assert "Muna Barat" not in home.text
        assert "#123456" not in home.text
