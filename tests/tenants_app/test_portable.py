"""The portable catalogue: validation, import (dry run, replace, versions), export round trip."""

import json
from pathlib import Path

import pytest

from catalogue.models import Agency, Counter, Service, ServiceStandard, WeeklyHours
from catalogue.portable import (
    CatalogueInvalid,
    catalogue_export,
    catalogue_import,
    validate_document,
)
from regencies.actions import RegencyRequest, regency_create
from tests.conftest import in_schema
from tests.factories.catalogues import alpha_catalogue

ROOT = Path(__file__).resolve().parents[2]


def _snapshot():
    return (
        sorted(
            Service.objects.values_list("key", "name", "is_active", "current_standard__version")
        ),
        sorted(Agency.objects.values_list("key", "name", "is_active")),
        Counter.objects.count(),
        ServiceStandard.objects.count(),
    )


def test_the_json_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "tenants_app/catalogue/portable/catalogue.schema.json").read_text())
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(version=2), "version"),
        (
            lambda d: d["services"][0].pop("standard"),
            "services[0]: 'standard' is a required property",
        ),
        (
            lambda d: d["services"][1]["standard"]["fee"].update(is_free="ya"),
            "services[1].standard.fee.is_free",
        ),
        (
            lambda d: d["services"][0].update(agency="tidak-ada"),
            "services[0].agency: instansi 'tidak-ada'",
        ),
        (
            lambda d: d["counters"][0]["services"].append("hantu"),
            "counters[0].services: layanan 'hantu'",
        ),
        (lambda d: d["locations"][0].update(latitude=52.5), "locations[0].latitude"),
        (lambda d: d["agencies"][0].update(kind="kementerian"), "agencies[0].kind"),
        (
            lambda d: d["services"][2]["standard"]["fee"].update(is_free=True),
            "layanan gratis tidak memiliki nominal",
        ),
        (
            lambda d: d["locations"][0]["schedules"][0]["days"][0].update(closes="07:00"),
            "jam buka harus sebelum",
        ),
        (lambda d: d["branding"].update(accent_color="#f4d03f"), "branding.accent_color"),
        (
            lambda d: d["services"].append(dict(d["services"][0])),
            "kunci 'ktp-el-baru' dipakai lebih dari sekali",
        ),
    ],
)
def test_an_invalid_document_names_the_field_and_changes_nothing(alpha, mutate, expected):
    document = alpha_catalogue()
    mutate(document)
    with in_schema(alpha):
        document["services"][0]["name"] = "Nama baru yang tidak boleh tersimpan"
        before = _snapshot()
        with pytest.raises(CatalogueInvalid) as excinfo:
            catalogue_import(document=document)
        assert _snapshot() == before
    assert expected in str(excinfo.value)


def test_importing_the_same_document_again_changes_nothing(alpha):
    with in_schema(alpha):
        before = _snapshot()
        report = catalogue_import(document=alpha_catalogue())
        assert _snapshot() == before
    assert not report.has_changes
    assert report.unchanged["services"] == 5


def test_a_dry_run_reports_exact_changes_and_writes_nothing(alpha):
    document = alpha_catalogue()
    document["services"][0]["standard"]["requirements"].append("Pas foto 3x4")
    document["agencies"].append({"key": "pln", "name": "PT PLN (Persero)", "kind": "bumn"})
    with in_schema(alpha):
        before = _snapshot()
        report = catalogue_import(document=document, dry_run=True)
        assert _snapshot() == before
    assert report.dry_run
    assert report.created["agencies"] == ["pln"]
    assert report.updated["services"] == ["ktp-el-baru"]


def test_a_changed_standard_becomes_a_new_version_and_the_old_one_is_kept(alpha):
    document = alpha_catalogue()
    document["services"][0]["standard"]["requirements"] = ["Fotokopi Kartu Keluarga"]
    with in_schema(alpha):
        catalogue_import(document=document)
        service = Service.objects.select_related("current_standard").get(key="ktp-el-baru")
        versions = list(
            service.standards.order_by("version").values_list("version", "requirements")
        )
    assert service.current_standard.version == 2
    assert versions == [
        (1, ["Fotokopi Kartu Keluarga", "Surat pengantar RT/RW"]),
        (2, ["Fotokopi Kartu Keluarga"]),
    ]


def test_replace_mode_deactivates_rows_missing_from_the_document_and_deletes_nothing(alpha):
    document = alpha_catalogue()
    document["services"] = [s for s in document["services"] if s["key"] != "skck"]
    document["counters"][1]["services"] = ["sim-a-baru"]
    with in_schema(alpha):
        report = catalogue_import(document=document, replace=True)
        skck = Service.objects.get(key="skck")
    assert report.deactivated["services"] == ["skck"]
    assert skck.is_active is False


def test_skipped_agencies_take_their_services_counters_and_pledges_along(db):
    regency = regency_create(request=RegencyRequest(code="74.13", subdomain="munabarat"))
    with in_schema(regency):
        catalogue_import(document=alpha_catalogue(), skip_keys={"agencies": {"polres"}})
        assert not Agency.objects.filter(key="polres").exists()
        assert sorted(Service.objects.values_list("key", flat=True)) == [
            "akta-kelahiran",
            "ktp-el-baru",
            "nib-oss",
        ]
        assert not Counter.objects.filter(key="loket-b1").exists()


def test_export_then_import_into_another_regency_reproduces_the_catalogue(alpha):
    with in_schema(alpha):
        exported = catalogue_export(title="Alpha")
    validate_document(exported)
    copy = regency_create(request=RegencyRequest(code="74.13", subdomain="munabarat"))
    with in_schema(copy):
        catalogue_import(document=exported)
        again = catalogue_export(title="Alpha")
        hours = WeeklyHours.objects.count()
    for section in (
        "agencies",
        "services",
        "counters",
        "locations",
        "schedule_profiles",
        "pledges",
        "closures",
        "categories",
        "branding",
    ):
        assert again[section] == exported[section], section
    # The home page keeps the new regency's own brand as its title; every other page is copied.
    assert [(p["kind"], p["title"]) for p in again["pages"] if p["kind"] != "home"] == [
        (p["kind"], p["title"]) for p in exported["pages"] if p["kind"] != "home"
    ]
    assert again["pages"][0]["intro"] == exported["pages"][0]["intro"]
    assert hours == 7 * 2 + 7


@pytest.mark.parametrize("name", ["badung", "bandung", "soppeng"])
def test_the_seed_templates_are_valid_complete_catalogues(name):
    from onboarding.seeding import SEED_TEMPLATES, seed_template_document

    assert name in SEED_TEMPLATES
    path = ROOT / "onboarding" / "seed_templates" / f"{name}.json"
    if not path.exists():
        pytest.fail(f"seed template {path} is missing")
    document = seed_template_document(name)
    validate_document(document)
    in_person = {s["key"] for s in document["services"] if s["channel"] == "in_person"}
    served = {k for c in document["counters"] for k in c.get("services", [])}
    assert in_person <= served
    assert {a["kind"] for a in document["agencies"]} == {
        "opd",
        "provincial",
        "vertical",
        "bumn",
        "bumd",
        "private",
    }
    for service in document["services"]:
        standard = service["standard"]
        assert standard["requirements"], service["key"]
        assert standard["procedure"], service["key"]
        assert standard["product"], service["key"]
        assert standard["legal_basis"], service["key"]
