"""Cached fragments (opening hours) carry the schema and the regency's content version: alpha's
never render in beta, an edit shows at once, and "open now" is computed on every request."""

from __future__ import annotations

from datetime import time

from django.test import Client

from catalogue.models import WeeklyHours
from tests.conftest import host_of, in_schema

NO_PAGE_CACHE = "?bench=" + "x" * 300


def home(regency) -> str:
    return Client(HTTP_HOST=host_of(regency)).get("/" + NO_PAGE_CACHE).content.decode()


def test_a_fragment_of_alpha_never_renders_in_beta_and_an_edit_shows_at_once(alpha, beta):
    home(alpha), home(beta)  # both regencies' hours cached
    with in_schema(alpha):
        assert WeeklyHours.objects.exists()
        for row in WeeklyHours.objects.all():
            row.opens, row.closes = time(6, 17), time(21, 43)
            row.save()  # bumps alpha's content version (catalogue.apps)
    alpha_page = home(alpha)
    assert "06.17" in alpha_page
    assert "21.43" in alpha_page
    for _ in range(2):
        beta_page = home(beta)
        assert "06.17" not in beta_page
        assert "21.43" not in beta_page
    assert "06.17" in home(alpha)  # alpha's fragment is still alpha's


def test_the_home_rows_of_alpha_never_render_in_beta_and_a_rename_shows_at_once(alpha, beta):
    from catalogue.models import Agency

    home(alpha), home(beta)  # both regencies' home rows cached
    with in_schema(alpha):
        agency = Agency.objects.filter(is_active=True).first()
        agency.name = "Dinas Khusus Alfa Saja"
        agency.save()  # bumps alpha's content version (catalogue.apps)
    assert "Dinas Khusus Alfa Saja" in home(alpha)
    assert "Dinas Khusus Alfa Saja" not in home(beta)


def page(regency, path: str) -> str:
    return Client(HTTP_HOST=host_of(regency)).get(path + NO_PAGE_CACHE).content.decode()


def test_kept_directory_service_and_agency_parts_follow_an_edit_and_stay_in_their_regency(
    alpha, beta
):
    from catalogue.models import Agency, Service

    with in_schema(alpha):
        service = Service.objects.filter(live=True, is_active=True).first()
        agency = service.agency
        service_key, agency_key = service.key, agency.key
    paths = ["/layanan/", f"/layanan/{service_key}/", f"/instansi/{agency_key}/"]
    for path in paths:  # both regencies' parts kept
        page(alpha, path), page(beta, path)
    with in_schema(alpha):
        Service.objects.filter(pk=service.pk).update(name="Layanan Khusus Alfa")
        Agency.objects.filter(pk=agency.pk).update(name="Instansi Khusus Alfa")
        Service.objects.get(pk=service.pk).save()  # a save bumps the version (catalogue.apps)
    assert "Layanan Khusus Alfa" in page(alpha, "/layanan/")
    assert "Layanan Khusus Alfa" in page(alpha, f"/layanan/{service_key}/")
    assert "Instansi Khusus Alfa" in page(alpha, f"/instansi/{agency_key}/")
    for path in paths:
        beta_page = page(beta, path)
        assert "Khusus Alfa" not in beta_page


def test_a_filtered_directory_is_not_the_kept_unfiltered_one(alpha):
    everything = page(alpha, "/layanan/")
    searched = Client(HTTP_HOST=host_of(alpha)).get("/layanan/?q=zzzz-tidak-ada").content.decode()
    assert everything != searched
    assert 'value="zzzz-tidak-ada"' in searched


def test_kept_index_links_follow_a_slug_change_and_stay_in_their_regency(alpha, beta):
    from wagtail.models import Page

    for regency in (alpha, beta):
        assert 'href="/instansi/' in page(regency, "/layanan/skck/")
        page(regency, "/layanan/skck/")  # kept
    with in_schema(alpha):
        index = Page.objects.get(slug="instansi").specific
        index.slug = "perangkat-daerah"
        index.save_revision().publish()
    alpha_page = page(alpha, "/layanan/skck/")
    assert 'href="/perangkat-daerah/' in alpha_page
    assert 'href="/instansi/' not in alpha_page
    assert 'href="/instansi/' in page(beta, "/layanan/skck/")


def test_open_now_in_a_kept_service_part_is_computed_on_every_request(alpha, time_machine):
    from datetime import datetime

    from tests.clock import PINNED

    time_machine.move_to(PINNED, tick=False)  # Monday 09.00 WIB: the MPP is open
    first = page(alpha, "/layanan/skck/")
    assert "Buka sekarang" in first
    assert page(alpha, "/layanan/skck/") == first  # the "where" part now kept
    time_machine.move_to(datetime.combine(PINNED.date(), time(22, 30), PINNED.tzinfo), tick=False)
    late = page(alpha, "/layanan/skck/")
    assert "Tutup sekarang" in late
    assert "Buka sekarang" not in late
    assert "portal-hole" not in late
