"""Drafts of agencies, locations, the pledge and the hours (ADR 0042): the same path as services'
(ADR 0032). An edit saved as a draft is not public until an Admin MPP publishes it; an agency
admin drafts only; every publish is in the regency's activity trail; scheduled publishing runs
in its own regency only."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from activity.models import ActivityEntry
from catalogue.hours import day_hours, hours_data_load
from catalogue.models import Agency, DateOverride, Location, ServicePledge, WeeklyHours
from catalogue.portable.exporter import catalogue_export
from catalogue.selectors import agency_get, location_get, location_list
from satupintu.fanout import fanout_run
from tests.conftest import in_schema, staff_client

MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def regency_admin(alpha):
    return staff_client(alpha, "admin@alpha.test", group="Admin MPP")


def _edit_url(model, pk) -> str:
    return reverse(f"wagtailsnippets_tenants_app_{model._meta.model_name}:edit", args=[pk])


def form_data(client, url: str, *, publish: bool, **changes) -> dict:
    """The edit form as the browser would send it, with `changes`; "Terbitkan" or "Simpan draf"."""
    soup = BeautifulSoup(client.get(url).text, "html.parser")
    form = soup.find("form", attrs={"method": "POST"}) or soup.find("form", method="post")
    data: dict = {}
    for node in form.find_all(["input", "textarea", "select"]):
        name = node.get("name")
        if not name or name.startswith("action-"):
            continue
        if node.name == "textarea":
            data[name] = node.text
        elif node.name == "select":
            chosen = [o.get("value", "") for o in node.find_all("option") if o.has_attr("selected")]
            if node.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif node.get("type") in ("checkbox", "radio"):
            if node.has_attr("checked"):
                data.setdefault(name, []).append(node.get("value", "on"))
        elif node.get("type") not in ("submit", "button", "file"):
            data[name] = node.get("value", "")
    data.update(changes)
    if publish:
        data["action-publish"] = "action-publish"
    return data


def _location(regency, key="gedung-mpp") -> Location:
    with in_schema(regency):
        return Location.objects.get(key=key)


def test_a_location_address_drafted_is_public_only_once_published(
    alpha, alpha_client, regency_admin
):
    main = _location(alpha)
    url = _edit_url(Location, main.pk)

    saved = regency_admin.post(
        url, form_data(regency_admin, url, publish=False, address="Jl. Baru 9")
    )

    assert saved.status_code == 302
    assert "Jl. Baru 9" not in alpha_client.get("/lokasi/gedung-mpp/").text
    with in_schema(alpha):
        row = Location.objects.get(pk=main.pk)
        assert (row.address, row.has_unpublished_changes) == ("Jl. Merdeka No. 1", True)
        assert row.revisions.count() == 2  # what was live, kept before the first draft
        assert location_get(key="gedung-mpp").address == "Jl. Merdeka No. 1"
        assert not ActivityEntry.objects.filter(verb="location.publish").exists()
    assert 'value="Jl. Baru 9"' in regency_admin.get(url).text  # the editor sees their draft

    published = regency_admin.post(url, form_data(regency_admin, url, publish=True))

    assert published.status_code == 302
    assert "Jl. Baru 9" in alpha_client.get("/lokasi/gedung-mpp/").text
    with in_schema(alpha):
        row = Location.objects.get(pk=main.pk)
        assert (row.address, row.has_unpublished_changes) == ("Jl. Baru 9", False)
        entry = ActivityEntry.objects.get(verb="location.publish")
        assert (entry.actor_label, entry.target_id) == ("admin@alpha.test", str(main.pk))


def test_a_location_revision_compares_and_reverts(alpha, regency_admin):
    main = _location(alpha)
    url = _edit_url(Location, main.pk)
    regency_admin.post(url, form_data(regency_admin, url, publish=True, address="Jl. Baru 9"))
    with in_schema(alpha):
        first, latest = Location.objects.get(pk=main.pk).revisions.order_by("id")[:2]

    compare = regency_admin.get(
        reverse(
            "wagtailsnippets_tenants_app_location:revisions_compare",
            args=[main.pk, first.pk, latest.pk],
        )
    )
    revert_url = reverse(
        "wagtailsnippets_tenants_app_location:revisions_revert", args=[main.pk, first.pk]
    )
    reverted = regency_admin.post(revert_url, form_data(regency_admin, revert_url, publish=True))

    assert compare.status_code == 200
    assert "Merdeka" in compare.text  # the diff marks words: "Jl." is in both
    assert "Baru" in compare.text
    assert reverted.status_code == 302
    with in_schema(alpha):
        assert Location.objects.get(pk=main.pk).address == "Jl. Merdeka No. 1"
        assert ActivityEntry.objects.filter(verb="location.publish").count() == 2


def test_a_location_created_as_a_draft_is_not_listed_nor_exported(alpha, regency_admin):
    add = reverse("wagtailsnippets_tenants_app_location:add")
    data = form_data(regency_admin, add, publish=False, name="Gerai Pasar Baru", kind="market")

    assert regency_admin.post(add, data).status_code == 302

    with in_schema(alpha):
        row = Location.objects.get(name="Gerai Pasar Baru")
        assert row.live is False
        assert row.key not in {loc.key for loc in location_list()}
        assert location_get(key=row.key) is None
        assert row.key not in {loc["key"] for loc in catalogue_export()["locations"]}


def test_an_agency_admin_drafts_their_agency_but_cannot_publish(alpha, alpha_client):
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])
    with in_schema(alpha):
        agency = Agency.objects.get(key="polres")
    url = _edit_url(Agency, agency.pk)

    response = polres.post(url, form_data(polres, url, publish=True, phone="0735 999999"))

    assert response.status_code == 302  # saved, as a draft
    assert "0735 999999" not in alpha_client.get("/instansi/polres/").text
    with in_schema(alpha):
        row = Agency.objects.get(pk=agency.pk)
        assert (row.phone, row.has_unpublished_changes) == ("", True)
        assert agency_get(key="polres").phone == ""
        assert not ActivityEntry.objects.filter(verb="agency.publish").exists()


def test_an_agency_draft_published_by_the_admin_mpp_reaches_the_portal(
    alpha, alpha_client, regency_admin
):
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])
    with in_schema(alpha):
        agency = Agency.objects.get(key="polres")
    url = _edit_url(Agency, agency.pk)
    polres.post(url, form_data(polres, url, publish=False, phone="0735 999999"))

    published = regency_admin.post(url, form_data(regency_admin, url, publish=True))

    assert published.status_code == 302
    assert "0735 999999" in alpha_client.get("/instansi/polres/").text
    with in_schema(alpha):
        assert ActivityEntry.objects.get(verb="agency.publish").actor_label == "admin@alpha.test"


def test_an_agency_admin_drafts_their_pledge_the_admin_mpp_publishes_it(
    alpha, alpha_client, regency_admin
):
    polres = staff_client(alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"])
    with in_schema(alpha):
        agency_id = Agency.objects.get(key="polres").pk
    add = reverse("wagtailsnippets_tenants_app_servicepledge:add")
    data = form_data(
        polres,
        add,
        publish=True,
        agency=str(agency_id),
        title="Maklumat Polres",
        text="Kami melayani SKCK dalam satu hari kerja.",
        is_active="on",
    )

    assert polres.post(add, data).status_code == 302
    with in_schema(alpha):
        pledge = ServicePledge.objects.get(title="Maklumat Polres")
        assert pledge.live is False  # created as a draft: the agency admin may not publish
    assert "satu hari kerja" not in alpha_client.get("/instansi/polres/").text

    url = _edit_url(ServicePledge, pledge.pk)
    assert regency_admin.post(url, form_data(regency_admin, url, publish=True)).status_code == 302

    assert "satu hari kerja" in alpha_client.get("/instansi/polres/").text
    with in_schema(alpha):
        assert ActivityEntry.objects.filter(verb="servicepledge.publish").count() == 1


def test_weekly_hours_drafted_change_the_hours_only_once_published(alpha, regency_admin):
    main = _location(alpha)
    with in_schema(alpha):
        monday = WeeklyHours.objects.get(
            location=main, profile__is_default=True, agency=None, weekday=0
        )
    url = _edit_url(WeeklyHours, monday.pk)

    def opens() -> dt.time | None:
        with in_schema(alpha):
            data = hours_data_load(
                location_ids=[main.pk], start=MONDAY, end=MONDAY, with_cuti_bersama=True
            )
            return day_hours(location_id=main.pk, day=MONDAY, data=data).opens

    before = opens()
    regency_admin.post(url, form_data(regency_admin, url, publish=False, opens="10:00"))
    drafted = opens()
    regency_admin.post(url, form_data(regency_admin, url, publish=True))

    assert before != dt.time(10, 0)
    assert drafted == before
    assert opens() == dt.time(10, 0)
    with in_schema(alpha):
        assert ActivityEntry.objects.filter(verb="weeklyhours.publish").count() == 1


def test_a_closure_created_as_a_draft_closes_nothing_until_published(alpha, regency_admin):
    main = _location(alpha)
    add = reverse("wagtailsnippets_tenants_app_dateoverride:add")

    def closed() -> bool:
        with in_schema(alpha):
            data = hours_data_load(
                location_ids=[main.pk], start=MONDAY, end=MONDAY, with_cuti_bersama=True
            )
            return day_hours(location_id=main.pk, day=MONDAY, data=data).is_closed

    data = form_data(
        regency_admin, add, publish=False, date="2026-11-23", name="Kerja bakti", is_closed="on"
    )
    assert regency_admin.post(add, data).status_code == 302
    drafted = closed()
    with in_schema(alpha):
        override = DateOverride.objects.get(name="Kerja bakti")
    url = _edit_url(DateOverride, override.pk)
    regency_admin.post(url, form_data(regency_admin, url, publish=True))

    assert drafted is False
    assert closed() is True


def test_a_scheduled_address_goes_live_at_its_time_in_its_regency_only(alpha, beta):
    with in_schema(alpha):
        main = Location.objects.get(key="gedung-mpp")
        main.address = "Jl. Terjadwal 1"
        main.save_revision(approved_go_live_at=timezone.now() + dt.timedelta(hours=1))

    fanout_run("catalogue.publish_scheduled")  # not yet due
    with in_schema(alpha):
        assert Location.objects.get(key="gedung-mpp").address == "Jl. Merdeka No. 1"
        Revision.objects.filter(object_id=str(main.pk), approved_go_live_at__isnull=False).update(
            approved_go_live_at=timezone.now() - dt.timedelta(minutes=1)
        )

    fanout_run("catalogue.publish_scheduled")

    with in_schema(alpha):
        assert Location.objects.get(key="gedung-mpp").address == "Jl. Terjadwal 1"
        assert ActivityEntry.objects.filter(verb="location.publish", actor_id=None).exists()
    with in_schema(beta):
        assert not Location.objects.filter(address="Jl. Terjadwal 1").exists()
        assert not ActivityEntry.objects.filter(verb="location.publish").exists()


def test_a_draft_in_one_regency_is_not_seen_in_another(alpha, beta, regency_admin):
    main = _location(alpha)
    url = _edit_url(Location, main.pk)
    regency_admin.post(url, form_data(regency_admin, url, publish=False, address="Jl. Alfa 2"))
    beta_admin = staff_client(beta, "admin@beta.test", group="Admin MPP")

    page = beta_admin.get("/admin/").text

    assert "draf katalog menunggu diterbitkan" in page
    assert "Jl. Alfa 2" not in page
    with in_schema(beta):
        assert not Location.objects.filter(has_unpublished_changes=True).exists()
        assert not Revision.objects.filter(content__address="Jl. Alfa 2").exists()
