"""Issue #11: a location's weekly hours copied from the template are an item of the go-live
checklist ("Lokasi, alamat, dan jam layanan") until the admin confirms or changes them."""

from __future__ import annotations

import datetime as dt

from activity.models import ActivityEntry
from catalogue.models import Location, WeeklyHours
from cms.golive import golive_checklist, golive_progress
from cms.golive_actions import golive_prepare
from cms.models import HeldValue
from onboarding.localise import Region, localise_document
from onboarding.seeding import seed_template_document
from tests.conftest import in_schema, staff_client
from tests.factories.catalogues import NORMAL_DAYS

PASER = Region(name="Paser", kind="kabupaten", province="Kalimantan Timur", code="64.01")
SUMMARY = (
    "Sen-Kam 07.30-16.00 (istirahat 12.00-13.00); Jum 07.30-16.30 (istirahat 11.30-13.00); "
    "Sab 08.00-12.00; Min tutup"
)
HELD_HOURS = {
    "section": "locations",
    "key": "gedung-mpp",
    "field": "hours",
    "suggestion": {"profile": "normal", "days": NORMAL_DAYS},
}


def _held_hours(regency) -> int:
    """Alpha's main building complete but for its hours, which came from a template."""
    with in_schema(regency):
        Location.objects.filter(key="gedung-mpp").update(phone="0735 123456")
        golive_prepare(held=[HELD_HOURS], publish=True)
        return HeldValue.objects.get(field_name="hours").pk


def _locations():
    return next(g for g in golive_checklist() if g.key == "locations")


def test_adoption_keeps_the_template_hours_and_lists_them_to_confirm():
    document = seed_template_document("badung")

    localised, held = localise_document(document, target=PASER)

    items = {(i["section"], i["key"], i["field"]): i for i in held.items}
    main = next(loc for loc in document["locations"] if loc["kind"] == "main")
    hours = items[("locations", main["key"], "hours")]
    default = next(p["key"] for p in document["schedule_profiles"] if p.get("is_default"))
    assert hours["suggestion"]["profile"] == default
    assert hours["suggestion"]["days"] == next(
        s["days"] for s in main["schedules"] if s["profile"] == default
    )
    kept = next(loc for loc in localised["locations"] if loc["key"] == main["key"])
    assert kept["schedules"]  # the hours stay on the portal, as a fair default
    with_hours = [loc["key"] for loc in document["locations"] if loc.get("schedules")]
    assert {k for (s, k, f) in items if f == "hours"} == set(with_hours)


def test_template_hours_are_counted_in_the_locations_group_until_confirmed(alpha):
    held_pk = _held_hours(alpha)
    with in_schema(alpha):
        group = _locations()
        assert "Gedung MPP Alpha" in [label for label, _url in group.items]
        todo = golive_progress()["todo"]
        rows = [r for r in group.held if r.kind == "hours"]
        assert [(r.pk, r.field_label, r.template_value) for r in rows] == [
            (held_pk, "jam layanan mingguan", SUMMARY)
        ]
        assert rows[0].edit_url == "/admin/katalog/jam-sekaligus/"
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    assert "Jam ini sudah benar" in client.get("/admin/").content.decode()

    response = client.post(f"/admin/persiapan-tayang/konfirmasi/{held_pk}/")

    assert response.status_code == 302
    with in_schema(alpha):
        held = HeldValue.objects.get(pk=held_pk)
        assert held.confirmed_at is not None
        assert held.confirmed_value == SUMMARY
        assert held.confirmed_by.email == "admin@alpha.test"
        assert ActivityEntry.objects.filter(verb="golive.confirm").count() == 1
        group = _locations()
        assert "Gedung MPP Alpha" not in [label for label, _url in group.items]
        assert not [r for r in group.held if r.kind == "hours"]
        assert golive_progress()["todo"] == todo - 1
    assert "Jam ini sudah benar" not in client.get("/admin/").content.decode()


def test_hours_the_admin_changed_are_no_longer_the_template_s(alpha):
    _held_hours(alpha)
    with in_schema(alpha):
        assert "Gedung MPP Alpha" in [label for label, _url in _locations().items]
        monday = WeeklyHours.objects.get(
            live=True,
            location__key="gedung-mpp",
            profile__key="normal",
            agency__isnull=True,
            weekday=0,
        )
        WeeklyHours.objects.filter(pk=monday.pk).update(closes=dt.time(15, 0))

        assert "Gedung MPP Alpha" not in [label for label, _url in _locations().items]
        assert HeldValue.objects.get(field_name="hours").confirmed_at is None


def test_agency_admins_and_other_regencies_cannot_confirm_the_hours(alpha, beta):
    held_pk = _held_hours(alpha)
    agency_admin = staff_client(
        alpha, "dukcapil@alpha.test", group="Admin Instansi", agencies=("disdukcapil",)
    )
    beta_admin = staff_client(beta, "admin@beta.test", group="Admin MPP")

    refused = agency_admin.post(f"/admin/persiapan-tayang/konfirmasi/{held_pk}/")
    beta_admin.post(f"/admin/persiapan-tayang/konfirmasi/{held_pk}/")
    beta_page = beta_admin.get("/admin/").content.decode()

    assert refused.status_code == 302
    assert "Gedung MPP Alpha" not in beta_page
    with in_schema(alpha):
        assert HeldValue.objects.get(pk=held_pk).confirmed_at is None
        assert "Gedung MPP Alpha" in [label for label, _url in _locations().items]
    with in_schema(beta):
        assert not HeldValue.objects.filter(field_name="hours", confirmed_at__isnull=False)
