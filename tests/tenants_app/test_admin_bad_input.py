"""Bad input in a portal's Wagtail admin: the catalogue import, publishing a template, the plan page
without a subscription, and the snippets' own rules. Each is refused with an Indonesian message,
never a 500, and nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from catalogue.admin_forms import CatalogueUploadForm
from catalogue.models import (
    Agency,
    DateOverride,
    Location,
    ScheduleProfile,
    Service,
    WeeklyHours,
)
from onboarding.models import Template
from tests.conftest import in_schema, staff_client

# Wagtail's Indonesian catalogue (loaded after Django's) words "This field is required." so.
REQUIRED = "Kolom ini  harus diisi."


@pytest.fixture
def regency_admin(alpha) -> Client:
    return staff_client(alpha, "admin@alpha.test", group="Admin MPP")


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _catalogue_size(regency) -> tuple[int, int]:
    with in_schema(regency):
        return Agency.objects.count(), Service.objects.count()


# --- catalogue import -----------------------------------------------------------------------------
def _csv(content: bytes, name="instansi.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "kind": "agencies",
                "file": _csv(b"key,name,kind\n" + b"x" * (CatalogueUploadForm.MAX_BYTES + 1)),
            },
            "file",
            "Berkas terlalu besar (paling besar 5 MB).",
        ),
        (
            {"kind": "x", "file": _csv(b"key,name,kind\npln,PLN,bumn\n")},
            "kind",
            "Masukkan pilihan yang valid. x bukan salah satu dari pilihan yang tersedia.",
        ),
        ({"kind": "agencies"}, "file", REQUIRED),
        ({"kind": "agencies", "file": _csv(b"")}, "file", "Berkas yang dikirimkan kosong."),
        ({"file": _csv(b"key,name,kind\npln,PLN,bumn\n")}, "kind", REQUIRED),
    ],
    ids=["oversized", "unknown-kind", "no-file", "empty-file", "no-kind"],
)
def test_a_bad_catalogue_upload_is_refused_with_a_message(
    alpha, regency_admin, data, field, message
):
    before = _catalogue_size(alpha)

    response = regency_admin.post("/admin/katalog/impor/", data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.text
    assert "report" not in response.context
    assert "token" not in response.context
    assert _catalogue_size(alpha) == before


# --- publishing a template ------------------------------------------------------------------------
def test_publishing_a_template_needs_a_name_and_a_description(alpha, regency_admin):
    templates_before = Template.objects.count()

    response = regency_admin.post("/admin/templat/terbitkan/", {"name": "  ", "description": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [REQUIRED], "description": [REQUIRED]}
    assert response.text.count(REQUIRED) >= 2
    assert Template.objects.count() == templates_before
    assert not Template.objects.filter(source_regency=alpha).exists()


def test_publishing_a_template_with_an_overlong_description_is_refused(alpha, regency_admin):
    response = regency_admin.post(
        "/admin/templat/terbitkan/", {"name": "MPP model Alpha", "description": "x" * 2001}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        "Pastikan nilai ini mengandung paling banyak 2000 karakter (sekarang 2001 karakter)."
    ]
    assert not Template.objects.filter(source_regency=alpha).exists()


# --- the plan page without a subscription ---------------------------------------------------------
def test_the_plan_page_of_a_portal_without_a_subscription_says_so(alpha, regency_admin):
    page = regency_admin.get("/admin/paket/")
    manage = regency_admin.post("/admin/paket/kelola/", follow=True)
    fetched = regency_admin.get("/admin/paket/kelola/")

    assert page.status_code == 200
    assert "Portal ini belum memiliki langganan." in page.text
    assert manage.status_code == 200
    assert manage.redirect_chain == [("/admin/paket/", 302)]
    assert _messages(manage) == ["Portal ini belum memiliki langganan."]
    assert fetched.status_code == 405


# --- snippets -------------------------------------------------------------------------------------
CONSTRAINT_MESSAGE = "Batasan \u201c"  # Django's "Constraint “name” is violated." in Indonesian


def _pk(regency, model, key):
    with in_schema(regency):
        return model.objects.get(key=key).pk


def _count(regency, model) -> int:
    with in_schema(regency):
        return model.objects.count()


def _errors(response) -> list[str]:
    return [e for errors in response.context["form"].errors.values() for e in errors]


def _location(**overrides):
    return {
        "name": "Gerai Uji",
        "key": "gerai-uji",
        "kind": "village",
        "address": "",
        "latitude": "",
        "longitude": "",
        "phone": "",
        "description": "",
        "facilities": "",
        "sort_order": "0",
        "is_active": "on",
        **overrides,
    }


def _weekly_hours(alpha, **overrides):
    return {
        "location": _pk(alpha, Location, "gerai-desa-sukamaju"),
        "profile": _pk(alpha, ScheduleProfile, "ramadan"),  # no hours yet: no uniqueness clash
        "agency": "",
        "weekday": "0",
        "opens": "16:00",
        "closes": "08:00",
        "breaks-TOTAL_FORMS": "0",
        "breaks-INITIAL_FORMS": "0",
        "breaks-MIN_NUM_FORMS": "0",
        "breaks-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def _date_override(**overrides):
    # "is_closed" left out: an unticked checkbox, so these are special opening hours.
    return {
        "date": "2026-12-01",
        "location": "",
        "name": "Jam khusus HUT kabupaten",
        "opens": "12:00",
        "closes": "12:00",
        **overrides,
    }


def _schedule_profile(**overrides):
    return {
        "key": "libur-akhir-tahun",
        "name": "Libur akhir tahun",
        "starts_on": "2026-12-31",
        "ends_on": "2026-12-01",
        **overrides,
    }


def _add(client, model_name, data):
    return client.post(f"/admin/snippets/tenants_app/{model_name}/add/", data)


def _refused_with(response, message):
    assert response.status_code == 200
    assert message in response.context["form"].non_field_errors()
    assert message in response.text


def test_a_location_with_latitude_but_no_longitude_is_refused(alpha, regency_admin):
    before = _count(alpha, Location)

    response = _add(regency_admin, "location", _location(latitude="-3.9"))

    _refused_with(response, "Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.")
    assert _count(alpha, Location) == before
    with in_schema(alpha):
        assert not Location.objects.filter(key="gerai-uji").exists()


def test_weekly_hours_that_close_before_they_open_are_refused(alpha, regency_admin):
    before = _count(alpha, WeeklyHours)

    response = _add(regency_admin, "weeklyhours", _weekly_hours(alpha))

    _refused_with(response, "Jam buka harus sebelum jam tutup, atau tandai hari ini tutup.")
    assert _count(alpha, WeeklyHours) == before


def test_a_special_day_that_opens_when_it_closes_is_refused(alpha, regency_admin):
    before = _count(alpha, DateOverride)

    response = _add(regency_admin, "dateoverride", _date_override())

    _refused_with(response, "Untuk jam khusus, isi jam buka sebelum jam tutup.")
    assert _count(alpha, DateOverride) == before


def test_a_schedule_profile_that_ends_before_it_starts_is_refused(alpha, regency_admin):
    before = _count(alpha, ScheduleProfile)

    response = _add(regency_admin, "scheduleprofile", _schedule_profile())

    assert response.status_code == 200
    assert _errors(response)
    assert _count(alpha, ScheduleProfile) == before
    with in_schema(alpha):
        assert not ScheduleProfile.objects.filter(key="libur-akhir-tahun").exists()


def test_a_location_outside_indonesia_is_refused(alpha, regency_admin):
    before = _count(alpha, Location)

    response = _add(regency_admin, "location", _location(latitude="48.85", longitude="2.35"))

    assert response.status_code == 200
    assert _errors(response)
    assert _count(alpha, Location) == before


@pytest.mark.parametrize(
    ("model_name", "data"),
    [
        ("weeklyhours", _weekly_hours),
        ("dateoverride", lambda alpha: _date_override()),
        ("scheduleprofile", lambda alpha: _schedule_profile()),
        ("location", lambda alpha: _location(latitude="48.85", longitude="2.35")),
    ],
    ids=["weekly-hours", "date-override", "profile-dates", "location-outside-indonesia"],
)
def test_a_refused_snippet_explains_itself_without_naming_a_database_constraint(
    alpha, regency_admin, model_name, data
):
    """Django's own check of a CheckConstraint says only "Batasan “<name>” dilanggar."; an admin
    needs to read what to fix (a `violation_error_message`, or a clean() that covers the rule)."""
    response = _add(regency_admin, model_name, data(alpha))

    assert response.status_code == 200
    errors = _errors(response)
    assert errors
    assert [e for e in errors if e.startswith(CONSTRAINT_MESSAGE)] == []
    assert CONSTRAINT_MESSAGE not in response.text
