"""Issue #11 (docs/adr/0040): the template's suggestions for held values on the go-live checklist,
the admin's confirm action, the "sedang disiapkan" page and publishing."""

from __future__ import annotations

from django.test import Client

from activity.models import ActivityEntry
from catalogue.models import Agency, Location
from catalogue.publishing import baseline_revision, publishing_as
from cms.golive import golive_progress
from cms.golive_actions import golive_prepare, held_value_confirm
from cms.models import HeldValue, PortalLaunch
from tests.conftest import host_of, in_schema, staff_client

HELD_OFFICE = {
    "section": "agencies",
    "key": "polres-contoh",
    "field": "name",
    "suggestion": "Kepolisian Resor Badung",
    "proposal": "Kepolisian Resor Contoh",
}


def _held_office(regency) -> int:
    with in_schema(regency):
        Agency.objects.create(
            key="polres-contoh", name="Kepolisian Resor Contoh", kind="vertical", is_active=False
        )
        golive_prepare(held=[HELD_OFFICE], publish=True)
        return HeldValue.objects.get(key="polres-contoh").pk


def test_suggestion_is_shown_and_confirming_switches_the_office_on(alpha):
    held_pk = _held_office(alpha)
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    body = client.get("/admin/").content.decode()
    assert "Saran dari templat:" in body
    assert "Kepolisian Resor Contoh" in body
    assert "Pakai saran" in body
    assert f"/admin/persiapan-tayang/konfirmasi/{held_pk}/" in body

    response = client.post(
        f"/admin/persiapan-tayang/konfirmasi/{held_pk}/", {"value": "Polres Contoh Baru"}
    )

    assert response.status_code == 302
    with in_schema(alpha):
        office = Agency.objects.get(key="polres-contoh")
        assert (office.name, office.is_active) == ("Polres Contoh Baru", True)
        held = HeldValue.objects.get(pk=held_pk)
        assert held.confirmed_by.email == "admin@alpha.test"
        assert held.confirmed_value == "Polres Contoh Baru"
        entry = ActivityEntry.objects.get(verb="golive.confirm")
        assert entry.before == {"name": "Kepolisian Resor Contoh", "is_active": False}
        assert entry.after == {"name": "Polres Contoh Baru", "is_active": True}
    assert f"/admin/persiapan-tayang/konfirmasi/{held_pk}/" not in client.get("/admin/").text


def test_an_agency_admin_may_not_confirm(alpha):
    held_pk = _held_office(alpha)
    client = staff_client(
        alpha, "dukcapil@alpha.test", group="Admin Instansi", agencies=("disdukcapil",)
    )

    response = client.post(f"/admin/persiapan-tayang/konfirmasi/{held_pk}/", {"value": "X"})
    publish = client.post("/admin/persiapan-tayang/terbitkan/")

    # Wagtail's admin answers PermissionDenied with a redirect home and its refusal notice.
    assert (response.status_code, publish.status_code) == (302, 302)
    assert "Konfirmasi" not in client.get("/admin/").text  # no forms for an agency admin
    with in_schema(alpha):
        assert Agency.objects.get(key="polres-contoh").is_active is False
        assert HeldValue.objects.get(pk=held_pk).confirmed_at is None
        assert PortalLaunch.objects.get().published_at is not None  # prepared as published
        assert not ActivityEntry.objects.filter(verb__startswith="golive.").exists()


def test_a_regency_cannot_confirm_or_see_another_regency_held_value(alpha, beta):
    held_pk = _held_office(alpha)
    client = staff_client(beta, "admin@beta.test", group="Admin MPP")

    assert "Kepolisian Resor Contoh" not in client.get("/admin/").text
    response = client.post(f"/admin/persiapan-tayang/konfirmasi/{held_pk}/", {"value": "X"})

    assert response.status_code == 302
    with in_schema(alpha):
        assert Agency.objects.get(key="polres-contoh").is_active is False
        assert HeldValue.objects.get(pk=held_pk).confirmed_at is None
    with in_schema(beta):
        assert not Agency.objects.filter(name="X").exists()


def test_a_bad_coordinate_is_refused_with_a_message_and_nothing_changes(alpha):
    with in_schema(alpha):
        location = Location.objects.filter(is_active=True).first()
        Location.objects.filter(pk=location.pk).update(latitude=None)
        golive_prepare(
            held=[
                {
                    "section": "locations",
                    "key": location.key,
                    "field": "latitude",
                    "suggestion": -8.56,
                    "proposal": None,
                }
            ],
            publish=True,
        )
        held_pk = HeldValue.objects.get(key=location.key).pk
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    response = client.post(
        f"/admin/persiapan-tayang/konfirmasi/{held_pk}/", {"value": "utara"}, follow=True
    )

    assert response.status_code == 200
    assert "Tulis koordinat sebagai angka" in response.text
    assert "Contoh di templat" in response.text  # no proposal: the template's value is an example
    with in_schema(alpha):
        assert Location.objects.get(pk=location.pk).latitude is None
        assert HeldValue.objects.get(pk=held_pk).confirmed_at is None


def test_citizens_see_the_preparing_page_until_the_admin_publishes(alpha, beta):
    with in_schema(alpha):
        golive_prepare(held=[], publish=False)
    citizen = Client(HTTP_HOST=host_of(alpha))

    for path in ("/", "/layanan/", "/en/"):
        page = citizen.get(path)
        assert page.status_code == 200
        assert "sedang disiapkan" in page.text
        assert "being prepared" in page.text
        assert "MPP Alpha" in page.text
        assert page["X-Robots-Tag"] == "noindex"
    assert "sedang disiapkan" not in Client(HTTP_HOST=host_of(beta)).get("/").text
    with in_schema(alpha):
        assert golive_progress()["published"] == 0

    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    staff_view = admin.get("/").text
    assert "Portal belum terbit." in staff_view  # the real portal, under the staff banner
    assert "Terbitkan" in admin.get("/admin/").text

    assert admin.post("/admin/persiapan-tayang/terbitkan/").status_code == 302

    assert "sedang disiapkan" not in citizen.get("/").text
    assert "Portal belum terbit." not in admin.get("/").text
    with in_schema(alpha):
        launch = PortalLaunch.objects.get()
        assert launch.published_by.email == "admin@alpha.test"
        assert ActivityEntry.objects.filter(verb="golive.publish").count() == 1
        assert golive_progress()["published"] == 1


def test_a_portal_without_a_launch_row_is_public(alpha):
    with in_schema(alpha):
        assert not PortalLaunch.objects.exists()
    page = Client(HTTP_HOST=host_of(alpha)).get("/")
    assert page.status_code == 200
    assert "sedang disiapkan" not in page.text


def test_console_shows_the_published_state(alpha, operator_client):
    with in_schema(alpha):
        golive_prepare(held=[], publish=False)
    listing = operator_client.get("/console/regencies/regency/")
    row = next(line for line in listing.text.split("<tr") if "Ogan Komering" in line)
    assert "sedang disiapkan" in row


def test_the_building_devices_work_while_the_portal_is_prepared(alpha):
    with in_schema(alpha):
        golive_prepare(held=[], publish=False)
    citizen = Client(HTTP_HOST=host_of(alpha))
    assert "sedang disiapkan" in citizen.get("/lokasi/").text
    assert "sedang disiapkan" not in citizen.get("/antrean/perangkat/").text


def test_a_coordinate_outside_indonesia_is_refused_with_a_message_not_a_500(alpha):
    with in_schema(alpha):
        location = Location.objects.filter(is_active=True).first()
        Location.objects.filter(pk=location.pk).update(latitude=None)
        held = HeldValue.objects.create(
            section="locations", key=location.key, field_name="latitude"
        )
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    client.raise_request_exception = False

    response = client.post(
        f"/admin/persiapan-tayang/konfirmasi/{held.pk}/", {"value": "45"}, follow=True
    )

    assert response.status_code == 200
    with in_schema(alpha):
        assert Location.objects.get(pk=location.pk).latitude is None
        assert HeldValue.objects.get(pk=held.pk).confirmed_at is None


def test_a_confirmed_office_stays_confirmed_when_a_waiting_draft_is_published(alpha):
    """Confirming goes through the catalogue's publish path, on top of a draft saved before it:
    publishing that draft later keeps the confirmed name and the office switched on."""
    with in_schema(alpha):
        agency = Agency.objects.get(key="polres")
        Agency.objects.filter(pk=agency.pk).update(is_active=False, name="Saran Templat")
        agency.refresh_from_db()
        baseline_revision(instance=agency)
        agency.refresh_from_db()
        draft = agency.get_latest_revision_as_object()
        draft.phone = "0735 1"
        draft.save_revision()  # the admin's "Simpan draf" of the phone, before confirming
        held = HeldValue.objects.create(section="agencies", key="polres", field_name="is_active")

        held_value_confirm(actor=None, held_value_id=held.pk, value="Kantor Dikonfirmasi")
        agency.refresh_from_db()
        assert (agency.name, agency.is_active) == ("Kantor Dikonfirmasi", True)
        with publishing_as(None):
            agency.latest_revision.publish()

        agency.refresh_from_db()
        assert agency.name == "Kantor Dikonfirmasi"
        assert agency.is_active
        assert agency.phone == "0735 1"


def test_preparing_again_keeps_what_is_kept_and_adds_the_rest_in_order_as_one_by_one_would(alpha):
    """The held values are written in one insert; the result is the one-at-a-time
    `get_or_create` of each item it replaced: a value kept (here confirmed) stays as it is, of a
    value listed twice the first counts, new values follow in the order given."""
    items = [
        HELD_OFFICE,
        {**HELD_OFFICE, "key": "kejari-contoh", "suggestion": "Kejaksaan Negeri Badung"},
        {**HELD_OFFICE, "key": "kejari-contoh", "suggestion": "listed twice: not kept"},
        {"section": "standards", "key": "ktp", "field": "decree_number", "suggestion": "12/2024"},
    ]

    def one_by_one() -> list[tuple]:
        HeldValue.objects.all().delete()
        HeldValue.objects.create(
            section="agencies", key="polres-contoh", field_name="name", confirmed_value="Polres"
        )
        for item in items:
            HeldValue.objects.get_or_create(
                section=item["section"],
                key=item["key"],
                field_name=item["field"],
                defaults={
                    "template_value": item.get("suggestion"),
                    "proposal": item.get("proposal"),
                },
            )
        return rows()

    def in_one_insert() -> list[tuple]:
        HeldValue.objects.all().delete()
        HeldValue.objects.create(
            section="agencies", key="polres-contoh", field_name="name", confirmed_value="Polres"
        )
        golive_prepare(held=items, publish=True)
        return rows()

    def rows() -> list[tuple]:
        fields = ("section", "key", "field_name", "template_value", "proposal", "confirmed_value")
        return list(HeldValue.objects.order_by("pk").values_list(*fields))

    with in_schema(alpha):
        expected = one_by_one()
        assert in_one_insert() == expected
        assert len(expected) == 3
        assert expected[1][3] == "Kejaksaan Negeri Badung"


def test_published_with_items_unconfirmed_citizens_see_only_what_is_confirmed(alpha):
    with in_schema(alpha):
        Agency.objects.create(
            key="polres-contoh", name="Kepolisian Resor Contoh", kind="vertical", is_active=False
        )
        golive_prepare(held=[HELD_OFFICE], publish=False)
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    citizen = Client(HTTP_HOST=host_of(alpha))
    assert "Terbitkan sekarang, hanya yang sudah dikonfirmasi" in admin.get("/admin/").text

    assert admin.post("/admin/persiapan-tayang/terbitkan/").status_code == 302

    listing = citizen.get("/instansi/")
    assert listing.status_code == 200
    assert "sedang disiapkan" not in listing.text
    assert "Kepolisian Resor Contoh" not in listing.text
    assert citizen.get("/instansi/polres-contoh/").status_code == 404
    with in_schema(alpha):
        launch = PortalLaunch.objects.get()
        assert launch.published_at is not None
        assert launch.with_unconfirmed >= 1
        assert HeldValue.objects.get(key="polres-contoh").confirmed_at is None
