"""Drafts, publishing, revisions and scheduled publishing of services (ADR 0032): the row is what
citizens see; a draft (a fee typed wrong) is not public until an Admin MPP publishes it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from activity.models import ActivityEntry
from catalogue.models import Service
from catalogue.selectors import ServiceFilters, service_get, service_search
from satupintu.fanout import fanout_run
from tests.conftest import in_schema, staff_client
from tests.tenants_app.test_admin_catalogue import _service_form


@pytest.fixture
def regency_admin(alpha):
    return staff_client(alpha, "admin@alpha.test", group="Admin MPP")


def _skck(regency) -> Service:
    with in_schema(regency):
        return Service.objects.select_related("current_standard").get(key="skck")


def _skck_form(service: Service, **overrides):
    form = _service_form(
        key="skck",
        name="Penerbitan SKCK",
        agency=str(service.agency_id),
        fee_is_free="",
        fee_amount="30000",
        requirements_text="\n".join(service.current_standard.requirements),
        procedure_text="\n".join(service.current_standard.procedure),
        product=service.current_standard.product,
        complaint_handling=service.current_standard.complaint_handling,
    )
    form.update(overrides)
    return form


def _edit_url(service: Service) -> str:
    return f"/admin/snippets/tenants_app/service/edit/{service.pk}/"


def test_a_draft_fee_is_not_public_until_published(alpha, alpha_client, regency_admin):
    skck = _skck(alpha)
    draft = _skck_form(skck, fee_amount="45000")
    del draft["action-publish"]

    assert regency_admin.post(_edit_url(skck), draft).status_code == 302

    page = alpha_client.get("/layanan/skck/")
    assert "Rp30.000" in page.text
    assert "Rp45.000" not in page.text
    with in_schema(alpha):
        row = Service.objects.select_related("current_standard").get(pk=skck.pk)
        assert row.current_standard.fee_amount == 30000
        assert row.has_unpublished_changes
        # The first edit kept what was live as a revision to compare with and revert to.
        assert row.revisions.count() == 2
    editing = regency_admin.get(_edit_url(skck))
    assert 'value="45000"' in editing.text  # the editor sees their draft

    published = regency_admin.post(_edit_url(skck), _skck_form(skck, fee_amount="45000"))

    assert published.status_code == 302
    page = alpha_client.get("/layanan/skck/")
    assert "Rp45.000" in page.text
    assert "Rp30.000" not in page.text
    with in_schema(alpha):
        row = Service.objects.select_related("current_standard").get(pk=skck.pk)
        assert row.current_standard.fee_amount == 45000
        assert not row.has_unpublished_changes
        entry = ActivityEntry.objects.filter(verb="service.publish").latest("id")
        assert entry.actor_label == "admin@alpha.test"
        assert entry.target_id == str(skck.pk)


def test_compare_and_revert_show_the_earlier_fee(alpha, regency_admin):
    skck = _skck(alpha)
    regency_admin.post(_edit_url(skck), _skck_form(skck, fee_amount="45000"))
    with in_schema(alpha):
        first, latest = Service.objects.get(pk=skck.pk).revisions.order_by("id")[:2]

    compare = regency_admin.get(
        reverse(
            "wagtailsnippets_tenants_app_service:revisions_compare",
            args=[skck.pk, first.pk, latest.pk],
        )
    )
    revert = regency_admin.get(
        reverse("wagtailsnippets_tenants_app_service:revisions_revert", args=[skck.pk, first.pk])
    )

    assert compare.status_code == 200
    assert "Biaya (Rp)" in compare.text
    assert "30000" in compare.text
    assert "45000" in compare.text
    assert revert.status_code == 200
    assert 'value="30000"' in revert.text


def test_an_agency_admin_drafts_but_cannot_publish(alpha, alpha_client):
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])
    skck = _skck(alpha)

    response = polres.post(_edit_url(skck), _skck_form(skck, fee_amount="99000"))

    assert response.status_code == 302  # saved, as a draft
    assert "Rp99.000" not in alpha_client.get("/layanan/skck/").text
    with in_schema(alpha):
        row = Service.objects.select_related("current_standard").get(pk=skck.pk)
        assert row.current_standard.fee_amount == 30000
        assert row.has_unpublished_changes
        assert not ActivityEntry.objects.filter(verb="service.publish").exists()


def test_a_service_created_as_a_draft_is_not_listed_for_citizens(alpha, regency_admin):
    with in_schema(alpha):
        agency_id = _skck(alpha).agency_id
    form = _service_form(agency=str(agency_id), key="legalisir-skck", name="Legalisir SKCK")
    del form["action-publish"]

    assert regency_admin.post("/admin/snippets/tenants_app/service/add/", form).status_code == 302

    with in_schema(alpha):
        assert Service.objects.get(key="legalisir-skck").live is False
        assert service_get(key="legalisir-skck") is None
        assert not service_search(filters=ServiceFilters(query="legalisir")).exists()


def test_a_scheduled_fee_goes_live_at_its_time_in_its_regency_only(alpha, beta):
    with in_schema(alpha):
        service = Service.objects.select_related("current_standard").get(key="skck")
        service.standard_draft = {
            "fee_is_free": False,
            "fee_amount": 50000,
        }
        service.save_revision(approved_go_live_at=timezone.now() + dt.timedelta(hours=1))

    assert fanout_run("catalogue.publish_scheduled")  # not yet due: nothing changes
    with in_schema(alpha):
        assert Service.objects.get(key="skck").current_standard.fee_amount == 30000
    with in_schema(alpha):
        Revision.objects.filter(object_id=str(service.pk)).update(
            approved_go_live_at=timezone.now() - dt.timedelta(minutes=1)
        )

    fanout_run("catalogue.publish_scheduled")

    with in_schema(alpha):
        live = Service.objects.select_related("current_standard").get(key="skck")
        assert live.current_standard.fee_amount == 50000
        assert ActivityEntry.objects.filter(verb="service.publish", actor_id=None).exists()
    with in_schema(beta):
        assert not ActivityEntry.objects.filter(verb="service.publish").exists()
