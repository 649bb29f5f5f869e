"""Wagtail's JavaScript strings ("Collapse all", "Main menu", autosave and error notices) are in
Indonesian in the regency admin (ADR 0043), and in English for a user who prefers English."""

from tests.conftest import staff_client
from tests.tenants_app.test_admin_language import english_admin


def test_wagtails_javascript_catalogue_is_indonesian(alpha):
    admin = staff_client(alpha, "admin@alpha.test", group="Admin MPP")

    catalogue = admin.get("/admin/jsi18n/").text

    assert '"Collapse all": "Ciutkan semua"' in catalogue
    assert '"Main menu": "Menu utama"' in catalogue
    assert '"Changes have been autosaved.": "Perubahan sudah tersimpan otomatis."' in catalogue


def test_the_sign_in_page_gets_the_indonesian_catalogue_too(alpha_client):
    assert '"Cancel": "Batal"' in alpha_client.get("/admin/jsi18n/").text


def test_a_user_who_prefers_english_gets_wagtails_english_strings(alpha):
    admin = english_admin(alpha)

    catalogue = admin.get("/admin/jsi18n/").text

    assert "Ciutkan semua" not in catalogue
    assert "Menu utama" not in catalogue
