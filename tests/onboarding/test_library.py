"""The template library: browsing, immutable versions, review by operators, adoption counts, and
the regency's view of a newer version (three-way diff and pull)."""

import copy

import pytest
from django.test import Client

from catalogue.models import Service
from onboarding.library import (
    TemplateError,
    document_diff,
    seed_templates_ensure,
    template_adopt,
    template_create,
    template_feature,
    template_retire,
    template_version_add,
    template_version_review,
)
from onboarding.models import (
    Template,
    TemplateAdoption,
    TemplateStatus,
    TemplateVersion,
    VersionReview,
)
from tests.conftest import in_schema, staff_client
from tests.factories.catalogues import alpha_catalogue


@pytest.fixture
def templates(db):
    return seed_templates_ensure()


def test_the_library_is_browsable_without_an_account(templates):
    client = Client(HTTP_HOST="localhost")

    listing = client.get("/templat/")
    detail = client.get("/templat/model-badung/")

    assert listing.status_code == 200
    for name in ("MPP model Badung", "MPP model Kota Bandung", "MPP model Soppeng"):
        assert name in listing.text
    assert "156 layanan dengan standar pelayanan" in listing.text
    assert detail.status_code == 200
    assert "Dinas Kependudukan dan Pencatatan Sipil" in detail.text
    assert "dipakai 0 daerah" in detail.text
    assert client.get("/templat/tidak-ada/").status_code == 404
    assert client.get("/en/templat/").status_code == 200


def test_adoption_is_counted(templates, alpha, beta):
    version = Template.objects.get(slug="model-badung").versions.get()
    template_adopt(regency=alpha, version=version)
    template_adopt(regency=beta, version=version)

    page = Client(HTTP_HOST="localhost").get("/templat/model-badung/")

    assert "dipakai 2 daerah" in page.text


def test_seeding_twice_adds_nothing_and_a_changed_seed_becomes_version_two(templates, monkeypatch):
    assert [t.slug for t in seed_templates_ensure()] == [
        "model-badung",
        "model-bandung",
        "model-soppeng",
    ]
    assert TemplateVersion.objects.count() == 3

    from onboarding import seeding

    original = seeding.seed_template_document

    def changed(name):
        document = original(name)
        if name == "soppeng":
            document["services"][0]["name"] = "Nama layanan yang diperbarui"
        return document

    monkeypatch.setattr(seeding, "seed_template_document", changed)
    seed_templates_ensure()

    assert list(
        Template.objects.get(slug="model-soppeng").versions.values_list("number", flat=True)
    ) == [2, 1]


def test_versions_are_immutable(templates):
    version = TemplateVersion.objects.first()
    version.document = {}

    with pytest.raises(ValueError, match="immutable"):
        version.save()


def test_a_template_that_fails_the_schema_says_which_field(db):
    document = alpha_catalogue()
    document["services"][1]["channel"] = "merpati"

    with pytest.raises(TemplateError) as excinfo:
        template_create(name="Rusak", document=document)

    assert "services[1].channel" in str(excinfo.value)
    assert not Template.objects.exists()


def test_a_regency_publishes_its_setup_and_an_operator_approves_it(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    response = admin.post(
        "/admin/templat/terbitkan/",
        {"name": "MPP model OKU Timur", "description": "Kabupaten dengan gerai desa."},
    )

    assert response.status_code == 302
    template = Template.objects.get(source_regency=alpha)
    version = template.versions.get()
    assert (template.status, version.review) == (TemplateStatus.PENDING, VersionReview.PENDING)
    assert version.created_by_email == "admin@alpha.test"
    assert len(version.document["services"]) == 5
    public = Client(HTTP_HOST="localhost")
    assert "MPP model OKU Timur" not in public.get("/templat/").text

    template_version_review(version=version, approve=True, actor=None)

    assert "MPP model OKU Timur" in public.get("/templat/").text


def test_operators_feature_and_retire_templates(templates):
    bandung = Template.objects.get(slug="model-bandung")
    soppeng = Template.objects.get(slug="model-soppeng")
    template_feature(template=soppeng, featured=True, actor=None)
    template_retire(template=bandung, actor=None)

    listing = Client(HTTP_HOST="localhost").get("/templat/").text

    assert "MPP model Kota Bandung" not in listing
    assert Template.objects.get(slug="model-soppeng").is_featured


def test_document_diff_ignores_formatting_and_sees_real_changes():
    old = alpha_catalogue()
    new = copy.deepcopy(old)
    new["services"][0]["standard"]["requirements"] = [
        " Fotokopi Kartu Keluarga ",
        "Surat pengantar RT/RW",
    ]
    new["services"][1]["standard"]["fee"] = {"is_free": False, "amount": 10000}
    new["services"].append(
        {**new["services"][3], "key": "skck-perpanjangan", "name": "Perpanjangan SKCK"}
    )
    new["services"] = [s for s in new["services"] if s["key"] != "nib-oss"]
    new["counters"][2]["services"] = []

    diff = document_diff(old, new)

    assert (diff["services"].added, diff["services"].changed, diff["services"].removed) == (
        ["skck-perpanjangan"],
        ["akta-kelahiran"],
        ["nib-oss"],
    )
    assert diff["counters"].changed == ["loket-c1"]
    assert diff["agencies"].is_empty


@pytest.fixture
def adopted_alpha(alpha):
    """Alpha came from version 1 of a template made of its own catalogue; version 2 then changed."""
    template = template_create(name="Model Alpha", document=alpha_catalogue())
    v1 = template.versions.get()
    template_adopt(regency=alpha, version=v1)
    new = alpha_catalogue()
    new["services"][0]["name"] = "Penerbitan KTP-el (Perekaman Baru)"  # ktp-el-baru: changed
    new["services"][3]["standard"]["procedure"].append(
        "Ambil SKCK di loket"
    )  # skck: changed, edited locally
    new["services"].append(
        {**new["services"][1], "key": "akta-kematian", "name": "Penerbitan Akta Kematian"}
    )  # added
    new["services"] = [s for s in new["services"] if s["key"] != "nib-oss"]  # removed
    new["counters"][2]["services"] = []
    v2 = template_version_add(
        template=template, document=new, changelog="Layanan adminduk diperbarui."
    )
    with in_schema(alpha):
        Service.objects.filter(key="skck").update(name="SKCK (nama lokal)")
    client = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    return client, v2


def test_the_regency_sees_what_changed_and_what_it_edited_itself(adopted_alpha):
    client, _v2 = adopted_alpha

    page = client.get("/admin/templat/")

    changes = {(c.section, c.key): c for c in page.context["changes"]}
    assert set(changes) == {
        ("services", "ktp-el-baru"),
        ("services", "skck"),
        ("services", "akta-kematian"),
        ("services", "nib-oss"),
        ("counters", "loket-c1"),
    }
    assert changes[("services", "skck")].edited_here is True
    assert changes[("services", "skck")].default_on is False
    assert changes[("services", "ktp-el-baru")].default_on is True
    assert changes[("services", "nib-oss")].default_on is False  # removals are opt-in
    assert "Anda sudah mengubah baris ini" in page.text


def test_pulling_takes_only_the_chosen_parts_and_keeps_local_edits(alpha, adopted_alpha):
    client, v2 = adopted_alpha

    response = client.post(
        "/admin/templat/",
        {
            "pull-services-ktp-el-baru": "on",
            "pull-services-akta-kematian": "on",
            "pull-services-nib-oss": "on",
        },
    )

    assert response.status_code == 302
    with in_schema(alpha):
        assert Service.objects.get(key="ktp-el-baru").name == "Penerbitan KTP-el (Perekaman Baru)"
        assert Service.objects.get(key="akta-kematian").is_active
        assert Service.objects.get(key="skck").name == "SKCK (nama lokal)"  # not pulled: kept
        assert Service.objects.get(key="nib-oss").is_active is False  # deactivated, not deleted
    assert TemplateAdoption.objects.get(regency=alpha).version == v2
    assert client.get("/admin/templat/").context["changes"] == []


def test_another_regency_cannot_see_or_pull_a_template_it_did_not_adopt(beta, adopted_alpha):
    client = staff_client(beta, "admin@beta.test", superuser=True)

    page = client.get("/admin/templat/")

    assert page.context["adoption"] is None
    assert "Portal ini tidak dibuat dari templat." in page.text
