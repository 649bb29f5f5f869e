"""The onboarding wizard, step by step: saved on the server, resumable, Back keeps input, every step
validates in Indonesian, and confirming provisions the portal once."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import User
from catalogue.models import Agency, Counter, Service
from onboarding.library import seed_templates_ensure
from onboarding.models import (
    Application,
    ApplicationStatus,
    ProvisioningJob,
    Template,
    TemplateAdoption,
)
from regencies.models import Regency
from tests.conftest import in_schema

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "pemohon-kuat-2026"


def pdf(name="surat.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(color=(10, 90, 80)):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), color).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def applicant(email="kadis@soppengkab.go.id") -> Client:
    user = User.objects.create_user(email=email, password=PASSWORD, full_name="Andi Pemohon")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.fixture
def templates(db):
    return seed_templates_ensure()


def step(client, number, data=None, **extra):
    url = f"/daftar/langkah/{number}/"
    return client.post(url, data, **extra) if data is not None else client.get(url, **extra)


def fill_to_template(client, *, code="73.12", subdomain="soppeng-baru"):
    assert (
        step(
            client,
            1,
            {
                "kabkota": code,
                "applicant_name": "Andi",
                "applicant_position": "Kepala Dinas",
                "applicant_office": "DPMPTSP",
                "request_letter": pdf(),
            },
        ).status_code
        == 302
    )
    assert step(client, 2, {"subdomain": subdomain, "custom_domain": ""}).status_code == 302
    assert (
        step(
            client,
            3,
            {
                "brand_name": "Mappatabe",
                "primary_color": "#7a1f1f",
                "accent_color": "#8a6100",
                "logo": png(),
            },
        ).status_code
        == 302
    )


def to_plan_step(client, **fill):
    """Steps 1 to 3 filled in (`fill_to_template`) and step 4 without a template, which skips the
    catalogue review: the application waits at the plan step."""
    fill_to_template(client, **fill)
    assert step(client, 4, {"template_version": "", "parts": []}).status_code == 302


def to_confirm_step(client, **fill):
    """`to_plan_step`, then the standard plan, yearly, as a trial: the application waits at the
    confirmation."""
    to_plan_step(client, **fill)
    assert (
        step(
            client,
            6,
            {"plan": "standar", "billing_interval": "year", "billing_collection": "trial"},
        ).status_code
        == 302
    )


def test_the_whole_wizard_provisions_a_branded_portal_from_a_template(
    templates, django_capture_on_commit_callbacks
):
    client = applicant()
    fill_to_template(client)
    version = Template.objects.get(slug="model-soppeng").versions.get()
    assert (
        step(
            client, 4, {"template_version": version.pk, "parts": ["catalogue", "pledges", "pages"]}
        ).status_code
        == 302
    )
    review = step(client, 5)
    assert "Dinas Kependudukan" in review.text
    first_agency, second_agency = version.document["agencies"][:2]
    data = {f"agency-{a['key']}-on": "on" for a in version.document["agencies"][1:]}
    data.update({f"agency-{a['key']}-name": a["name"] for a in version.document["agencies"]})
    data[f"agency-{second_agency['key']}-name"] = "Nama Baru Instansi Kedua"
    data.update({f"counter-{c['key']}-on": "on" for c in version.document["counters"]})
    data.update(
        {
            "baru-TOTAL_FORMS": "3",
            "baru-INITIAL_FORMS": "0",
            "baru-0-name": "Klinik UMKM Soppeng",
            "baru-0-abbreviation": "UMKM",
            "baru-0-kind": "private",
        }
    )
    assert step(client, 5, data).status_code == 302
    assert (
        step(
            client,
            6,
            {"plan": "standar", "billing_interval": "year", "billing_collection": "trial"},
        ).status_code
        == 302
    )
    with django_capture_on_commit_callbacks(execute=True):
        step(client, 7, {"agree": "on"})
    done = client.get("/daftar/", follow=True)

    assert done.status_code == 200
    assert "Portal Anda sudah aktif" in done.text
    regency = Regency.objects.get(code="73.12")
    assert regency.status == "active"
    assert regency.brand_name == "Mappatabe"
    assert list(regency.domains.values_list("domain", flat=True)) == ["soppeng-baru.localhost"]
    application = Application.objects.get()
    assert application.status == ApplicationStatus.DONE
    job = ProvisioningJob.objects.get()
    assert [s["status"] for s in job.steps] == ["done"] * 8
    assert TemplateAdoption.objects.get(regency=regency).version == version
    with in_schema(regency):
        assert not Agency.objects.filter(key=first_agency["key"]).exists()
        assert Agency.objects.get(key=second_agency["key"]).name == "Nama Baru Instansi Kedua"
        assert Agency.objects.get(name="Klinik UMKM Soppeng").kind == "private"
        assert not Service.objects.filter(agency__key=first_agency["key"]).exists()
        assert Service.objects.count() > 30
        assert Counter.objects.count() > 10
        admin = User.objects.get(email="kadis@soppengkab.go.id")
        assert admin.is_superuser
        assert not admin.has_usable_password()
    # The invitation sets a password at the new portal only.
    assert len(mail.outbox) == 1
    assert "soppeng-baru.localhost" in mail.outbox[0].body
    portal = Client(HTTP_HOST="soppeng-baru.localhost")
    home = portal.get("/")
    assert "Mappatabe" in home.text
    assert "--primary:#7a1f1f" in home.text
    assert 'src="/media/r_73_12/' in home.text  # the uploaded logo, in the regency's own media
    assert portal.get("/layanan/?q=ktp").status_code == 200


def test_each_step_explains_bad_input_in_indonesian(templates):
    client = applicant()
    Regency.objects.create(
        schema_name="r_51_03", name="Kabupaten Badung", code="51.03", time_zone="Asia/Makassar"
    )

    taken = step(
        client,
        1,
        {
            "kabkota": "51.03",
            "applicant_name": "A",
            "applicant_position": "B",
            "applicant_office": "C",
            "request_letter": pdf(),
        },
    )
    unknown = step(
        client,
        1,
        {
            "kabkota": "99.99",
            "applicant_name": "A",
            "applicant_position": "B",
            "applicant_office": "C",
            "request_letter": pdf(),
        },
    )
    not_pdf = step(
        client,
        1,
        {
            "kabkota": "73.12",
            "applicant_name": "A",
            "applicant_position": "B",
            "applicant_office": "C",
            "request_letter": pdf("surat.pdf", b"MZ\x90\x00 exe"),
        },
    )
    big = step(
        client,
        1,
        {
            "kabkota": "73.12",
            "applicant_name": "A",
            "applicant_position": "B",
            "applicant_office": "C",
            "request_letter": pdf(content=PDF + b"0" * (6 * 2**20)),
        },
    )
    missing = step(client, 1, {"kabkota": "73.12"})

    assert "sudah memiliki portal" in taken.text
    assert "Pilih kabupaten/kota dari daftar" in unknown.text
    assert "harus berupa PDF" in not_pdf.text
    assert "paling besar 5 MB" in big.text
    assert "Unggah surat permohonan resmi" in missing.text
    assert Application.objects.get().step == 1

    fill_step1 = step(
        client,
        1,
        {
            "kabkota": "73.12",
            "applicant_name": "A",
            "applicant_position": "B",
            "applicant_office": "C",
            "request_letter": pdf(),
        },
    )
    assert fill_step1.status_code == 302
    for subdomain, message in (
        ("www", "dicadangkan"),
        ("Bad Name", "huruf kecil"),
        ("ab", "3 sampai 40"),
    ):
        assert message in step(client, 2, {"subdomain": subdomain}).text
    assert (
        "tidak valid"
        in step(client, 2, {"subdomain": "soppeng", "custom_domain": "bukan domain"}).text
    )
    assert step(client, 2, {"subdomain": "soppeng"}).status_code == 302

    broken_logo = SimpleUploadedFile("logo.png", b"\x89PNG not really", content_type="image/png")
    bad_colours = step(
        client,
        3,
        {
            "brand_name": "X",
            "primary_color": "#fefefe",
            "accent_color": "#8a6100",
            "logo": broken_logo,
        },
    )
    assert "WCAG AA" in bad_colours.text
    assert "Unggah gambar yang valid" in bad_colours.text or "gambar" in bad_colours.text.lower()


def test_back_never_loses_input_and_the_wizard_resumes_on_another_device(templates):
    client = applicant()
    fill_to_template(client)
    half_typed = {"subdomain": "soppeng-ubah", "custom_domain": "mpp.soppengkab.go.id"}

    step(client, 2, {**half_typed, "back": "1"})
    on_other_device = Client(HTTP_HOST="localhost")
    on_other_device.force_login(User.objects.get(email="kadis@soppengkab.go.id"))
    resumed = on_other_device.get("/daftar/", follow=True)

    assert resumed.redirect_chain[-1][0] == "/daftar/langkah/4/"
    again = on_other_device.get("/daftar/langkah/2/")
    assert 'value="soppeng-ubah"' in again.text
    assert 'value="mpp.soppengkab.go.id"' in again.text
    assert on_other_device.get("/daftar/langkah/7/").status_code == 302  # not reachable yet


def test_a_double_clicked_confirm_starts_one_provisioning(templates):
    client = applicant()
    to_confirm_step(client)

    first = step(client, 7, {"agree": "on"})
    second = step(client, 7, {"agree": "on"})

    assert first.status_code == second.status_code == 302
    assert ProvisioningJob.objects.count() == 1
    assert Regency.objects.filter(code="73.12").count() == 1
    assert first["Location"] == second["Location"] or second["Location"].startswith("/daftar/")


def test_a_regency_taken_while_an_applicant_was_typing_is_refused_at_confirm(templates):
    first, second = applicant(), applicant("sekda@soppengkab.go.id")
    for client, subdomain in ((first, "soppeng-a"), (second, "soppeng-b")):
        to_confirm_step(client, subdomain=subdomain)

    won = step(first, 7, {"agree": "on"})
    lost = step(second, 7, {"agree": "on"}, follow=True)

    assert won.status_code == 302
    assert "sudah memiliki portal" in lost.text or "pemohon lain" in lost.text
    assert Regency.objects.filter(code="73.12").count() == 1
    loser = Application.objects.get(applicant__email="sekda@soppengkab.go.id")
    assert loser.status == ApplicationStatus.DRAFT  # nothing lost: they can choose again


def test_live_subdomain_check(templates):
    client = applicant()
    Regency.objects.create(
        schema_name="r_51_03", name="Kabupaten Badung", code="51.03", time_zone="Asia/Makassar"
    )
    Regency.objects.get(code="51.03").domains.create(domain="badung.localhost", is_primary=True)

    assert client.get("/daftar/cek-subdomain/?s=badung").json() == {
        "ok": False,
        "message": "Subdomain 'badung' sudah dipakai.",
    }
    assert client.get("/daftar/cek-subdomain/?s=admin").json()["ok"] is False
    assert client.get("/daftar/cek-subdomain/?s=soppeng").json() == {
        "ok": True,
        "message": "Subdomain 'soppeng' tersedia.",
    }


def test_the_wizard_needs_a_signed_in_applicant(db):
    response = Client(HTTP_HOST="localhost").get("/daftar/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_applicant_sees_only_their_own_progress(templates, django_capture_on_commit_callbacks):
    owner = applicant()
    to_confirm_step(owner)
    with django_capture_on_commit_callbacks(execute=True):
        step(owner, 7, {"agree": "on"})
    job = ProvisioningJob.objects.get()

    stranger = applicant("orang-lain@contoh.id")

    assert owner.get(f"/daftar/progres/{job.pk}/status/").json()["status"] == "done"
    assert stranger.get(f"/daftar/progres/{job.pk}/").status_code == 404
    assert stranger.get(f"/daftar/progres/{job.pk}/status/").status_code == 404


def test_the_progress_page_stops_offering_a_password_link_once_the_admin_has_one(
    templates, django_capture_on_commit_callbacks
):
    owner = applicant()
    to_confirm_step(owner)
    with django_capture_on_commit_callbacks(execute=True):
        step(owner, 7, {"agree": "on"})
    job = ProvisioningJob.objects.get()
    status_url = f"/daftar/progres/{job.pk}/status/"

    before = owner.get(status_url).json()
    with in_schema(job.regency):
        admin = User.objects.get(email="kadis@soppengkab.go.id")
        admin.set_password("sandi-admin-baru-2026")
        admin.save()
    after = owner.get(status_url).json()
    page = owner.get(f"/daftar/progres/{job.pk}/")

    assert "/accounts/password/reset/key/" in before["admin_url"]
    assert before["admin_sets_password"] is True
    assert after["admin_url"] == "http://soppeng-baru.localhost/admin/login/"
    assert after["admin_sets_password"] is False
    assert "Masuk ke admin portal" in page.text
    assert "/accounts/password/reset/key/" not in page.text


def test_the_template_step_remembers_every_ticked_part(templates):
    """The draft kept only the last of several ticked parts: back on the template step after
    continuing, only 'pages' was ticked, and choosing a template then failed with 'Maklumat dan
    halaman hanya dapat disalin bersama instansi dan layanannya'."""
    client = applicant()
    fill_to_template(client)
    parts = ["catalogue", "pledges", "pages"]
    assert step(client, 4, {"template_version": "", "parts": parts}).status_code == 302

    again = step(client, 4)

    ticked = again.context["form"]["parts"].value()
    assert sorted(ticked) == sorted(parts)
    chosen = again.context["form"].fields["template_version"].choices[1][0]
    assert step(client, 4, {"template_version": chosen, "parts": ticked}).status_code == 302
    assert Application.objects.get().parts == parts


def test_the_plan_step_says_each_plans_limits_once(templates):
    """Lengkap read "Tanpa batas lokasi, instansi, dan loket; modul antrean dan pengaduan. Tanpa
    batas lokasi, instansi, dan loket. Domain sendiri.": its description repeated the limits the
    page writes from the plan's numbers."""
    client = applicant()
    to_plan_step(client)

    page = step(client, 6).content.decode()

    assert page.count("Tanpa batas lokasi, instansi, dan loket") == 1
    assert "Dengan modul antrean (kios, layar TV, booking daring) dan pengaduan." in page
