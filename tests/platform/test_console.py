"""The operators' console beyond the basics: dashboard, usage, subscription and invoices, retrying
provisioning, extending trials, and read-only impersonation with its audit trail."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from billing.actions import subscription_start_for_regency
from billing.models import Plan
from regencies.models import ImpersonationGrant
from tests.conftest import host_of, in_schema, staff_user


@pytest.fixture
def alpha_admin(alpha):
    return staff_user(alpha, "admin@alpha.test", password="kata-sandi-123", superuser=True)


def test_the_dashboard_shows_status_funnel_and_provisioning_times(operator_client, alpha, beta):
    page = operator_client.get("/console/")

    assert page.status_code == 200
    assert "Corong pendaftaran" in page.text
    assert "Waktu pembuatan portal" in page.text
    dashboard = page.context["dashboard"]
    assert dict(dashboard["regencies_by_status"])["Aktif"] == 2
    assert [key for key, _n in dashboard["funnel"]] == [
        "signed_up",
        "wizard_finished",
        "provisioned",
        "paying",
    ]


def test_the_regency_list_shows_plan_billing_state_usage_and_page_views(
    operator_client,
    fake_stripe,
    alpha,
):
    subscription_start_for_regency(alpha, plan=Plan.objects.get(code="standar"))
    visitor = Client(HTTP_HOST=host_of(alpha))
    for path in ("/", "/layanan/", "/layanan/skck/"):
        assert visitor.get(path).status_code == 200

    listing = operator_client.get("/console/regencies/regency/")

    assert listing.status_code == 200
    row = next(line for line in listing.text.split("<tr") if "Ogan Komering" in line)
    assert "Standar" in row
    assert "Uji coba" in row
    assert "5 / 4" in row  # services / counters in alpha's catalogue
    assert '<td class="field-page_views">3</td>' in row


def test_a_cold_regency_list_answers_within_its_budget_and_a_worker_fills_it(
    operator_client, alpha, beta, settings
):
    from django.core.cache import cache

    cache.clear()
    settings.CONSOLE_FIGURES_BUDGET_SECONDS = 0  # as if the budget were spent on earlier rows

    cold = operator_client.get("/console/regencies/regency/")
    warm = operator_client.get("/console/regencies/regency/")

    row = next(line for line in cold.text.split("<tr") if "Ogan Komering" in line)
    assert row.count("dihitung…") == 2  # usage and go-live progress, left to the worker
    row = next(line for line in warm.text.split("<tr") if "Ogan Komering" in line)
    assert "dihitung…" not in row  # the worker (in-process here) computed them
    assert "5 / 4" in row


def test_the_regency_page_shows_subscription_invoices_and_extends_a_trial(
    operator_client,
    fake_stripe,
    alpha,
):
    subscription = subscription_start_for_regency(alpha, plan=Plan.objects.get(code="dasar"))
    invoice = fake_stripe.add_invoice(subscription.stripe_subscription_id, status="open")
    url = f"/console/regencies/regency/{alpha.pk}/"

    page = operator_client.get(f"{url}change/")
    operator_client.post(f"{url}trial/", {"days": "21"})
    bad = operator_client.post(f"{url}trial/", {"days": "500"}, follow=True)

    assert invoice["id"] in page.text
    assert subscription.stripe_customer_id in page.text
    subscription.refresh_from_db()
    assert subscription.trial_ends_at > timezone.now() + timedelta(days=50)
    assert "1 sampai 90 hari" in bad.text
    assert (
        AuditEntry.objects.filter(
            regency=alpha, action="billing.trial_extend", actor_email="operator@satupintu.test"
        ).count()
        == 1
    )


def test_a_failed_provisioning_is_retried_from_the_regency_page(
    operator_client, django_capture_on_commit_callbacks
):
    from onboarding.library import seed_templates_ensure, template_latest_version
    from onboarding.models import JobStatus, Template
    from onboarding.provisioning import ProvisioningSpec, provisioning_run, provisioning_start
    from regencies.actions import RegencyRequest

    seed_templates_ensure()
    version = template_latest_version(template=Template.objects.get(slug="model-soppeng"))
    job = provisioning_start(
        request=RegencyRequest(code="74.13", subdomain="munabarat"),
        spec=ProvisioningSpec(
            admin_email="a@mb.id", template_version_id=version.pk, plan_code="tidak-ada"
        ),
        enqueue=False,
    )
    assert (
        provisioning_run(job_id=job.pk) == JobStatus.FAILED
    )  # no such plan: the billing step fails
    page = operator_client.get(f"/console/regencies/regency/{job.regency_id}/change/")
    assert "Mencatat paket dan langganan" in page.text
    assert "Ulangi" in page.text

    job.spec["plan_code"] = "standar"
    type(job).objects.filter(pk=job.pk).update(spec=job.spec)
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(f"/console/regencies/regency/{job.regency_id}/jobs/{job.pk}/retry/")

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert AuditEntry.objects.filter(
        action="provisioning.retry", actor_email="operator@satupintu.test"
    ).exists()


def _start_support(operator_client, regency, admin_email="admin@alpha.test"):
    response = operator_client.post(
        f"/console/regencies/regency/{regency.pk}/support/",
        {"admin_email": admin_email, "reason": "Tiket #42"},
    )
    assert response.status_code == 302
    return response["Location"]


def test_read_only_impersonation_is_time_limited_banner_shown_writes_refused_and_audited(
    operator_client,
    alpha,
    alpha_admin,
):
    link = _start_support(operator_client, alpha)
    assert link.startswith("http://alpha.localhost/admin/dukungan/")
    path = link.split("alpha.localhost", 1)[1]
    support = Client(HTTP_HOST=host_of(alpha))
    issued_only = AuditEntry.objects.filter(action__startswith="impersonation.").count()

    assert support.get(path).status_code == 302
    assert issued_only == 0  # a link that is only issued grants nothing yet
    dashboard = support.get("/admin/")
    refused = support.post(
        "/admin/snippets/tenants_app/location/add/", {"name": "Gerai ilegal", "key": "x"}
    )
    reused = Client(HTTP_HOST=host_of(alpha)).get(path)

    assert dashboard.status_code == 200
    assert "Akses dukungan baca saja" in dashboard.text
    assert "operator@satupintu.test" in dashboard.text
    assert refused.status_code == 403
    with in_schema(alpha):
        from catalogue.models import Location

        assert not Location.objects.filter(key="x").exists()
    assert reused.status_code == 403  # a link works once
    actions = list(AuditEntry.objects.filter(regency=alpha).values_list("action", flat=True))
    assert "impersonation.start" in actions
    assert "impersonation.write_refused" in actions
    start = AuditEntry.objects.get(regency=alpha, action="impersonation.start")
    assert (start.actor_email, start.detail["reason"], start.detail["admin"]) == (
        "operator@satupintu.test",
        "Tiket #42",
        "admin@alpha.test",
    )

    ImpersonationGrant.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    session = support.session
    session["satupintu_impersonation"] = {
        **session["satupintu_impersonation"],
        "expires_at": (timezone.now() - timedelta(seconds=1)).isoformat(),
    }
    session.save()
    expired = support.get("/admin/")

    assert expired.status_code == 302
    assert support.get("/admin/").status_code == 302  # signed out
    assert AuditEntry.objects.filter(regency=alpha, action="impersonation.end").exists()


def test_an_impersonation_link_works_only_at_its_own_regency_and_in_time(
    operator_client, alpha, beta, alpha_admin
):
    path = _start_support(operator_client, alpha).split("alpha.localhost", 1)[1]

    elsewhere = Client(HTTP_HOST=host_of(beta)).get(path)
    ImpersonationGrant.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    late = Client(HTTP_HOST=host_of(alpha)).get(path)

    assert elsewhere.status_code == 403
    assert late.status_code == 403
    assert "Tautan dukungan tidak berlaku" in late.text
    assert not AuditEntry.objects.filter(action="impersonation.start").exists()
    assert ImpersonationGrant.objects.get().used_at is None


def test_a_link_for_an_admin_no_longer_active_grants_nothing(operator_client, alpha, alpha_admin):
    path = _start_support(operator_client, alpha).split("alpha.localhost", 1)[1]
    with in_schema(alpha):
        User.objects.filter(pk=alpha_admin.pk).update(is_active=False)

    refused = Client(HTTP_HOST=host_of(alpha)).get(path)

    assert refused.status_code == 403
    assert not AuditEntry.objects.filter(action="impersonation.start").exists()
    assert ImpersonationGrant.objects.get().used_at is None


def test_the_console_page_lets_its_support_form_reach_that_regency_only(
    operator_client, alpha, beta, alpha_admin
):
    page = operator_client.get(f"/console/regencies/regency/{alpha.pk}/change/")

    form_action = next(
        d for d in page["Content-Security-Policy"].split("; ") if d.startswith("form-action")
    )
    assert form_action.split() == [
        "form-action",
        "'self'",
        "https://checkout.stripe.com",
        "https://billing.stripe.com",
        "http://alpha.localhost",
    ]


def test_impersonation_needs_a_reason_and_a_real_admin(operator_client, alpha, alpha_admin):
    url = f"/console/regencies/regency/{alpha.pk}/support/"

    no_reason = operator_client.post(
        url, {"admin_email": "admin@alpha.test", "reason": " "}, follow=True
    )
    not_admin = operator_client.post(
        url, {"admin_email": "warga@contoh.id", "reason": "x"}, follow=True
    )

    assert "alasan" in no_reason.text
    assert "bukan admin" in not_admin.text
    assert not ImpersonationGrant.objects.exists()


def test_citizens_and_regency_admins_never_reach_the_console(alpha, alpha_admin):
    with in_schema(alpha):
        citizen = User.objects.create_user(email="warga@contoh.id", password="kata-sandi-123")
        EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    for email in ("warga@contoh.id", "admin@alpha.test"):
        at_portal = Client(HTTP_HOST=host_of(alpha))
        at_portal.post("/accounts/login/", {"login": email, "password": "kata-sandi-123"})
        assert at_portal.get("/console/").status_code == 404
        at_platform = Client(HTTP_HOST="localhost")
        at_platform.post("/accounts/login/", {"login": email, "password": "kata-sandi-123"})
        assert at_platform.get("/console/regencies/regency/").status_code == 302
