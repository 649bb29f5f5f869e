"""Content that points to a module shows only when the regency has it (issue #11)."""

from __future__ import annotations

from types import SimpleNamespace

from billing.selectors import RegencyModules
from cms.templatetags import module_gate

BODY = (
    "<p>Jam layanan di lobi.</p><ul><li>Ambil nomor lewat menu Ambil Antrean.</li>"
    "<li>Sampaikan keluhan lewat menu Pengaduan.</li></ul><p>Datang tepat waktu.</p>"
)


def _modules(queue: bool, complaints: bool):
    return lambda *, schema_name: RegencyModules(queue=queue, complaints=complaints)


def test_paragraphs_naming_an_absent_module_are_dropped(monkeypatch):
    monkeypatch.setattr(module_gate, "regency_modules", _modules(False, True))
    out = module_gate.module_gated(BODY)
    assert "Ambil Antrean" not in out
    assert "menu Pengaduan" in out
    assert "Jam layanan di lobi." in out
    assert "Datang tepat waktu." in out


def test_with_every_module_nothing_is_dropped(monkeypatch):
    monkeypatch.setattr(module_gate, "regency_modules", _modules(True, True))
    assert module_gate.module_gated(BODY) == BODY


def test_faq_entries_naming_an_absent_module_are_dropped(monkeypatch):
    monkeypatch.setattr(module_gate, "regency_modules", _modules(False, False))
    faqs = [
        SimpleNamespace(question="Bagaimana mengambil nomor?", answer="Lewat menu Ambil Antrean."),
        SimpleNamespace(question="Apakah gratis?", answer="Sebagian besar gratis."),
        SimpleNamespace(question="Ke mana mengadu?", answer="<p>Gunakan menu Pengaduan.</p>"),
    ]
    assert [f.question for f in module_gate.module_gated_faqs(faqs)] == ["Apakah gratis?"]


def test_every_page_links_the_faq_page(alpha, alpha_client):
    from wagtail.models import Site

    from cms.models import FaqPage
    from satupintu.page_cache import portal_cache_bump
    from tests.conftest import in_schema

    with in_schema(alpha):
        FaqPage.objects.all().delete()
        portal_cache_bump()
    assert "Pertanyaan yang sering diajukan (FAQ)" not in alpha_client.get("/").content.decode()
    with in_schema(alpha):
        root = Site.objects.get(is_default_site=True).root_page
        faq = root.add_child(instance=FaqPage(title="Tanya jawab", slug="tanya-jawab"))
        portal_cache_bump()
        url = faq.get_url()
    body = alpha_client.get("/").content.decode()
    assert f'href="{url}"' in body
    assert alpha_client.get(url).status_code == 200
    # The English pages' footer said "Pertanyaan yang sering diajukan (FAQ)" too.
    english = alpha_client.get("/en/").content.decode()
    assert "Frequently asked questions (FAQ)" in english
    assert "Pertanyaan yang sering diajukan" not in english


# Kota Bandung's template says this on 99 services' standards (its complaint_handling).
COMPLAINTS_TEXT = (
    "Sampaikan pengaduan, saran, atau masukan melalui meja pengaduan di lantai dasar MPP Kota "
    "Contoh, SP4N-LAPOR! (www.lapor.go.id atau SMS 1708), WhatsApp pengaduan MPP 0811-2220-1711, "
    "atau menu Pengaduan di portal ini. Pengadu menerima kode lacak."
)


def test_plain_text_loses_only_the_clause_naming_an_absent_module(monkeypatch):
    monkeypatch.setattr(module_gate, "regency_modules", _modules(False, False))
    assert module_gate.module_gated(COMPLAINTS_TEXT) == (
        "Sampaikan pengaduan, saran, atau masukan melalui meja pengaduan di lantai dasar MPP Kota "
        "Contoh, SP4N-LAPOR! (www.lapor.go.id atau SMS 1708), atau WhatsApp pengaduan MPP "
        "0811-2220-1711. Pengadu menerima kode lacak."
    )
    assert module_gate.module_gated("Buka menu Pengaduan di portal ini. Datang langsung.") == (
        "Datang langsung."
    )
    assert module_gate.module_gated("Lewat antrean daring, atau datang ke loket.") == (
        "Datang ke loket."
    )
    monkeypatch.setattr(module_gate, "regency_modules", _modules(True, True))
    assert module_gate.module_gated(COMPLAINTS_TEXT) == COMPLAINTS_TEXT


def test_a_partner_app_menu_is_no_promise_of_the_portal(monkeypatch):
    monkeypatch.setattr(module_gate, "regency_modules", _modules(False, False))
    pln = "Hubungi Contact Center PLN 123 atau menu pengaduan aplikasi PLN Mobile."
    assert module_gate.module_gated(pln) == pln


def test_a_service_page_names_the_complaint_menu_only_with_the_module(alpha, beta):
    from django.test import Client

    from catalogue.models import Service, ServiceStandard
    from satupintu.page_cache import portal_cache_bump
    from tests.complaints.conftest import plan_set
    from tests.conftest import host_of, in_schema

    with in_schema(alpha):
        service = Service.objects.filter(is_active=True, current_standard__isnull=False).first()
        ServiceStandard.objects.filter(pk=service.current_standard_id).update(
            complaint_handling=COMPLAINTS_TEXT
        )
        portal_cache_bump()
    citizen = Client(HTTP_HOST=host_of(alpha))
    promise = "menu Pengaduan di portal ini"

    without = citizen.get(f"/layanan/{service.key}/")

    assert without.status_code == 200
    assert promise not in without.text
    assert "meja pengaduan di lantai dasar" in without.text
    plan_set(beta, "lengkap")  # another regency's plan changes nothing here
    assert promise not in citizen.get(f"/layanan/{service.key}/").text
    plan_set(alpha, "lengkap")
    assert promise in citizen.get(f"/layanan/{service.key}/").text
