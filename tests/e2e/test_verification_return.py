"""Onboarding hand-off in a real browser (issue #11): an applicant sent to sign up from the
wizard verifies their e-mail and lands back in the wizard, at the step it opens, with at most one
notice; not on the landing page."""

import re

import pytest
from django.core import mail
from django.test import override_settings

SHOTS = "/work/helpers/shots/adopt11"
EMAIL = "pemohon@paserkab.go.id"
PASSWORD = "Paser#2026-aman"


@pytest.mark.django_db(transaction=True)
def test_after_verifying_the_email_the_applicant_is_back_in_the_wizard(live_server, page):
    port = live_server.url.rsplit(":", 1)[1]
    platform = f"http://localhost:{port}"
    with override_settings(PLATFORM_PORT=port):
        page.goto(f"{platform}/daftar/")
        assert "/accounts/login/" in page.url
        page.click("a[href*='/accounts/signup/']")
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password1]", PASSWORD)
        page.fill("input[name=password2]", PASSWORD)
        page.click("button[type=submit]")
        body = mail.outbox[-1].body
        assert "SatuPintu" in body
        page.goto(re.search(r"https?://\S+", body).group(0))
        page.click("button[type=submit]")

        page.wait_for_url(re.compile(r".*/daftar/langkah/1/$"))
        assert page.locator("h1", has_text="Daftarkan daerah").count() == 1
        assert page.locator(".notice p").count() <= 1
        for width in (360, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/wizard-after-verification-{width}.png", full_page=True)
