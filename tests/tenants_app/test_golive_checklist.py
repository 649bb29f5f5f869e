"""The go-live checklist on a regency admin's dashboard (issue #11, docs/adr/0035)."""

from __future__ import annotations

from catalogue.models import Agency, Location
from cms.golive import golive_checklist, golive_progress
from tests.conftest import in_schema, staff_client


def _groups() -> dict:
    return {g.key: g for g in golive_checklist()}


def test_unconfirmed_location_and_held_office_are_listed_until_confirmed(alpha):
    with in_schema(alpha):
        Location.objects.filter(is_active=True).update(sort_order=100)
        loc = Location.objects.create(
            key="gedung-baru", name="Gedung Baru", kind="main", sort_order=0
        )
        office = Agency.objects.create(
            key="polres-x", name="Kepolisian Resor Contoh", kind="vertical", is_active=False
        )
        groups = _groups()
        assert "Gedung Baru" in [label for label, _url in groups["locations"].items]
        assert groups["agencies"].todo >= 1
        assert f"/location/edit/{loc.pk}/" in dict(groups["locations"].items)["Gedung Baru"]
        before = golive_progress()["todo"]
        Location.objects.filter(pk=loc.pk).update(
            address="Jl. Contoh 1", latitude="-1.5", longitude="116.1", phone="0543 21000"
        )
        Agency.objects.filter(pk=office.pk).update(is_active=True)
        groups = _groups()
        assert "Gedung Baru" not in [label for label, _url in groups["locations"].items]
        assert "Kepolisian Resor Contoh" not in [label for label, _u in groups["agencies"].items]
        assert golive_progress()["todo"] < before


def test_checklist_is_the_regency_own(alpha, beta):
    with in_schema(alpha):
        Location.objects.create(key="hanya-alpha", name="Hanya Alpha", kind="main", sort_order=0)
    with in_schema(beta):
        labels = [label for label, _url in _groups()["locations"].items]
        assert "Hanya Alpha" not in labels


def test_dashboard_shows_the_checklist_panel(alpha):
    with in_schema(alpha):
        Location.objects.filter(is_active=True).update(sort_order=100)
        Location.objects.create(key="gedung-panel", name="Gedung Panel", kind="main", sort_order=0)
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    response = client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Persiapan tayang" in body
    assert "Gedung Panel" in body


def test_console_shows_each_regency_checklist_progress(alpha, operator_client):
    with in_schema(alpha):
        progress = golive_progress()
    listing = operator_client.get("/console/regencies/regency/")
    assert listing.status_code == 200
    row = next(line for line in listing.text.split("<tr") if "Ogan Komering" in line)
    assert f"{progress['done']}/{progress['groups']} kelompok, {progress['todo']} isian" in row


def test_every_group_links_where_its_items_are_done(alpha):
    with in_schema(alpha):
        groups = _groups()
    assert {key: bool(group.url) for key, group in groups.items()} == dict.fromkeys(groups, True)
    assert groups["staff"].url == "/admin/users/"
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    assert client.get("/admin/users/").status_code == 200
    dashboard = client.get("/admin/").text
    panel = dashboard[dashboard.index('aria-labelledby="golive-title"') :]
    panel = panel[: panel.index("</section>")]
    assert '<a href="/admin/users/">Staf diundang</a>' in panel
