"""A fee edited as a draft in a regency's admin, in a real browser: not public until published,
then public, then reverted to the earlier revision (ADR 0032)."""

import os
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision

from activity.models import ActivityEntry
from catalogue.actions import service_search_refresh
from catalogue.models import Service, ServiceStandard
from staff.roles import ROLE_REGENCY_ADMIN
from tests.conftest import in_schema
from tests.e2e.conftest import portal_url, staff_sign_in, submit_by

SHOTS = os.environ.get("SHOTS_DIR", "")
ADMIN = "admin@alpha.test"


@pytest.fixture
def skck(alpha):
    """SKCK as the demo catalogue has it, restored after the test (the schema outlives it)."""
    with in_schema(alpha):
        service = Service.objects.get(key="skck")
        standard_id = service.current_standard_id
        versions = list(service.standards.values_list("pk", flat=True))
    yield service
    with in_schema(alpha):
        Service.objects.filter(pk=service.pk).update(
            current_standard_id=standard_id,
            live_revision=None,
            latest_revision=None,
            has_unpublished_changes=False,
            standard_draft={},
        )
        ServiceStandard.objects.filter(service=service).exclude(pk__in=versions).delete()
        content_type = ContentType.objects.get_for_model(Service)
        Revision.objects.filter(base_content_type=content_type, object_id=str(service.pk)).delete()
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(service.pk)).delete()
        ActivityEntry.objects.filter(verb__startswith="service").delete()
        service_search_refresh(service_ids=[service.pk])


DRAFT = 'button[type="submit"].action-save:not([name])'
PUBLISH = 'button[type="submit"][name="action-publish"]'


def _fee_on_portal(page, live_server) -> str:
    page.goto(portal_url(live_server, "alpha", "/layanan/skck/"))
    return page.text_content("main") or ""


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_a_draft_fee_is_public_only_once_published_and_can_be_reverted(
    alpha, live_server, browser, regency_staff, skck
):
    regency_staff(alpha, ADMIN, group=ROLE_REGENCY_ADMIN)
    context = browser.new_context(viewport={"width": 1366, "height": 1700}, locale="id-ID")
    admin = context.new_page()
    citizen = context.new_page()
    edit = f"/admin/snippets/tenants_app/service/edit/{skck.pk}/"
    try:
        staff_sign_in(admin, live_server, "alpha", ADMIN, edit)

        admin.fill("#id_fee_amount", "45000")
        submit_by(admin, DRAFT)
        admin.goto(portal_url(live_server, "alpha", "/admin/"))
        assert "1 draf katalog menunggu diterbitkan" in admin.text_content("main")
        _shot(admin, "dashboard-1366.png")
        admin.set_viewport_size({"width": 360, "height": 1600})
        _shot(admin, "dashboard-360.png")
        admin.set_viewport_size({"width": 1366, "height": 1700})
        admin.goto(portal_url(live_server, "alpha", edit))
        assert admin.input_value("#id_fee_amount") == "45000"
        _shot(admin, "service-draft-1366.png")
        admin.set_viewport_size({"width": 360, "height": 2400})
        _shot(admin, "service-draft-360.png")
        admin.set_viewport_size({"width": 1366, "height": 1700})
        portal = _fee_on_portal(citizen, live_server)
        assert "Rp30.000" in portal
        assert "Rp45.000" not in portal

        submit_by(admin, PUBLISH)
        portal = _fee_on_portal(citizen, live_server)
        assert "Rp45.000" in portal
        assert "Rp30.000" not in portal

        with in_schema(alpha):
            first, latest = Service.objects.get(pk=skck.pk).revisions.order_by("id")[:2]
        admin.goto(
            portal_url(
                live_server,
                "alpha",
                reverse(
                    "wagtailsnippets_tenants_app_service:revisions_compare",
                    args=[skck.pk, first.pk, latest.pk],
                ),
            )
        )
        assert "45000" in admin.text_content("main")
        _shot(admin, "service-compare-1366.png")
        admin.set_viewport_size({"width": 360, "height": 2400})
        _shot(admin, "service-compare-360.png")
        admin.set_viewport_size({"width": 1366, "height": 1700})

        admin.goto(
            portal_url(
                live_server,
                "alpha",
                reverse(
                    "wagtailsnippets_tenants_app_service:revisions_revert",
                    args=[skck.pk, first.pk],
                ),
            )
        )
        assert admin.input_value("#id_fee_amount") == "30000"
        submit_by(admin, PUBLISH)
        portal = _fee_on_portal(citizen, live_server)
        assert "Rp30.000" in portal
        assert "Rp45.000" not in portal
        with in_schema(alpha):
            assert ActivityEntry.objects.filter(verb="service.publish").count() == 2
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_a_clerk_finds_a_service_from_the_admins_search(alpha, live_server, browser, regency_staff):
    """The dashboard's search box, then the catalogue's "Layanan" area, then the service's form."""
    regency_staff(alpha, ADMIN, group=ROLE_REGENCY_ADMIN)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    admin = context.new_page()
    try:
        staff_sign_in(admin, live_server, "alpha", ADMIN, "/admin/")

        admin.fill("main input[name=q]", "skck")
        with admin.expect_navigation():
            admin.press("main input[name=q]", "Enter")
        _shot(admin, "admin-search-1366.png")
        with admin.expect_navigation():
            admin.click('a[href="/admin/snippets/tenants_app/service/?q=skck"]')
        listing = admin.text_content("main") or ""
        with admin.expect_navigation():
            admin.click("main a:has-text('Penerbitan SKCK')")

        assert "Penerbitan SKCK" in listing
        assert "Penerbitan KTP-el Baru" not in listing
        assert admin.input_value("#id_name") == "Penerbitan SKCK"
        assert "/admin/snippets/tenants_app/service/edit/" in admin.url
    finally:
        context.close()
