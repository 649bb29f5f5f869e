"""Onboarding hand-offs (issue #11): words, not codes; no e-mail where a name belongs."""

from __future__ import annotations

from accounts.models import User
from onboarding.templatetags.template_library import agencies_in_words
from onboarding.wizard import application_current


def test_template_statistics_in_words():
    assert agencies_in_words({"bumd": 2, "opd": 11}) == "11 OPD, 2 BUMD"
    assert agencies_in_words({"vertical": 3, "private": 1}) == (
        "3 instansi vertikal, 1 mitra swasta"
    )
    assert agencies_in_words({}) == ""


def test_full_name_is_not_prefilled_with_the_email(db):
    without = User.objects.create_user(email="tanpa.nama@paserkab.test", password="x-long-pass-1")
    assert application_current(user=without).applicant_name == ""
    named = User.objects.create_user(
        email="andi@paserkab.test", password="x-long-pass-1", full_name="Andi Pemohon"
    )
    assert application_current(user=named).applicant_name == "Andi Pemohon"


def test_invitation_names_the_product_and_the_platform_address(db, alpha, mailoutbox):
    from onboarding.seeding import admin_invitation_send_for_tenant, regency_admin_ensure_for_tenant
    from satupintu.site_urls import platform_base_url

    regency_admin_ensure_for_tenant(alpha, email="admin.baru@alpha.test")
    admin_invitation_send_for_tenant(alpha, email="admin.baru@alpha.test")
    body = mailoutbox[-1].body
    assert "SatuPintu" in body
    assert platform_base_url() + "/" in body
    assert "Persiapan tayang" in body


def test_confirm_summarises_agencies_off_renamed_and_added():
    from onboarding.wizard_steps import review_summary

    document = {
        "agencies": [
            {"key": "a", "name": "Dinas A"},
            {"key": "b", "name": "Dinas B"},
            {"key": "c", "name": "Dinas C"},
        ]
    }
    review = {
        "off_agencies": ["b"],
        "renamed": {"c": "Dinas C Baru", "a": "Dinas A"},
        "added": [{"name": "Kantor Baru", "kind": "opd"}],
    }
    assert review_summary(document=document, review=review) == {
        "off": ["Dinas B"],
        "renamed": [("Dinas C", "Dinas C Baru")],
        "added": ["Kantor Baru"],
    }


def _link(body: str) -> str:
    import re

    return re.search(r"https?://\S+", body).group(0)


def test_verification_returns_to_the_wizard_with_one_notice(db, mailoutbox):
    from urllib.parse import urlsplit

    from django.contrib.messages import get_messages
    from django.test import Client

    from satupintu.site_urls import platform_base_url

    client = Client(HTTP_HOST="localhost")
    assert client.get("/daftar/")["Location"] == "/accounts/login/?next=/daftar/"
    client.post(
        "/accounts/signup/?next=/daftar/",
        {
            "email": "pemohon@paserkab.test",
            "password1": "Paser#2026-aman",
            "password2": "Paser#2026-aman",
        },
    )
    body = mailoutbox[-1].body
    assert "SatuPintu" in body
    assert "Halo dari localhost" not in body
    assert urlsplit(platform_base_url()).netloc in body
    confirm = urlsplit(_link(body)).path

    response = client.post(confirm)

    assert response["Location"] == "/daftar/"
    wizard = client.get("/daftar/")
    assert wizard["Location"] == "/daftar/langkah/1/"
    page = client.get(wizard["Location"])
    assert len(list(get_messages(page.wsgi_request))) <= 1


def test_verified_elsewhere_the_applicant_signs_in_and_goes_on_to_the_wizard(db, mailoutbox):
    from urllib.parse import urlsplit

    from django.test import Client

    Client(HTTP_HOST="localhost").post(
        "/accounts/signup/",
        {
            "email": "lain@paserkab.test",
            "password1": "Paser#2026-aman",
            "password2": "Paser#2026-aman",
        },
    )
    other_browser = Client(HTTP_HOST="localhost")
    response = other_browser.post(urlsplit(_link(mailoutbox[-1].body)).path)
    assert response["Location"] == "/accounts/login/?next=/daftar/"
    signed_in = other_browser.post(
        response["Location"], {"login": "lain@paserkab.test", "password": "Paser#2026-aman"}
    )
    assert signed_in["Location"] == "/daftar/"
