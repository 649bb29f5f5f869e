"""Issue 16, the citizen side: the building photo (responsive, alt text required), social links
limited to each network's own hosts, life events and the agency finder on the home page, a map
without an API key on location pages, and the checklist's print styles."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from catalogue.models import Agency, Service
from cms.models import Branding
from cms.social import NETWORKS, social_url
from tests.conftest import host_of, in_schema

INSTAGRAM = next(n for n in NETWORKS if n.field == "instagram")


@pytest.fixture(autouse=True)
def _monday_morning(pinned_clock):
    """Opening status on the home page is rendered at a known time."""


def _branding() -> Branding:
    return Branding.for_site(Site.objects.get(is_default_site=True))


def _photo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#3a7").save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="Gedung", file=ImageFile(buffer, name="gedung.jpg")
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("@mppalpha", "https://www.instagram.com/mppalpha"),
        ("mpp.alpha", "https://www.instagram.com/mpp.alpha"),
        ("https://www.instagram.com/mppalpha/", "https://www.instagram.com/mppalpha/"),
        ("https://instagram.com.evil.test/mppalpha", None),
        ("https://evilinstagram.com/mppalpha", None),
        ("http://www.instagram.com/mppalpha", None),
        ("javascript:alert(1)", None),
        ("https://user@www.instagram.com/x", None),
        ("@mpp alpha", None),
    ],
)
def test_a_social_link_is_the_networks_own_address_or_a_handle(typed, expected):
    assert social_url(network=INSTAGRAM, value=typed) == expected


def test_branding_refuses_a_photo_without_alt_text_and_a_foreign_social_link(alpha):
    with in_schema(alpha):
        branding = _branding()
        branding.building_photo = _photo()
        branding.building_photo_alt = " "
        branding.facebook = "https://example.com/mpp"
        with pytest.raises(ValidationError) as excinfo:
            branding.full_clean()

    assert set(excinfo.value.message_dict) == {"building_photo_alt", "facebook"}
    assert "Facebook" in excinfo.value.message_dict["facebook"][0]


def test_the_home_page_shows_the_photo_in_sizes_the_social_links_and_life_events(alpha):
    with in_schema(alpha):
        branding = _branding()
        branding.building_photo = _photo()
        branding.building_photo_alt = "Gedung MPP dua lantai"
        branding.instagram = "@mppalpha"
        branding.tiktok = "https://evil.test/@mppalpha"  # an old value the form would refuse now
        branding.save()

    html = Client(HTTP_HOST=host_of(alpha)).get("/").text

    assert 'alt="Gedung MPP dua lantai"' in html
    assert "srcset=" in html
    assert ".webp 960w" in html
    assert 'href="https://www.instagram.com/mppalpha"' in html
    assert "evil.test" not in html
    assert 'href="/layanan/?kategori=kependudukan"' in html  # a category the regency has
    assert 'href="/layanan/?q=pajak"' in html  # no tax category: a keyword search
    assert html.count('class="icon"') == 6
    assert '<select id="pilih-instansi" name="instansi">' in html
    assert "<details" in html
    assert "Kepolisian Resor Alpha" in html


def test_a_location_page_has_a_keyless_map_an_address_and_directions(alpha):
    html = Client(HTTP_HOST=host_of(alpha)).get("/lokasi/gedung-mpp/").text

    assert '<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=' in html
    assert 'title="Peta OpenStreetMap: Gedung MPP Alpha"' in html
    assert "https://www.openstreetmap.org/directions?route=%3B" in html
    assert "Petunjuk arah" in html
    assert "Jl. Merdeka No. 1" in html


def test_the_checklist_prints_without_navigation(alpha):
    client = Client(HTTP_HOST=host_of(alpha))
    css = b"".join(client.get("/static/cms/portal.css").streaming_content)
    html = client.get("/layanan/sim-a-baru/").text

    assert b"@media print" in css
    assert b".breadcrumbs,.map" in css
    assert '<section class="card no-print" aria-labelledby="dasar">' in html
    assert 'class="print-only small"' in html


def test_the_english_pages_say_the_service_is_in_indonesian_and_translate_the_new_parts(alpha):
    client = Client(HTTP_HOST=host_of(alpha))
    service = client.get("/en/layanan/sim-a-baru/").text
    home = client.get("/en/").text
    indonesian = client.get("/layanan/sim-a-baru/").text

    assert "This service is described in Indonesian only." in service
    assert "described in Indonesian only" not in indonesian
    assert "What do you need?" in home
    assert "Identity documents" in home
    assert "See all 3 agencies" in home


def test_english_text_a_regency_writes_is_shown_under_en_only(alpha, beta):
    with in_schema(alpha):
        Service.objects.filter(key="sim-a-baru").update(
            name_en="New driving licence (SIM A)", description_en="For cars."
        )
        Agency.objects.filter(key="polres").update(name_en="Alpha Police")
    client = Client(HTTP_HOST=host_of(alpha))

    english = client.get("/en/layanan/sim-a-baru/").text
    indonesian = client.get("/layanan/sim-a-baru/").text
    untranslated = client.get("/en/layanan/ktp-el-baru/").text
    with in_schema(beta):
        beta_has_no_english = not Service.objects.exclude(name_en="").exists()

    assert "<h1>New driving licence (SIM A)</h1>" in english
    assert "For cars." in english
    assert "Alpha Police" in english
    assert "The requirements and steps of this service are in Indonesian only." in english
    assert "New driving licence" not in indonesian
    assert "Penerbitan SIM A Baru</h1>" in indonesian
    assert '<h1 lang="id">Penerbitan KTP-el Baru</h1>' in untranslated
    assert "This service is described in Indonesian only." in untranslated
    assert beta_has_no_english


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("polres", ["Kepolisian Resor Alpha"], ["Dinas Kependudukan"]),
        ("kepolisian alpha", ["Kepolisian Resor Alpha"], ["Dinas Kependudukan"]),
        ("zzz", ["Tidak ada instansi dengan nama itu"], ["Kepolisian Resor Alpha"]),
        ("", ["Kepolisian Resor Alpha", "Dinas Kependudukan"], ["instansi ditemukan"]),
    ],
)
def test_the_agency_list_is_compact_and_searchable_without_javascript(alpha, query, shown, hidden):
    html = Client(HTTP_HOST=host_of(alpha)).get("/instansi/", {"q": query}).text

    assert '<ul class="list compact">' in html or "Tidak ada" in html
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


def test_english_pages_translate_section_titles_and_plural_units(alpha):
    client = Client(HTTP_HOST=host_of(alpha))
    english = client.get("/en/layanan/sim-a-baru/").text
    indonesian = client.get("/layanan/sim-a-baru/").text
    english_locations = client.get("/en/lokasi/").text

    assert "1 working day<" in english
    assert "1 working days" not in english
    assert "1 hari kerja" in indonesian
    assert '<a href="/en/layanan/">Services</a>' in english
    assert '<ul class="checklist" lang="id">' in english
    assert '<ul class="checklist">' in indonesian
    assert "<h1>Locations &amp; Hours</h1>" in english_locations


def test_the_english_menu_names_its_directories_in_the_plural(alpha):
    client = Client(HTTP_HOST=host_of(alpha))
    english = client.get("/en/layanan/sim-a-baru/").text
    indonesian = client.get("/layanan/sim-a-baru/").text

    assert '<a href="/en/instansi/">Agencies</a>' in english
    assert '<a href="/en/instansi/">Agency</a>' not in english
    assert '<a href="/instansi/">Instansi</a>' in indonesian
