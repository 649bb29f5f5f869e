"""Citizen pages: every page type is created, routed and rendered; parent/child rules; query counts
constant in the number of services; odd input; English; the page cache; isolation."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from catalogue.models import Counter, Service
from cms.models import (
    AgencyIndexPage,
    FaqPage,
    HomePage,
    LocationIndexPage,
    NewsIndexPage,
    NewsPage,
    PledgePage,
    ServiceIndexPage,
    StandardPage,
)
from tests.conftest import data_queries, host_of, in_schema, staff_client


@pytest.fixture
def client_for():
    return lambda regency: Client(HTTP_HOST=host_of(regency))


@pytest.fixture(autouse=True)
def _monday_morning(pinned_clock):
    """Pages that say "open now", notices and news are rendered at a known time."""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/",
            [
                "MPP Alpha",
                "Cari layanan",
                "Buka sekarang, sampai pukul 12.00",
                "Penerbitan KTP-el Baru",
                "Kepolisian Resor Alpha",
                "MPP Alpha buka Sabtu",
                "Pengumuman penting",
            ],
        ),
        ("/layanan/", ["5 layanan ditemukan", "Penerbitan SKCK", "Rp30.000", "Gratis"]),
        (
            "/layanan/sim-a-baru/",
            [
                "Sertifikat lulus uji psikologi",
                "Rp120.000",
                "PP Nomor 76 Tahun 2020",
                "Loket B1",
                "Lantai 2",
                "SK-UJI/1/2026",
                "Buka sekarang",
            ],
        ),
        ("/layanan/nib-oss/", ["https://oss.go.id", "OSS-RBA", "Loket C1"]),
        ("/instansi/", ["Instansi vertikal / kementerian", "Kepolisian Resor Alpha"]),
        (
            "/instansi/polres/",
            ["Kepolisian Negara Republik Indonesia", "Penerbitan SIM A Baru", "B1"],
        ),
        ("/lokasi/", ["Gedung MPP Alpha", "Gerai Desa Sukamaju", "Ruang laktasi"]),
        (
            "/lokasi/gedung-mpp/",
            ["07.30–16.30 (istirahat 11.30–13.00)", "openstreetmap.org", "Kursi roda"],
        ),
        (
            "/maklumat-pelayanan/",
            ["Kami sanggup melayani sesuai standar pelayanan.", "Bupati Alpha"],
        ),
        ("/berita/", ["MPP Alpha buka Sabtu", "Pemadaman listrik"]),
        ("/berita/buka-sabtu/", ["Kini MPP Alpha juga melayani pada hari Sabtu."]),
        ("/tanya-jawab/", ["Apakah layanan KTP-el berbayar?"]),
        ("/profil/", ["MPP Alpha dibuka tahun 2020."]),
    ],
)
def test_every_page_type_routes_and_renders(alpha, client_for, path, expected):
    response = client_for(alpha).get(path)

    assert response.status_code == 200
    for text in expected:
        assert text in response.text, text
    assert '<html lang="id">' in response.text
    assert '<main id="isi"' in response.text


def test_english_is_available_under_en(alpha, client_for):
    response = client_for(alpha).get("/en/layanan/sim-a-baru/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Requirements" in response.text
    assert "Bahasa Indonesia" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/layanan/tidak-ada/",
        "/instansi/tidak-ada/",
        "/lokasi/tidak-ada/",
        "/layanan/<script>/",
        "/tidak-ada/",
    ],
)
def test_unknown_catalogue_keys_are_404_pages(alpha, client_for, path):
    assert client_for(alpha).get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?q=",
        "?q=%27%3B+DROP+TABLE+x%3B--",
        "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "?q=" + "x" * 3000,
        "?hal=abc",
        "?hal=-1",
        "?hal=99999",
        "?instansi=%3Cb%3E",
        "?kanal=zzz&lokasi=%00",
        "?q=ktp&hal=2",
    ],
)
def test_the_directory_answers_odd_input_normally(alpha, client_for, query):
    response = client_for(alpha).get("/layanan/" + query)

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_the_directory_query_count_does_not_grow_with_the_number_of_services(alpha, client_for):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert (
                client_for(alpha)
                .get("/layanan/?kanal=in_person", HTTP_COOKIE="sessionid=x")
                .status_code
                == 200
            )
        return data_queries(queries)

    count()  # warms Wagtail's site caches, which a running portal always has warm
    before = count()
    with in_schema(alpha):
        template = Service.objects.select_related("current_standard").get(key="skck")
        for i in range(12):
            service = Service.objects.create(
                key=f"layanan-{i}", agency=template.agency, name=f"Layanan tambahan {i}"
            )
            standard = template.current_standard
            standard.pk, standard.service, standard.version = None, service, 1
            standard.save()
            Service.objects.filter(pk=service.pk).update(current_standard=standard)
    count()  # the writes bumped the content version: warm its cached fragments again
    after = count()

    assert after == before


def test_the_service_page_query_count_does_not_grow_with_counters(alpha, client_for):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert (
                client_for(alpha).get("/layanan/skck/", HTTP_COOKIE="sessionid=x").status_code
                == 200
            )
        return data_queries(queries)

    count()
    before = count()
    with in_schema(alpha):
        base = Counter.objects.get(key="loket-b1")
        skck = Service.objects.get(key="skck")
        for i in range(6):
            counter = Counter.objects.create(
                key=f"loket-x{i}",
                agency=base.agency,
                location=base.location,
                code=f"X{i}",
                name=f"Loket tambahan {i}",
            )
            counter.services.add(skck)
    count()  # the writes bumped the content version: warm its cached fragments again
    after = count()

    assert after == before


def test_anonymous_pages_are_cached_per_regency_and_refreshed_by_changes(alpha, beta, client_for):
    first = client_for(alpha).get("/layanan/skck/")
    second = client_for(alpha).get("/layanan/skck/")
    other = client_for(beta).get("/layanan/skck/")

    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("miss", "hit")
    assert other.status_code == 404  # beta's portal never serves alpha's cached page

    with in_schema(alpha):
        from catalogue.actions import portal_cache_bump

        Service.objects.filter(key="skck").update(name="SKCK (diperbarui)")
        portal_cache_bump()
    third = client_for(alpha).get("/layanan/skck/")

    assert third["X-Portal-Cache"] == "miss"
    assert "SKCK (diperbarui)" in third.text


def test_a_page_cached_while_a_change_commits_is_dropped_once_it_has(
    alpha, beta, client_for, django_capture_on_commit_callbacks
):
    from catalogue.actions import portal_cache_bump

    with django_capture_on_commit_callbacks(execute=True):
        with in_schema(alpha):
            Service.objects.filter(key="skck").update(name="SKCK (sedang disimpan)")
            portal_cache_bump()
        # A visitor's request, served before the change commits, caches the page.
        assert client_for(alpha).get("/layanan/skck/")["X-Portal-Cache"] == "miss"
        assert client_for(alpha).get("/layanan/skck/")["X-Portal-Cache"] == "hit"
        beta_home = client_for(beta).get("/")
    after_commit = client_for(alpha).get("/layanan/skck/")
    beta_again = client_for(beta).get("/")

    assert after_commit["X-Portal-Cache"] == "miss"
    assert (beta_home["X-Portal-Cache"], beta_again["X-Portal-Cache"]) == ("miss", "hit")


def test_pages_of_one_regency_never_show_another_regencys_data(alpha, beta, client_for):
    beta_home = client_for(beta).get("/")
    beta_directory = client_for(beta).get("/layanan/?q=sim")
    alpha_directory = client_for(alpha).get("/layanan/?q=jkn")

    assert "Kepolisian Resor Alpha" not in beta_home.text
    assert "MPP Alpha" not in beta_home.text
    assert "0 layanan ditemukan" in beta_directory.text
    assert "0 layanan ditemukan" in alpha_directory.text
    assert client_for(beta).get("/instansi/polres/").status_code == 404


def test_page_type_parent_and_child_rules(alpha):
    with in_schema(alpha):
        home = HomePage.objects.get()
        assert (
            ServiceIndexPage.can_create_at(home) is False
        )  # one directory per portal, already there
        assert StandardPage.can_create_at(home) is True
        assert FaqPage.can_create_at(home) is True
        assert NewsPage.can_create_at(home) is False
        assert NewsPage.can_create_at(NewsIndexPage.objects.get()) is True
        assert HomePage.can_create_at(Page.get_first_root_node()) is False  # max one home
        assert set(HomePage.allowed_subpage_models()) == {
            ServiceIndexPage,
            AgencyIndexPage,
            LocationIndexPage,
            PledgePage,
            NewsIndexPage,
            FaqPage,
            StandardPage,
        }


def test_an_editor_can_create_and_publish_a_free_page(alpha):
    client = staff_client(alpha, "editor@alpha.test", group="Editor Konten")
    with in_schema(alpha):
        home_pk = HomePage.objects.get().pk

    response = client.post(
        f"/admin/pages/add/cms/standardpage/{home_pk}/",
        {
            "title": "Dasar Hukum",
            "slug": "dasar-hukum",
            "kind": "legal",
            "intro": "Peraturan yang berlaku.",
            "body": '{"blocks":[],"entityMap":{}}',
            "action-publish": "publish",
        },
    )

    assert response.status_code == 302
    page = Client(HTTP_HOST=host_of(alpha)).get("/dasar-hukum/")
    assert page.status_code == 200
    assert "Peraturan yang berlaku." in page.text


def test_news_pages_keep_the_kind_filter_from_page_to_page(alpha, client_for):
    with in_schema(alpha):
        index = NewsIndexPage.objects.get()
        for n in range(12):
            index.add_child(
                instance=NewsPage(
                    title=f"Pengumuman uji {n}", slug=f"pengumuman-uji-{n}", kind="announcement"
                )
            )

    first = client_for(alpha).get("/berita/?jenis=announcement")
    second = client_for(alpha).get("/berita/?jenis=announcement&hal=2")

    assert 'href="?jenis=announcement&amp;hal=2"' in first.text
    assert 'href="?jenis=announcement&amp;hal=1"' in second.text
    assert "MPP Alpha buka Sabtu" not in first.text + second.text  # news, not an announcement
