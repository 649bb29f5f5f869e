"""Issue #11, "pages that lead somewhere": a service page links its agency and the locations it
is served at (with directions on a map) and names its counters; an agency page links its services
and where it sits. Every such link opens a page."""

from __future__ import annotations

import re

from django.test import Client

from catalogue.models import Counter, Location
from tests.conftest import host_of, in_schema


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="(/[^"]*)"', html))


def _served_counter() -> Counter:
    """A counter that serves something at an active location (call inside the schema)."""
    return (
        Counter.objects.select_related("location", "agency")
        .filter(is_active=True, location__is_active=True, services__isnull=False)
        .first()
    )


def test_service_page_links_its_agency_locations_map_and_names_counters(alpha):
    with in_schema(alpha):
        counter = _served_counter()
        service = counter.services.select_related("agency").first()
        Location.objects.filter(pk=counter.location_id).update(
            latitude="-4.123456", longitude="104.654321"
        )
    client = Client(HTTP_HOST=host_of(alpha))

    page = client.get(f"/layanan/{service.key}/")

    assert page.status_code == 200
    links = _links(page.text)
    assert f"/instansi/{service.agency.key}/" in links
    assert f"/lokasi/{counter.location.key}/" in links
    assert "openstreetmap.org/directions" in page.text
    assert counter.name in page.text
    for link in (f"/instansi/{service.agency.key}/", f"/lokasi/{counter.location.key}/"):
        assert client.get(link).status_code == 200


def test_agency_page_links_its_services_and_where_it_sits(alpha):
    with in_schema(alpha):
        counter = _served_counter()
        agency = counter.agency
        service = agency.services.filter(is_active=True).first()
    client = Client(HTTP_HOST=host_of(alpha))

    page = client.get(f"/instansi/{agency.key}/")

    assert page.status_code == 200
    links = _links(page.text)
    assert f"/layanan/{service.key}/" in links
    assert f"/lokasi/{counter.location.key}/" in links
    assert client.get(f"/layanan/{service.key}/").status_code == 200
    assert client.get(f"/lokasi/{counter.location.key}/").status_code == 200


def test_a_switched_off_location_is_named_but_not_linked(alpha):
    with in_schema(alpha):
        counter = _served_counter()
        service = counter.services.first()
        Location.objects.filter(pk=counter.location_id).update(is_active=False)
    page = Client(HTTP_HOST=host_of(alpha)).get(f"/layanan/{service.key}/")
    assert f"/lokasi/{counter.location.key}/" not in _links(page.text)
