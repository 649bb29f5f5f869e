"""Isolation of the catalogue in each portal's Wagtail admin: an admin of alpha never lists, opens,
deletes, switches on or off, imports into or exports the rows of beta, whose primary keys overlap
alpha's (every schema numbers its rows from 1).

The Service listing and edit URL are covered in test_admin_catalogue.py; the other catalogue
snippets are covered here.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max

from accounts.models import User
from catalogue.models import (
    Agency,
    AgencyMembership,
    Counter,
    DateOverride,
    Location,
    ScheduleProfile,
    ServiceCategory,
    ServicePledge,
    WeeklyHours,
)
from tests.conftest import in_schema, staff_client, staff_login, staff_user

PASSWORD = "admin-kuat-2026"
SNIPPETS = "/admin/snippets/tenants_app"


def _unused_pk(model, alpha, beta) -> int:
    """A primary key that neither regency uses for `model`."""
    highest = 0
    for regency in (alpha, beta):
        with in_schema(regency):
            highest = max(highest, model.objects.aggregate(m=Max("pk"))["m"] or 0)
    return highest + 1000


# Rows created in beta for these tests, each with a name only beta has; `None` lets the database
# choose the primary key.
def _beta_agency(pk):
    return Agency.objects.create(pk=pk, key="dinsos-beta", name="Dinas Sosial Paser", kind="opd")


def _beta_counter(pk):
    return Counter.objects.create(
        pk=pk,
        key="loket-2",
        agency=Agency.objects.get(key="bpjs-kesehatan"),
        location=Location.objects.get(key="mpp-beta"),
        code="2",
        name="Loket Kepesertaan Beta",
    )


def _beta_location(pk):
    return Location.objects.create(pk=pk, key="gerai-beta", name="Gerai Kelurahan Tanah Grogot")


def _beta_category(pk):
    return ServiceCategory.objects.create(pk=pk, key="jaminan-sosial", name="Jaminan Sosial Beta")


def _beta_pledge(pk):
    return ServicePledge.objects.create(
        pk=pk,
        agency=Agency.objects.get(key="bpjs-kesehatan"),
        title="Maklumat BPJS Beta",
        text="Kami melayani peserta JKN dengan ramah.",
        signed_on=date(2026, 2, 1),
    )


def _beta_profile(pk):
    return ScheduleProfile.objects.create(
        pk=pk,
        key="libur-beta",
        name="Jam Libur Paser",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 30),
    )


def _beta_weekly_hours(pk):
    return WeeklyHours.objects.create(
        pk=pk,
        location=Location.objects.get(key="mpp-beta"),
        profile=ScheduleProfile.objects.get(key="normal"),
        agency=Agency.objects.get(key="bpjs-kesehatan"),
        weekday=0,
        opens=time(9, 0),
        closes=time(11, 0),
    )


def _beta_override(pk):
    return DateOverride.objects.create(pk=pk, date=date(2026, 5, 2), name="Libur Khusus Paser")


def _beta_membership(pk):
    user = User.objects.create_user(email="bpjs@beta.test", password=PASSWORD)
    return AgencyMembership.objects.create(
        pk=pk, user=user, agency=Agency.objects.get(key="bpjs-kesehatan")
    )


def _alpha_membership():
    user = User.objects.create_user(email="polres@alpha.test", password=PASSWORD)
    AgencyMembership.objects.create(user=user, agency=Agency.objects.get(key="polres"))


@dataclass(frozen=True)
class Snippet:
    model: type
    alpha_text: str  # shown in alpha's listing, from alpha's catalogue
    beta_text: str  # shown in beta's listing for the row `beta_row` creates
    beta_row: Callable
    alpha_setup: Callable | None = None

    @property
    def url(self) -> str:
        return f"{SNIPPETS}/{self.model._meta.model_name}/"


SNIPPET_CASES = [
    Snippet(Agency, "Kepolisian Resor Alpha", "Dinas Sosial Paser", _beta_agency),
    Snippet(Counter, "SIM dan SKCK", "Loket Kepesertaan Beta", _beta_counter),
    Snippet(Location, "Gerai Desa Sukamaju", "Gerai Kelurahan Tanah Grogot", _beta_location),
    Snippet(ServiceCategory, "Perizinan Berusaha", "Jaminan Sosial Beta", _beta_category),
    Snippet(ServicePledge, "Maklumat Pelayanan", "Maklumat BPJS Beta", _beta_pledge),
    Snippet(ScheduleProfile, "Ramadan", "Jam Libur Paser", _beta_profile),
    Snippet(WeeklyHours, "Gerai Desa Sukamaju", "Gedung MPP Beta", _beta_weekly_hours),
    Snippet(DateOverride, "Hari jadi kabupaten", "Libur Khusus Paser", _beta_override),
    Snippet(
        AgencyMembership,
        "polres@alpha.test",
        "bpjs@beta.test",
        _beta_membership,
        _alpha_membership,
    ),
]


def _listing_rows(html: str) -> str:
    """The text of the listing's result table (the last table on the page)."""
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert tables, "the listing has no result table"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", tables[-1])).split())


@pytest.fixture
def admins(alpha, beta):
    alpha_admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    beta_admin = staff_client(beta, "admin@beta.test", group="Admin MPP")
    return alpha_admin, beta_admin


@pytest.mark.parametrize("case", SNIPPET_CASES, ids=lambda c: c.model.__name__)
def test_a_snippet_listing_shows_only_its_own_regencys_rows(alpha, beta, admins, case):
    alpha_admin, beta_admin = admins
    if case.alpha_setup:
        with in_schema(alpha):
            case.alpha_setup()
    with in_schema(beta):
        case.beta_row(None)

    alpha_listing = alpha_admin.get(case.url)
    beta_listing = beta_admin.get(case.url)

    assert (alpha_listing.status_code, beta_listing.status_code) == (200, 200)
    assert case.alpha_text in _listing_rows(alpha_listing.text)
    assert case.beta_text not in alpha_listing.text  # not in the rows, filters or anywhere
    assert case.beta_text in _listing_rows(beta_listing.text)
    assert case.alpha_text not in beta_listing.text


@pytest.mark.parametrize("case", SNIPPET_CASES, ids=lambda c: c.model.__name__)
def test_an_admin_cannot_open_or_delete_another_regencys_snippet_by_its_pk(
    alpha, beta, admins, case
):
    alpha_admin, beta_admin = admins
    pk = _unused_pk(case.model, alpha, beta)
    with in_schema(beta):
        case.beta_row(pk)

    edit = alpha_admin.get(f"{case.url}edit/{pk}/")
    delete = alpha_admin.post(f"{case.url}delete/{pk}/")

    assert edit.status_code == 404
    assert delete.status_code == 404
    with in_schema(beta):
        assert case.model.objects.filter(pk=pk).exists()
    # The same URL at beta's own admin is the row's edit form (the URL itself is right).
    own = beta_admin.get(f"{case.url}edit/{pk}/")
    assert own.status_code == 200
    assert case.beta_text in own.text


def test_posting_an_edit_of_another_regencys_location_changes_nothing(alpha, beta, admins):
    alpha_admin, _beta_admin = admins
    pk = _unused_pk(Location, alpha, beta)
    with in_schema(beta):
        _beta_location(pk)
    with in_schema(alpha):
        alpha_locations = sorted(Location.objects.values_list("key", "name"))

    response = alpha_admin.post(
        f"{SNIPPETS}/location/edit/{pk}/",
        {
            "name": "Diambil alih",
            "key": "diambil-alih",
            "kind": "village",
            "address": "",
            "latitude": "",
            "longitude": "",
            "phone": "",
            "description": "",
            "sort_order": "0",
            "is_active": "on",
        },
    )

    assert response.status_code == 404
    with in_schema(beta):
        assert Location.objects.get(pk=pk).name == "Gerai Kelurahan Tanah Grogot"
    with in_schema(alpha):
        assert sorted(Location.objects.values_list("key", "name")) == alpha_locations


@pytest.mark.parametrize("action", ["deactivate", "activate"])
def test_bulk_actions_posted_with_another_regencys_pks_change_only_the_own_regency(
    alpha, beta, admins, action
):
    alpha_admin, _beta_admin = admins
    target = action == "activate"
    beta_only_pk = _unused_pk(Counter, alpha, beta)
    with in_schema(beta):
        _beta_counter(beta_only_pk)
        Counter.objects.update(is_active=not target)
        beta_pks = sorted(Counter.objects.values_list("pk", flat=True))
    with in_schema(alpha):
        Counter.objects.update(is_active=not target)
        # Beta's pks that alpha also uses name alpha's own rows at alpha's host.
        shared = sorted(Counter.objects.filter(pk__in=beta_pks).values_list("key", flat=True))
    assert shared  # some of beta's pks are also alpha's (each schema numbers from 1)
    url = f"/admin/bulk/tenants_app/counter/{action}/?" + "&".join(f"id={i}" for i in beta_pks)

    response = alpha_admin.post(url, {})

    assert response.status_code == 302
    with in_schema(beta):
        assert sorted(Counter.objects.values_list("key", "is_active")) == [
            ("loket-1", not target),
            ("loket-2", not target),
        ]
    with in_schema(alpha):
        assert (
            sorted(Counter.objects.filter(is_active=target).values_list("key", flat=True)) == shared
        )
        assert Counter.objects.count() == 4


AGENCIES_CSV = "key,name,abbreviation,kind,parent\npln,PT PLN (Persero) UP3 Alpha,PLN,bumn,\n"


def test_an_import_preview_of_one_regency_cannot_be_applied_at_another(alpha, beta):
    alpha_user = staff_user(alpha, "admin@alpha.test", group="Admin MPP")
    # Beta's admin has the same user id, so the pending import's cache key names it too, except
    # for the schema the key is stored under.
    beta_user = staff_user(beta, "admin@beta.test", group="Admin MPP", pk=alpha_user.pk)
    assert beta_user.pk == alpha_user.pk
    alpha_admin = staff_login(alpha, "admin@alpha.test")
    beta_admin = staff_login(beta, "admin@beta.test")
    preview = alpha_admin.post(
        "/admin/katalog/impor/",
        {
            "kind": "agencies",
            "file": SimpleUploadedFile("instansi.csv", AGENCIES_CSV.encode(), "text/csv"),
        },
    )
    assert preview.status_code == 200
    token = preview.context["token"]
    assert preview.context["report"].created["agencies"] == ["pln"]

    refused = beta_admin.post("/admin/katalog/impor/terapkan/", {"token": token}, follow=True)

    assert "Pratinjau impor sudah kedaluwarsa" in refused.text
    with in_schema(beta):
        assert sorted(Agency.objects.values_list("key", flat=True)) == ["bpjs-kesehatan"]
    with in_schema(alpha):
        assert not Agency.objects.filter(key="pln").exists()
    # The preview is still pending at alpha, where it belongs.
    applied = alpha_admin.post("/admin/katalog/impor/terapkan/", {"token": token})
    assert applied.status_code == 302
    with in_schema(alpha):
        assert Agency.objects.get(key="pln").name == "PT PLN (Persero) UP3 Alpha"
    with in_schema(beta):
        assert sorted(Agency.objects.values_list("key", flat=True)) == ["bpjs-kesehatan"]


def test_each_regencys_export_holds_only_its_own_catalogue(admins):
    alpha_admin, beta_admin = admins

    beta_export = beta_admin.get("/admin/katalog/ekspor/")
    alpha_export = alpha_admin.get("/admin/katalog/ekspor/")

    assert (alpha_export.status_code, beta_export.status_code) == (200, 200)
    alpha_doc = json.loads(alpha_export.content)
    beta_doc = json.loads(beta_export.content)

    def keys(document, part):
        return sorted(item["key"] for item in document[part])

    assert keys(alpha_doc, "services") == [
        "akta-kelahiran",
        "ktp-el-baru",
        "nib-oss",
        "sim-a-baru",
        "skck",
    ]
    assert keys(alpha_doc, "agencies") == ["disdukcapil", "dpmptsp", "polres"]
    assert keys(alpha_doc, "locations") == ["gedung-mpp", "gerai-desa-sukamaju"]
    assert keys(beta_doc, "services") == ["pendaftaran-jkn"]
    assert keys(beta_doc, "agencies") == ["bpjs-kesehatan"]
    assert keys(beta_doc, "locations") == ["mpp-beta"]
    alpha_text = alpha_export.content.decode()
    for beta_only in ("bpjs-kesehatan", "pendaftaran-jkn", "mpp-beta", "MPP Beta", "Tanah Grogot"):
        assert beta_only not in alpha_text, beta_only
    beta_text = beta_export.content.decode()
    for alpha_only in ("sim-a-baru", "gedung-mpp", "MPP Alpha", "Bupati Alpha", "Martapura"):
        assert alpha_only not in beta_text, alpha_only
