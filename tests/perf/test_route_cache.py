"""Remembered Wagtail routes (cms.routing): one regency's route, Site or branding never serves
another's page, and a publish, a slug change, an unpublish or a new view restriction is seen at
once (the content version, not a timeout, invalidates them); so is a page saved in code, and a
remembered 404 never hides another regency's page nor a redirect saved since."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms.models import Branding
from tests.conftest import host_of, in_schema

NO_PAGE_CACHE = "?bench=" + "x" * 300


def get(regency, path: str):
    return Client(HTTP_HOST=host_of(regency)).get(path + NO_PAGE_CACHE)


def profile_page():
    return Page.objects.get(slug="profil").specific


def test_a_remembered_route_of_alpha_never_serves_in_beta(alpha, beta):
    with in_schema(alpha):
        page = profile_page()
        page.title = "Profil Khusus Alfa"
        page.save_revision().publish()
    for _ in range(2):  # the second time from the remembered routes
        alpha_page = get(alpha, "/profil/").content.decode()
        beta_page = get(beta, "/profil/").content.decode()
        assert "Profil Khusus Alfa" in alpha_page
        assert "Profil Khusus Alfa" not in beta_page
        assert "MPP Beta" in beta_page
        assert "MPP Alpha" not in beta_page
        assert "MPP Alpha" in alpha_page
        assert "MPP Beta" not in alpha_page


def test_each_path_keeps_its_own_route_and_an_unknown_path_stays_a_404(alpha):
    for _ in range(2):
        assert "Beranda" in get(alpha, "/").content.decode()
        assert get(alpha, "/tidak-ada/").status_code == 404
        profile = get(alpha, "/profil/").content.decode()
        assert "Profil" in profile
        assert "<title>Beranda" not in profile


def test_a_remembered_route_reads_neither_the_page_nor_the_site_nor_the_branding(alpha):
    get(alpha, "/profil/")
    with CaptureQueriesContext(connection) as queries:
        assert get(alpha, "/profil/").status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"wagtailcore_page"' not in sql  # kept with the route (ADR 0047)
    assert "wagtailcore_site" not in sql
    assert "cms_branding" not in sql
    assert "wagtailcore_pageviewrestriction" not in sql


def test_a_slug_change_or_an_unpublish_is_seen_at_once(alpha):
    assert get(alpha, "/profil/").status_code == 200
    assert get(alpha, "/profil/").status_code == 200  # remembered
    with in_schema(alpha):
        page = profile_page()
        page.slug = "tentang-kami"
        page.save_revision().publish()
    assert get(alpha, "/profil/").status_code == 404
    assert get(alpha, "/tentang-kami/").status_code == 200
    with in_schema(alpha):
        profile_page_now = Page.objects.get(slug="tentang-kami")
        profile_page_now.unpublish()
    assert get(alpha, "/tentang-kami/").status_code == 404


def test_a_new_view_restriction_applies_at_once(alpha):
    assert get(alpha, "/profil/").status_code == 200
    assert get(alpha, "/profil/").status_code == 200  # remembered: known to have none
    with in_schema(alpha):
        PageViewRestriction.objects.create(
            page=Page.objects.get(slug="profil"), restriction_type=PageViewRestriction.LOGIN
        )
    response = get(alpha, "/profil/")
    assert response.status_code == 302  # to the sign-in page


def test_a_branding_change_is_seen_at_once(alpha):
    get(alpha, "/profil/"), get(alpha, "/profil/")
    with in_schema(alpha):
        branding = Branding.objects.get()
        branding.brand_name = "MPP Alfa Baru"
        branding.save()
    assert "MPP Alfa Baru" in get(alpha, "/profil/").content.decode()


def test_a_repeated_404_is_kept_until_a_page_is_published_at_its_path(alpha):
    from cms.models import StandardPage

    first = get(alpha, "/baru-terbit/")
    again = get(alpha, "/baru-terbit/")
    assert first.status_code == again.status_code == 404
    assert again["X-Portal-Cache"] == "hit-404"
    assert "MPP Alpha" in again.content.decode()
    with in_schema(alpha):
        home = Page.objects.get(depth=2)
        page = home.add_child(instance=StandardPage(title="Baru Terbit", slug="baru-terbit"))
        page.save_revision().publish()
    response = get(alpha, "/baru-terbit/")
    assert response.status_code == 200
    assert "Baru Terbit" in response.content.decode()


def test_a_page_saved_in_code_shows_at_once_and_a_draft_does_not(alpha):
    assert "Profil" in get(alpha, "/profil/").content.decode()
    get(alpha, "/profil/")  # remembered, with the page itself
    with in_schema(alpha):
        page = profile_page()
        page.title = "Profil Tersimpan Langsung"
        page.save()  # not through a revision: bumps the version all the same (cms.apps)
    assert "Profil Tersimpan Langsung" in get(alpha, "/profil/").content.decode()
    with in_schema(alpha):
        draft = profile_page()
        draft.title = "Judul Draf Belum Terbit"
        draft.save_revision()  # a draft: citizens still see the live title
    shown = get(alpha, "/profil/").content.decode()
    assert "Profil Tersimpan Langsung" in shown
    assert "Judul Draf Belum Terbit" not in shown


def test_a_remembered_404_of_alpha_never_hides_the_same_path_in_beta(alpha, beta):
    from cms.models import StandardPage

    with in_schema(beta):
        home = Page.objects.get(depth=2)
        home.add_child(instance=StandardPage(title="Hanya Beta", slug="hanya-beta"))
    for _ in range(2):
        assert get(alpha, "/hanya-beta/").status_code == 404
    assert get(alpha, "/hanya-beta/")["X-Portal-Cache"] == "hit-404"
    response = get(beta, "/hanya-beta/")
    assert response.status_code == 200
    assert "Hanya Beta" in response.content.decode()


def test_a_remembered_404_reads_nothing_and_a_redirect_saved_at_its_path_applies_at_once(alpha):
    from wagtail.contrib.redirects.models import Redirect

    client = Client(HTTP_HOST=host_of(alpha))
    client.get("/alamat-lama/" + NO_PAGE_CACHE)
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/alamat-lama/" + NO_PAGE_CACHE)
    assert again.status_code == 404
    assert again["X-Portal-Cache"] == "hit-404"
    assert queries.captured_queries == []  # neither a render nor a redirect lookup
    with in_schema(alpha):
        Redirect.objects.create(old_path="/alamat-lama", redirect_link="/profil/")
    moved = client.get("/alamat-lama/" + NO_PAGE_CACHE)  # the very request remembered
    assert moved.status_code == 301
    assert moved["Location"] == "/profil/"
    with in_schema(alpha):
        Redirect.objects.all().delete()
    assert client.get("/alamat-lama/" + NO_PAGE_CACHE).status_code == 404
