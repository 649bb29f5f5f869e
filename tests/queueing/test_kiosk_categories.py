"""Issue #12: a big MPP's kiosk shows its service categories first (big buttons, plain links),
then one category's services; a small one shows its services at once; services without a
category are grouped by agency; a refused ticket keeps the citizen in their category; each
regency's kiosk shows its own services only."""

from __future__ import annotations

import pytest

from catalogue.models import Service
from queueing import kiosk
from queueing.models import Ticket
from tests.conftest import in_schema
from tests.queueing.conftest import queue_make
from tests.queueing.test_pages import kiosk_client

ALL = ["ktp-el-baru", "akta-kelahiran", "sim-a-baru", "skck", "nib-oss"]


@pytest.fixture
def big_hall(alpha, pinned_clock, queue_on, monkeypatch):
    monkeypatch.setattr(kiosk, "ONE_SCREEN_MAX", 2)
    return queue_make(alpha, prefix="A", location="gedung-mpp", services=ALL, counters=["loket-a1"])


def test_categories_first_then_one_categorys_services(alpha, big_hall):
    client = kiosk_client(alpha)
    first = client.get("/antrean/kios/").content.decode()
    assert 'href="?kategori=kependudukan"' in first
    assert 'href="?kategori=kepolisian"' in first
    assert "2 layanan" in first
    assert 'name="service"' not in first
    assert "Kode booking" in first  # check-in stays on the first screen
    police = client.get("/antrean/kios/?kategori=kepolisian").content.decode()
    assert 'value="sim-a-baru"' in police
    assert 'value="skck"' in police
    assert 'value="ktp-el-baru"' not in police
    assert '<input type="hidden" name="kategori" value="kepolisian">' in police
    assert "Semua kategori" in police
    issued = client.post("/antrean/kios/", {"service": "skck", "kategori": "kepolisian"})
    assert issued.status_code == 302
    with in_schema(alpha):
        assert Ticket.objects.get().service.key == "skck"
    unknown = client.get("/antrean/kios/?kategori=%00tidak-ada")
    assert unknown.status_code == 200
    assert 'href="?kategori=kependudukan"' in unknown.content.decode()


def test_a_refused_ticket_keeps_the_citizen_in_their_category(alpha, big_hall):
    client = kiosk_client(alpha)
    refused = client.post("/antrean/kios/", {"service": "tidak-ada", "kategori": "kepolisian"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "tidak dilayani" in page
    assert 'value="sim-a-baru"' in page


def test_uncategorised_services_are_grouped_by_agency(alpha, big_hall):
    with in_schema(alpha):
        Service.objects.filter(key="nib-oss").update(category=None)
        groups = {
            g.key: [s.key for s in g.services]
            for g in kiosk.kiosk_groups(location=big_hall.location)
        }
    assert groups["instansi-dpmptsp"] == ["nib-oss"]
    assert groups["kepolisian"] == ["sim-a-baru", "skck"]


def test_a_small_kiosk_shows_its_services_at_once(alpha, alpha_queue):
    page = kiosk_client(alpha).get("/antrean/kios/").content.decode()
    assert 'value="ktp-el-baru"' in page
    assert "?kategori=" not in page


def test_isolation_betas_kiosk_shows_only_betas_services(alpha, beta, big_hall, beta_queue):
    from django.test import Client

    from catalogue.models import Location
    from queueing.devices import device_create
    from tests.conftest import host_of

    with in_schema(beta):
        _device, code = device_create(
            location=Location.objects.get(key="mpp-beta"), kind="kiosk", name="Kios"
        )
    client = Client(HTTP_HOST=host_of(beta))
    client.post("/antrean/perangkat/", {"code": code})
    page = client.get("/antrean/kios/").content.decode()
    assert 'value="pendaftaran-jkn"' in page
    assert "kepolisian" not in page
    assert "ktp-el-baru" not in page
