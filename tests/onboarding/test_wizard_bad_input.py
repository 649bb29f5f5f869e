"""Bad input to the onboarding wizard and the template library: each step refuses it with the
Indonesian message from its form, stays on the same step, saves nothing, and never answers 500."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from onboarding.forms import MAX_LOGO_BYTES
from onboarding.library import seed_templates_ensure
from onboarding.models import Application, ApplicationStatus, ProvisioningJob, Template
from regencies.models import Domain, Regency
from tests.onboarding.test_wizard import applicant, fill_to_template, pdf, step, to_plan_step

SVG = (
    b'<?xml version="1.0"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
    b'<rect width="64" height="64" fill="#7a1f1f"/></svg>'
)
BRANDING = {"brand_name": "Mappatabe", "primary_color": "#7a1f1f", "accent_color": "#8a6100"}
SVG_REFUSED = "Logo SVG tidak diterima; unggah PNG, JPG, atau WebP."


@pytest.fixture
def templates(db):
    return seed_templates_ensure()


def _application() -> Application:
    return Application.objects.get()


def _errors(response, field=None) -> list[str]:
    form = response.context["form"]
    return form.non_field_errors() if field is None else form.errors.get(field, [])


def _to_address_step(client):
    response = step(
        client,
        1,
        {
            "kabkota": "73.12",
            "applicant_name": "Andi",
            "applicant_position": "Kepala Dinas",
            "applicant_office": "DPMPTSP",
            "request_letter": pdf(),
        },
    )
    assert response.status_code == 302


def _to_plan_step(client):
    to_plan_step(client)
    assert _application().step == 6


def _soppeng_version():
    return Template.objects.get(slug="model-soppeng").versions.get()


# --- step 2 ---------------------------------------------------------------------------------------
def test_a_custom_domain_another_regency_uses_is_refused(templates, alpha):
    Domain.objects.create(tenant=alpha, domain="mpp.okutimurkab.go.id", is_primary=False)
    client = applicant()
    _to_address_step(client)

    taken = step(client, 2, {"subdomain": "soppeng", "custom_domain": " MPP.OkuTimurKab.go.id. "})
    platform = step(client, 2, {"subdomain": "soppeng", "custom_domain": "alpha.localhost"})

    assert taken.status_code == platform.status_code == 200
    assert _errors(taken, "custom_domain") == ["Domain 'mpp.okutimurkab.go.id' sudah dipakai."]
    assert "Domain &#x27;mpp.okutimurkab.go.id&#x27; sudah dipakai." in taken.text
    assert _errors(platform, "custom_domain") == [
        "Domain di bawah localhost diatur sebagai subdomain, bukan domain sendiri."
    ]
    application = _application()
    assert (application.step, application.subdomain, application.custom_domain) == (2, "", "")


# --- step 3 ---------------------------------------------------------------------------------------
def _png_bytes(size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 90, 80)).save(buffer, format="PNG")
    return buffer.getvalue()


def _noise_png(min_bytes: int) -> bytes:
    """A real PNG larger than `min_bytes` (random pixels do not compress)."""
    side = int((min_bytes / 3) ** 0.5) + 64
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=0)
    data = buffer.getvalue()
    assert len(data) > min_bytes
    return data


@pytest.mark.parametrize(
    ("name", "content"),
    [("logo.svg", SVG), ("logo.svg", None)],
    ids=["real-svg", "png-bytes-named-svg"],
)
def test_an_svg_logo_is_refused_with_its_own_message(templates, name, content):
    client = applicant()
    fill_to_template(client)  # to step 4; branding is then edited again
    before = _application()
    upload = SimpleUploadedFile(name, content or _png_bytes(), content_type="image/svg+xml")

    response = step(client, 3, {**BRANDING, "brand_name": "Merek Baru", "logo": upload})

    assert response.status_code == 200
    assert _errors(response, "logo") == [SVG_REFUSED]
    assert SVG_REFUSED in response.text
    after = _application()
    assert after.brand_name == before.brand_name == "Mappatabe"
    assert after.logo.name == before.logo.name


def test_a_logo_over_two_megabytes_is_refused(templates):
    client = applicant()
    _to_address_step(client)
    assert step(client, 2, {"subdomain": "soppeng", "custom_domain": ""}).status_code == 302
    upload = SimpleUploadedFile("logo.png", _noise_png(MAX_LOGO_BYTES), content_type="image/png")

    response = step(client, 3, {**BRANDING, "logo": upload})

    assert response.status_code == 200
    assert _errors(response, "logo") == ["Logo terlalu besar; paling besar 2 MB."]
    assert "Logo terlalu besar; paling besar 2 MB." in response.text
    application = _application()
    assert (application.step, application.brand_name, application.logo.name) == (3, "", "")


# --- step 4 ---------------------------------------------------------------------------------------
def test_pledges_without_the_catalogue_are_refused(templates):
    client = applicant()
    fill_to_template(client)

    response = step(client, 4, {"template_version": _soppeng_version().pk, "parts": ["pledges"]})

    assert response.status_code == 200
    assert _errors(response, "parts") == [
        "Maklumat dan halaman hanya dapat disalin bersama instansi dan layanannya."
    ]
    application = _application()
    assert (application.step, application.template_version_id) == (4, None)


def test_an_unknown_template_version_is_refused(templates):
    client = applicant()
    fill_to_template(client)

    response = step(client, 4, {"template_version": "999999", "parts": ["catalogue"]})

    assert response.status_code == 200
    assert _errors(response, "template_version") == [
        "Masukkan pilihan yang valid. 999999 bukan salah satu dari pilihan yang tersedia."
    ]
    application = _application()
    assert (application.step, application.template_version_id) == (4, None)


# --- step 5 ---------------------------------------------------------------------------------------
def test_a_new_agency_needs_a_kind(templates):
    client = applicant()
    fill_to_template(client)
    version = _soppeng_version()
    assert (
        step(client, 4, {"template_version": version.pk, "parts": ["catalogue"]}).status_code == 302
    )

    response = step(
        client,
        5,
        {
            "baru-TOTAL_FORMS": "3",
            "baru-INITIAL_FORMS": "0",
            "baru-0-name": "Klinik UMKM Soppeng",
            "baru-0-abbreviation": "UMKM",
            "baru-0-kind": "",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors[0] == {"kind": ["Pilih jenis instansi."]}
    assert "Pilih jenis instansi." in response.text
    application = _application()
    assert (application.step, application.review) == (5, {})


# --- step 6 ---------------------------------------------------------------------------------------
def test_an_unknown_plan_is_refused(templates):
    client = applicant()
    _to_plan_step(client)

    response = step(
        client, 6, {"plan": "x", "billing_interval": "year", "billing_collection": "trial"}
    )

    assert response.status_code == 200
    assert _errors(response, "plan") == [
        "Masukkan pilihan yang valid. x bukan salah satu dari pilihan yang tersedia."
    ]
    assert "Masukkan pilihan yang valid. x bukan salah satu dari pilihan yang tersedia." in (
        response.text
    )
    application = _application()
    assert application.step == 6
    assert application.plan != "x"


# --- step 7 ---------------------------------------------------------------------------------------
def test_confirming_needs_the_declaration(templates):
    client = applicant()
    _to_plan_step(client)
    assert (
        step(
            client,
            6,
            {"plan": "standar", "billing_interval": "year", "billing_collection": "trial"},
        ).status_code
        == 302
    )

    response = step(client, 7, {})

    assert response.status_code == 200
    assert _errors(response, "agree") == ["Centang pernyataan ini untuk melanjutkan."]
    assert "Centang pernyataan ini untuk melanjutkan." in response.text
    application = _application()
    assert (application.step, application.status) == (7, ApplicationStatus.DRAFT)
    assert not ProvisioningJob.objects.exists()
    assert not Regency.objects.filter(code="73.12").exists()


# --- starting again -------------------------------------------------------------------------------
def test_restart_is_post_only_and_keeps_an_application_that_did_not_fail(templates):
    client = applicant()
    fill_to_template(client)

    fetched = client.get("/daftar/ulang/")
    posted = client.post("/daftar/ulang/")

    assert fetched.status_code == 405
    assert (posted.status_code, posted["Location"]) == (302, "/daftar/")
    application = _application()
    assert (application.status, application.step) == (ApplicationStatus.DRAFT, 4)
    assert client.get("/daftar/")["Location"] == "/daftar/langkah/4/"


# --- template library -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("\x00", 'value=""'),
        ("x" * 5000, 'value="' + "x" * 100 + '"'),
        ("<script>alert(1)</script>", 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'),
        ("%' OR 1=1; --", 'value="%&#x27; OR 1=1; --"'),
    ],
    ids=["nul", "5000-chars", "script", "sql"],
)
def test_the_template_search_answers_odd_queries_normally(templates, platform_client, query, shown):
    response = platform_client.get("/templat/", {"q": query})

    assert response.status_code == 200
    assert shown in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert 'value="' + "x" * 101 not in response.text  # the search box keeps 100 characters
