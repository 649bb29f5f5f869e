"""Issue #11: a regency publishing its own template sees what would be marked as regional
(placeholders, capital, places, phones, domains), accepts all or unticks some, and its adopters
get their own names."""

from __future__ import annotations

import re

from django.test import Client

from catalogue.models import Agency, Location
from onboarding.library import template_version_review
from onboarding.localise import Region
from onboarding.models import Template
from onboarding.provisioning_steps import adopter_region, template_document_localised
from onboarding.template_marks import contacts_find
from tests.conftest import in_schema, staff_client

SOURCE_PLACES = ("Martapura", "Sukamaju", "Belitang")
PHONE = "(0735) 321 456"


def _regional_catalogue(alpha) -> str:
    """Alpha's catalogue naming its own regency, capital, places and phone, as a real one does;
    returns the regency's full name ("Kabupaten Ogan Komering Ulu Timur")."""
    full_name = adopter_region(alpha).full_name
    with in_schema(alpha):
        Location.objects.filter(key="gedung-mpp").update(
            address="Jl. Merdeka No. 1, Kec. Belitang, Martapura", phone=PHONE
        )
        Agency.objects.filter(key="disdukcapil").update(
            name=f"Dinas Kependudukan dan Pencatatan Sipil {full_name}",
            website="https://disdukcapil.okutimurkab.go.id",
        )
        Agency.objects.filter(key="dpmptsp").update(
            description="Melayani perizinan di Martapura dan seluruh kecamatan."
        )
        Agency.objects.filter(key="polres").update(website="https://www.polri.go.id")
    return full_name


def _all_proposed(page) -> dict:
    form = page.context["form"]
    return {
        "name": "MPP model OKU Timur",
        "description": "Kabupaten dengan gerai desa.",
        "terms": form.initial["terms"],
        "capital": form.initial["capital"],
        "places": form.initial["places"],
        "phones": form.initial["phones"],
        "domains": form.initial["domains"],
    }


def _hits(document: dict, words) -> list[str]:
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)
    found: list[str] = []

    def walk(node, key=""):
        if isinstance(node, str) and key not in ("key", "agency", "location", "services"):
            found.extend(f"{key}: {m.group(0)}" for m in pattern.finditer(node))
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)

    walk(document)
    return found


def test_the_publish_page_shows_the_proposed_placeholders_and_places(alpha):
    full_name = _regional_catalogue(alpha)
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    page = admin.get("/admin/templat/terbitkan/")

    assert page.status_code == 200
    proposals = page.context["proposals"]
    terms = {t.term: t.placeholder for t in proposals.terms}
    assert terms[full_name] == "{kab_kota}"
    assert terms["Martapura"] == "{ibukota}"
    assert proposals.capital == "Martapura"
    assert {"Sukamaju", "Belitang"} <= set(proposals.places)
    assert PHONE in proposals.phones  # and the MPP's own phone and WhatsApp
    assert proposals.domains == ["alpha.test", "okutimurkab.go.id"]  # not polri.go.id
    text = page.content.decode()
    assert "Dinas Kependudukan dan Pencatatan Sipil {kab_kota}" in text  # the text, after
    assert f"&ldquo;{full_name}&rdquo;" in text
    assert 'value="Sukamaju" checked' in text.replace("\n", " ") or re.search(
        r'value="Sukamaju"[^>]*checked', text
    )


def test_accepted_marks_leave_an_adopter_none_of_the_source_places(alpha, beta):
    full_name = _regional_catalogue(alpha)
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    data = _all_proposed(admin.get("/admin/templat/terbitkan/"))

    response = admin.post("/admin/templat/terbitkan/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    version = Template.objects.get(source_regency=alpha).versions.get()
    region = version.document["meta"]["region"]
    assert region["capital"] == "Martapura"
    assert {"Sukamaju", "Belitang"} <= set(region["places"])
    assert PHONE in region["phones"]
    agencies = {a["key"]: a["name"] for a in version.document["agencies"]}
    assert agencies["disdukcapil"] == "Dinas Kependudukan dan Pencatatan Sipil {kab_kota}"

    adopted = template_document_localised(version, regency=beta)

    source_words = [*SOURCE_PLACES, PHONE, full_name, "okutimurkab.go.id"]
    assert _hits(adopted, source_words) == []
    names = {a["key"]: a["name"] for a in adopted["agencies"]}
    assert names["disdukcapil"] == "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Paser"
    # The public library reads the template in the source's own names, not in placeholders.
    template_version_review(version=version, approve=True, actor=None)
    detail = Client(HTTP_HOST="localhost").get(f"/templat/{version.template.slug}/")
    assert f"Dinas Kependudukan dan Pencatatan Sipil {full_name}" in detail.content.decode()
    assert "{kab_kota}" not in detail.content.decode()


def test_unticked_places_stay_and_the_check_can_fail(alpha, beta):
    _regional_catalogue(alpha)
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    data = {**_all_proposed(admin.get("/admin/templat/terbitkan/")), "places": ["Belitang"]}
    data["terms"] = [t for t in data["terms"] if t != "martapura"]

    assert admin.post("/admin/templat/terbitkan/", data).status_code == 302

    version = Template.objects.get(source_regency=alpha).versions.get()
    assert "Sukamaju" not in version.document["meta"]["region"]["places"]
    adopted = template_document_localised(version, regency=beta)
    assert _hits(adopted, ["Sukamaju"])  # not marked: the adopter keeps it
    assert _hits(adopted, ["Martapura", "Belitang"]) == []  # capital still marked, not {ibukota}


def test_another_regency_neither_sees_nor_publishes_with_them(alpha, beta):
    _regional_catalogue(alpha)
    alpha_admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    alpha_data = _all_proposed(alpha_admin.get("/admin/templat/terbitkan/"))
    beta_admin = staff_client(beta, "admin@beta.test", group="Admin MPP")

    page = beta_admin.get("/admin/templat/terbitkan/")
    refused = beta_admin.post("/admin/templat/terbitkan/", alpha_data)

    text = page.content.decode()
    assert page.status_code == 200
    assert not [w for w in SOURCE_PLACES if w in text]
    assert PHONE not in text
    assert refused.status_code == 200  # the form again, with errors: not alpha's proposals
    assert refused.context["form"].errors.keys() >= {"places", "phones", "domains"}
    assert not Template.objects.filter(source_regency=beta).exists()


def test_bad_input_is_refused_with_a_message_and_agency_admins_cannot_publish(alpha):
    _regional_catalogue(alpha)
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")
    data = _all_proposed(admin.get("/admin/templat/terbitkan/"))

    bad_capital = admin.post("/admin/templat/terbitkan/", {**data, "capital": "<b>x</b>"})
    too_long = admin.post(
        "/admin/templat/terbitkan/", {**data, "extra_places": "A" * 61 + "\nDesa"}
    )
    nul = admin.post("/admin/templat/terbitkan/", {**data, "extra_places": "Desa\x00"})
    unknown = admin.post("/admin/templat/terbitkan/", {**data, "terms": ["bukan-usulan"]})
    agency_admin = staff_client(
        alpha, "dukcapil@alpha.test", group="Admin Instansi", agencies=("disdukcapil",)
    )
    refused = agency_admin.post("/admin/templat/terbitkan/", data)

    assert [r.status_code for r in (bad_capital, too_long, unknown)] == [200, 200, 200]
    assert nul.status_code == 400  # the site's guard against NUL bytes, not a 500
    assert "Nama tempat hanya huruf" in bad_capital.content.decode()
    assert too_long.context["form"].errors["extra_places"]
    assert unknown.context["form"].errors["terms"]
    assert refused.status_code == 302  # Wagtail's refusal: back home with its notice
    assert not Template.objects.filter(source_regency=alpha).exists()


def test_a_domain_of_a_service_system_or_a_national_one_is_not_proposed():
    region = Region(name="Badung", kind="kabupaten", province="Bali")
    document = {
        "branding": {"email": "mpp@gmail.com", "website": "https://mpp.badungkab.go.id"},
        "agencies": [
            {"key": "a", "website": "https://disdukcapil.badungkab.go.id"},
            {"key": "b", "website": "https://badung.bali.polri.go.id"},
            {"key": "c", "website": "https://imigrasi.go.id", "email": "x@bri.co.id"},
            {"key": "d", "website": "https://sipadu.denpasarkota.go.id"},
        ],
        "services": [{"key": "s", "external_url": "https://izin.denpasarkota.go.id/nib"}],
    }

    _phones, domains = contacts_find(document, region)

    # Marking denpasarkota.go.id would empty the adopters' link to the service's system.
    assert domains == ["badung.bali.polri.go.id", "badungkab.go.id"]
