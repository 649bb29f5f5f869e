"""A new regency admin's whole journey in a real browser: sign up, verify the e-mail, the wizard,
the live progress bar, setting the admin password at the new portal, and the branded portal with
the template's services."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from playwright.sync_api import expect

from onboarding.library import seed_templates_ensure
from onboarding.models import JobStatus, ProvisioningJob
from regencies.models import Regency
from tests.e2e.conftest import portal_url

EMAIL = "kadis.dpmptsp@soppengkab.go.id"
PASSWORD = "Mappatabe#2026-aman"
ADMIN_PASSWORD = "Admin-Portal#2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _link(message_body: str) -> str:
    return re.search(r"https?://\S+", message_body).group(0)


@pytest.mark.django_db(transaction=True)
def test_a_new_regency_goes_from_sign_up_to_a_live_branded_portal(live_server, page, tmp_path):
    seed_templates_ensure()
    port = live_server.url.rsplit(":", 1)[1]
    platform = f"http://localhost:{port}"
    letter = tmp_path / "surat-permohonan.pdf"
    letter.write_bytes(PDF)
    try:
        with override_settings(PLATFORM_PORT=port, TASKS_IN_BACKGROUND_THREAD=True):
            _journey(page, live_server, platform, port, letter)
    finally:
        from regencies.schemas import schema_drop

        for regency in Regency.objects.all():
            if regency.code == "73.12":
                schema_drop(regency.schema_name)


def _journey(page, live_server, platform, port, letter):
    # Sign up and verify the e-mail address.
    page.goto(f"{platform}/accounts/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("button[type=submit]")
    confirmation = _link(mail.outbox[-1].body)
    page.goto(confirmation)
    page.click("button[type=submit]")
    page.goto(f"{platform}/daftar/")
    if "/accounts/login/" in page.url:
        page.fill("input[name=login]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{platform}/daftar/")

    # 1. The regency, found by name, and the official letter.
    page.fill("#q", "soppeng")
    page.click("form[role=search] button")
    page.check("#kk-73\\.12")
    page.fill("#id_applicant_name", "Andi Mappatabe")
    page.fill("#id_applicant_position", "Kepala Dinas")
    page.fill("#id_applicant_office", "DPMPTSP Kabupaten Soppeng")
    page.set_input_files("#id_request_letter", str(letter))
    page.click("button[name=next]")
    # 2. The address: the suggestion is checked live.
    assert page.input_value("#id_subdomain") == "soppeng"
    page.fill("#id_subdomain", "soppeng")
    page.wait_for_selector("#subdomain-status:has-text('tersedia')")
    page.click("button[name=next]")
    # 3. Branding, previewed live.
    page.fill("#id_brand_name", "Mappatabe Baru")
    page.fill("#id_primary_color", "#7a1f1f")
    assert page.text_content("[data-preview-brand]") == "Mappatabe Baru"
    page.click("button[name=next]")
    # 4. The template.
    page.click("text=MPP model Soppeng")
    page.click("button[name=next]")
    # 5. Review: keep every agency, go on; 6. plan; 7. confirm.
    # The click returns before the review step has loaded: wait for its eleventh agency.
    expect(page.locator("fieldset legend").nth(10)).to_be_attached()
    page.click("button[name=next]")
    page.click("button[name=next]")
    page.check("#id_agree")
    page.click("button[name=next]")

    # The progress bar updates live, then the portal is ready.
    assert "/daftar/progres/" in page.url
    page.wait_for_selector("text=Portal Anda sudah aktif", timeout=60_000)
    job = ProvisioningJob.objects.get()
    assert job.status == JobStatus.DONE
    assert Regency.objects.get(code="73.12").status == "active"

    # Set the admin password at the new portal, and sign in to its admin.
    page.click("text=Buat kata sandi dan masuk ke admin portal")
    assert page.url.startswith(f"http://soppeng.localhost:{port}/accounts/password/reset/key/")
    page.fill("input[name=password1]", ADMIN_PASSWORD)
    page.fill("input[name=password2]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.goto(portal_url(live_server, "soppeng", "/admin/login/"))
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    assert "Katalog MPP" in page.content()

    # The citizen portal shows the chosen brand and the template's services.
    page.goto(portal_url(live_server, "soppeng", "/"))
    assert "Mappatabe Baru" in page.title()
    page.goto(portal_url(live_server, "soppeng", "/layanan/?q=ktp"))
    assert "layanan ditemukan" in page.content()
    assert page.locator(".list li").count() >= 1

    # The admin account exists only at this portal.
    page.goto(f"{platform}/accounts/login/")
    assert "soppeng.localhost" not in page.url
