"""The regency's trail ("Jejak aktivitas"): written by the catalogue admin's writes, listed for
regency admins only, kept in the regency's own schema."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activity.actions import activity_record
from activity.models import ActivityEntry
from catalogue.models import Counter, Service
from tests.clock import PINNED
from tests.conftest import in_schema, staff_client, staff_user
from tests.tenants_app.test_admin_catalogue import AGENCIES_CSV, _service_form


@pytest.fixture
def regency_admin(alpha):
    return staff_client(alpha, "admin@alpha.test", group="Admin MPP")


def _entries(regency, verb):
    with in_schema(regency):
        return list(ActivityEntry.objects.filter(verb=verb).order_by("id"))


def test_a_service_edit_records_the_changed_fields_only(alpha, regency_admin, pinned_clock):
    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
        agency_pk = service.agency_id
    url = f"/admin/snippets/tenants_app/service/edit/{service.pk}/"
    assert regency_admin.post(url, _service_form(agency=str(agency_pk))).status_code == 302

    response = regency_admin.post(
        url, _service_form(agency=str(agency_pk), name="KTP-el Baru", is_active="")
    )

    assert response.status_code == 302
    entry = _entries(alpha, "service.update")[-1]
    assert entry.before == {"name": "Penerbitan KTP-el Baru", "is_active": True}
    assert entry.after == {"name": "KTP-el Baru", "is_active": False}
    assert entry.actor_label == "admin@alpha.test"
    assert entry.target_id == str(service.pk)
    assert entry.target_label == "KTP-el Baru"
    assert entry.target_type.model == "service"
    assert abs(entry.created_at - PINNED) < dt.timedelta(minutes=1)
    # The first post changed the standard (a new version), recorded once with its changes.
    standard = _entries(alpha, "servicestandard.publish")
    assert len(standard) == 1
    assert standard[0].summary == "v2"
    assert standard[0].after["requirements"][-1] == "Pas foto 3x4"


def test_an_unchanged_save_records_nothing(alpha, regency_admin):
    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
    url = f"/admin/snippets/tenants_app/service/edit/{service.pk}/"
    form = _service_form(agency=str(service.agency_id))
    regency_admin.post(url, form)
    before = len(_entries(alpha, "service.update"))

    assert regency_admin.post(url, form).status_code == 302
    assert len(_entries(alpha, "service.update")) == before


def test_create_and_delete_are_recorded(alpha, regency_admin):
    with in_schema(alpha):
        agency_pk = Service.objects.get(key="ktp-el-baru").agency_id
    created = regency_admin.post(
        "/admin/snippets/tenants_app/service/add/",
        _service_form(agency=str(agency_pk), key="legalisir-kk", name="Legalisir KK"),
    )
    assert created.status_code == 302
    with in_schema(alpha):
        service = Service.objects.get(key="legalisir-kk")
        counter = Counter.objects.get(key="loket-a1")
        counter_name = str(counter)

    [create] = _entries(alpha, "service.create")
    assert create.target_id == str(service.pk)
    assert create.after["name"] == "Legalisir KK"
    assert create.after["agency"] == agency_pk
    assert create.before == {}

    deleted = regency_admin.post(f"/admin/snippets/tenants_app/counter/delete/{counter.pk}/")
    assert deleted.status_code == 302
    [delete] = _entries(alpha, "counter.delete")
    assert delete.target_id == str(counter.pk)
    assert delete.target_label == counter_name
    assert delete.before["key"] == "loket-a1"
    assert delete.after == {}


def test_bulk_activate_records_each_switched_row(alpha, regency_admin):
    with in_schema(alpha):
        Counter.objects.filter(key="loket-a1").update(is_active=False)
        ids = dict(
            Counter.objects.filter(key__in=["loket-a1", "loket-b1"]).values_list("key", "pk")
        )
    url = "/admin/bulk/tenants_app/counter/activate/?" + "&".join(f"id={i}" for i in ids.values())

    assert regency_admin.post(url, {}).status_code == 302

    [entry] = _entries(alpha, "counter.activate")  # loket-b1 was already active
    assert entry.target_id == str(ids["loket-a1"])
    assert (entry.before, entry.after) == ({"is_active": False}, {"is_active": True})


def test_catalogue_import_is_recorded(alpha, regency_admin):
    preview = regency_admin.post(
        "/admin/katalog/impor/",
        {"kind": "agencies", "file": SimpleUploadedFile("a.csv", AGENCIES_CSV.encode())},
    )
    assert _entries(alpha, "catalogue.import") == []  # a dry run changes nothing

    regency_admin.post("/admin/katalog/impor/terapkan/", {"token": preview.context["token"]})

    [entry] = _entries(alpha, "catalogue.import")
    assert entry.summary == "Impor katalog: 2 baru, 1 diperbarui"
    assert sorted(entry.after["created"]["agencies"]) == ["bank-daerah", "pln"]
    assert entry.after["updated"]["agencies"] == ["polres"]


def test_the_listing_shows_entries_newest_first_and_filters(alpha, regency_admin, time_machine):
    user = staff_user(alpha, "lain@alpha.test")
    with in_schema(alpha):
        ActivityEntry.objects.all().delete()  # rolled back with the test
        for day, verb in ((1, "agency.update"), (2, "service.update"), (3, "service.update")):
            time_machine.move_to(PINNED + dt.timedelta(days=day))
            activity_record(actor=user, verb=verb, summary=f"hari {day}")

    everything = regency_admin.get("/admin/aktivitas/")
    services = regency_admin.get("/admin/aktivitas/?verb=service.update")
    one_day = regency_admin.get(
        "/admin/aktivitas/",
        {"date_from": f"{(PINNED + dt.timedelta(days=2)).date()}", "date_to": ""},
    )

    assert everything.status_code == 200
    page = everything.context["page"]
    assert [e.summary for e in page.object_list] == ["hari 3", "hari 2", "hari 1"]
    assert [e.summary for e in services.context["page"].object_list] == ["hari 3", "hari 2"]
    assert [e.summary for e in one_day.context["page"].object_list] == ["hari 3", "hari 2"]
    assert "lain@alpha.test" in everything.text


def test_the_listing_explains_a_bad_filter(regency_admin):
    response = regency_admin.get(
        "/admin/aktivitas/", {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    bad_date = regency_admin.get("/admin/aktivitas/", {"date_from": "kemarin"})

    assert response.status_code == 200
    assert "Tanggal awal harus sama dengan atau sebelum tanggal akhir." in response.text
    assert bad_date.status_code == 200
    assert "Masukkan tanggal yang valid." in bad_date.text or "valid date" in bad_date.text


def test_the_listing_is_refused_to_an_agency_admin(alpha):
    agency_admin = staff_client(
        alpha, "polres@alpha.test", group="Admin Instansi", agencies=["polres"]
    )

    refused = agency_admin.get("/admin/aktivitas/")

    # Wagtail answers a refused admin page with a redirect to the dashboard and its message.
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert "/admin/aktivitas/" not in agency_admin.get("/admin/").text


def test_the_listing_is_in_the_regency_admins_menu(regency_admin):
    assert "/admin/aktivitas/" in regency_admin.get("/admin/").text


def test_an_entry_written_in_alpha_stays_in_alpha(alpha, beta, regency_admin):
    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
    regency_admin.post(
        f"/admin/snippets/tenants_app/service/edit/{service.pk}/",
        _service_form(agency=str(service.agency_id), name="Khusus Alpha"),
    )
    beta_admin = staff_client(beta, "admin@beta.test", group="Admin MPP")

    assert _entries(alpha, "service.update")[-1].after["name"] == "Khusus Alpha"
    assert _entries(beta, "service.update") == []
    listing = beta_admin.get("/admin/aktivitas/")
    assert listing.status_code == 200
    assert "Khusus Alpha" not in listing.text
    assert list(listing.context["page"].object_list) == []


def test_activity_record_stores_json_safe_values(alpha):
    moment = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC)
    with in_schema(alpha):
        entry = activity_record(
            actor=None,
            verb="test.json",
            before={"day": dt.date(2026, 5, 4), "fee": Decimal("650000.50")},
            after={"at": moment, "tags": {"b", "a"}, "nested": {"n": [Decimal("1.5")]}},
        )
        entry.refresh_from_db()

    assert entry.before == {"day": "2026-05-04", "fee": "650000.50"}
    assert entry.after == {
        "at": "2026-05-04T09:30:00Z",
        "tags": ["a", "b"],
        "nested": {"n": ["1.5"]},
    }
    assert (entry.actor_id, entry.actor_label, entry.target_type) == (None, "", None)


def test_existing_portals_grant_the_listing_to_regency_admins_only(alpha):
    from types import SimpleNamespace

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from django.db import connection

    migration = importlib.import_module("activity.migrations.0002_grant_view_to_regency_admins")
    with in_schema(alpha):
        view = Permission.objects.get(
            content_type__app_label="activity", codename="view_activityentry"
        )
        for group in Group.objects.all():
            group.permissions.remove(view)

        migration.grant_to_regency_admins(apps, SimpleNamespace(connection=connection))

        holders = sorted(Group.objects.filter(permissions=view).values_list("name", flat=True))
    assert holders == ["Admin MPP"]
