"""The Content Security Policy is enforced, and neither the citizen pages nor the Wagtail admin
break under it: the browser reports no CSP violation while they load and are used."""

import pytest

from tests.conftest import in_schema
from tests.e2e.conftest import portal_url

PASSWORD = "kata-sandi-admin-2026"


def _violations(page) -> list[str]:
    """Collect the console messages in which the browser reports a blocked resource or script."""
    messages: list[str] = []

    def collect(message) -> None:
        if "Content Security Policy" in message.text:
            messages.append(message.text)

    page.on("console", collect)
    return messages


@pytest.mark.django_db(transaction=True)
def test_citizen_pages_load_without_csp_violations(live_server, alpha, page):
    violations = _violations(page)

    for path in ("/", "/layanan/?q=ktp", "/layanan/sim-a-baru/", "/lokasi/gedung-mpp/", "/en/"):
        response = page.goto(portal_url(live_server, "alpha", path))
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")

    assert violations == []


@pytest.mark.django_db(transaction=True)
def test_the_print_button_script_runs_under_the_policy(live_server, alpha, page):
    violations = _violations(page)

    page.goto(portal_url(live_server, "alpha", "/layanan/sim-a-baru/"))

    assert page.locator("[data-print]").is_visible()  # shown by the external script
    assert violations == []


@pytest.mark.django_db(transaction=True)
def test_the_wagtail_admin_works_under_the_policy(live_server, alpha, page, regency_staff):
    regency_staff(alpha, "admin@alpha.test", password=PASSWORD, superuser=True)
    violations = _violations(page)

    page.goto(portal_url(live_server, "alpha", "/admin/login/"))
    page.fill("input[name=login]", "admin@alpha.test")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    for path in ("/admin/snippets/tenants_app/service/", "/admin/pages/", "/admin/katalog/impor/"):
        page.goto(portal_url(live_server, "alpha", path))
        page.wait_for_load_state("networkidle")
    page.goto(portal_url(live_server, "alpha", "/admin/snippets/tenants_app/service/"))
    page.click("text=Penerbitan SKCK")
    page.wait_for_load_state("networkidle")
    page.fill("#id_name", "Penerbitan SKCK (uji CSP)")
    page.click("button[type=submit]:has-text('Save'), button[type=submit]:has-text('Simpan')")
    page.wait_for_load_state("networkidle")

    with in_schema(alpha):
        from activity.models import ActivityEntry
        from catalogue.actions import service_search_refresh
        from catalogue.models import Service

        service = Service.objects.get(key="skck")
        # The main button saves a draft (ADR 0032): the rename is in the latest revision.
        renamed = service.get_latest_revision_as_object().name
        # The regency's schema outlives this test (a flush empties the public schema only).
        service.revisions.all().delete()
        Service.objects.filter(pk=service.pk).update(
            name="Penerbitan SKCK",
            latest_revision=None,
            live_revision=None,
            has_unpublished_changes=False,
            standard_draft={},
        )
        ActivityEntry.objects.filter(target_label__startswith="Penerbitan SKCK").delete()
        service_search_refresh(service_ids=[service.pk])
    assert violations == []
    assert renamed == "Penerbitan SKCK (uji CSP)"
