"""The queue's pages: pairing a kiosk in the browser, taking and printing a ticket with its QR,
booking check-in at the kiosk, the counter panel's buttons, booking pages, plan gating."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.test import Client

from catalogue.models import Location
from queueing.booking import booking_confirm, booking_draft
from queueing.devices import device_create
from queueing.models import Ticket
from tests.conftest import host_of, in_schema, staff_client
from tests.queueing.conftest import plan_set


def kiosk_client(regency) -> Client:
    with in_schema(regency):
        _device, code = device_create(
            location=Location.objects.get(key="gedung-mpp"), kind="kiosk", name="Kios"
        )
    client = Client(HTTP_HOST=host_of(regency))
    response = client.post("/antrean/perangkat/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/antrean/kios/"
    assert "sp_device" in response.cookies
    assert response.cookies["sp_device"]["httponly"]
    return client


def test_kiosk_issues_and_prints_a_ticket(alpha, alpha_queue):
    client = kiosk_client(alpha)
    page = client.get("/antrean/kios/")
    assert page.status_code == 200
    assert "Penerbitan KTP-el Baru" in page.content.decode()
    assert "Lansia" in page.content.decode()
    issued = client.post("/antrean/kios/", {"service": "ktp-el-baru", "priority": "lansia"})
    assert issued.status_code == 302
    printed = client.get(issued["Location"])
    body = printed.content.decode()
    assert "A-001" in body
    assert "<svg" in body
    assert "Lansia" in body
    assert "private" in printed["Cache-Control"] or "no-cache" in printed["Cache-Control"]


def test_kiosk_refuses_bad_input_and_unpaired_browsers(alpha, alpha_queue):
    assert (
        Client(HTTP_HOST=host_of(alpha)).get("/antrean/kios/")["Location"] == "/antrean/perangkat/"
    )
    bad = Client(HTTP_HOST=host_of(alpha)).post("/antrean/perangkat/", {"code": "SALAH123"})
    assert bad.status_code == 400
    assert "kedaluwarsa" in bad.content.decode()
    client = kiosk_client(alpha)
    response = client.post("/antrean/kios/", {"service": "sim-a-baru"})
    assert response.status_code == 400
    assert "tidak dilayani" in response.content.decode()


def test_booking_checked_in_at_the_kiosk(alpha, alpha_queue):
    from catalogue.models import Service

    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
        draft = booking_draft(
            service=service,
            day=date(2026, 11, 23),
            slot=time(10, 0),
            identity="081299990000",
        )
        booking = booking_confirm(public_id=draft.public_id)
    client = kiosk_client(alpha)
    response = client.post("/antrean/kios/check-in/", {"code": booking.code})
    assert response.status_code == 302
    assert "A-001" in client.get(response["Location"]).content.decode()
    again = client.post("/antrean/kios/check-in/", {"code": booking.code})
    assert again.status_code == 400


def test_booking_pages(alpha, alpha_queue):
    client = Client(HTTP_HOST=host_of(alpha))
    slots = client.get("/antrean/booking/", {"service": "ktp-el-baru", "date": "2026-11-24"})
    assert slots.status_code == 200
    assert "07.30" in slots.content.decode()
    made = client.post(
        "/antrean/booking/",
        {
            "service": "ktp-el-baru",
            "date": "2026-11-24",
            "slot": "08:00",
            "identity": "081211112222",
        },
    )
    assert made.status_code == 302
    confirmed = client.post(made["Location"], {"action": "confirm"}, follow=True)
    assert "Kode booking" in confirmed.content.decode()
    assert "<svg" in confirmed.content.decode()
    # A citizen page leads back to the portal: the MPP's name links to its home page.
    for page in (slots, confirmed):
        head = page.content.decode().split('<header class="citizen-head">', 1)[1]
        assert '<a href="/"><strong>' in head.split("</header>", 1)[0]
    bad = client.post(
        "/antrean/booking/",
        {"service": "ktp-el-baru", "date": "2027-12-24", "slot": "08:00", "identity": "08121111"},
    )
    assert bad.status_code == 400


def test_each_regencys_booking_page_names_its_own_mpp(alpha, alpha_queue, beta, beta_queue):
    from cms.models import Branding

    def brand(regency) -> str:
        with in_schema(regency):
            return Branding.objects.get().brand_name

    def header(regency) -> str:
        page = Client(HTTP_HOST=host_of(regency)).get("/antrean/booking/").content.decode()
        return page.split('<header class="citizen-head">', 1)[1].split("</header>", 1)[0]

    alpha_brand, beta_brand = brand(alpha), brand(beta)
    assert alpha_brand != beta_brand
    alpha_header, beta_header = header(alpha), header(beta)
    assert alpha_brand in alpha_header
    assert beta_brand not in alpha_header
    assert beta_brand in beta_header
    assert alpha_brand not in beta_header


def test_a_booking_sent_without_slot_or_identity_comes_back_with_the_slots_and_the_messages(
    alpha, alpha_queue
):
    """It used to come back as the first step (service and date) with no message at all."""
    client = Client(HTTP_HOST=host_of(alpha))

    back = client.post(
        "/antrean/booking/", {"service": "ktp-el-baru", "date": "2026-11-24", "priority": "lansia"}
    )

    page = back.content.decode()
    assert back.status_code == 400
    assert 'name="slot" value="08:00"' in page
    assert '<p class="error" id="e-slot">Pilih jam.</p>' in page
    assert 'aria-invalid="true"' in page
    assert '<span class="error" id="e-identity">Masukkan nomor HP atau NIK.</span>' in page
    assert '<option value="lansia" selected>' in page
    kept = client.post(
        "/antrean/booking/", {"service": "ktp-el-baru", "date": "2026-11-24", "slot": "08:00"}
    )
    assert 'value="08:00" checked' in kept.content.decode()


def test_counter_panel_calls_and_finishes(alpha, alpha_queue):
    from tests.conftest import staff_user

    with in_schema(alpha):
        from queueing.actions import ticket_issue

        ticket_issue(queue=alpha_queue)
    client = staff_client(alpha, "loket@alpha.test", superuser=True)
    assert "A1" in client.get("/antrean/loket/").content.decode()
    panel = "/antrean/loket/loket-a1/"
    assert client.post(panel + "aksi/", {"action": "call"}).status_code == 302
    assert "A-001" in client.get(panel).content.decode()
    with in_schema(alpha):
        ticket = Ticket.objects.get()
    client.post(panel + "aksi/", {"action": "start", "ticket": ticket.pk})
    client.post(panel + "aksi/", {"action": "finish", "ticket": ticket.pk})
    with in_schema(alpha):
        assert Ticket.objects.get().status == "done"
    refused = client.post(panel + "aksi/", {"action": "finish", "ticket": ticket.pk}, follow=True)
    assert "tidak dapat dilakukan" in refused.content.decode()
    odd = client.post(panel + "aksi/", {"action": "hapus"}, follow=True)
    assert "Tindakan tidak dikenal" in odd.content.decode()
    staff_user(alpha, "biasa@alpha.test")
    other = Client(HTTP_HOST=host_of(alpha))
    other.login(email="biasa@alpha.test", password="kata-sandi-123")
    assert other.get("/antrean/loket/").status_code == 404


def test_panel_and_kiosk_refresh_when_idle_and_without_script(alpha, alpha_queue):
    """The script reloads them after a quiet spell (tests/e2e/test_queue_counter_refresh.py);
    without script, a plain meta refresh does."""
    panel = staff_client(alpha, "loket@alpha.test", superuser=True).get("/antrean/loket/loket-a1/")
    body = panel.content.decode()
    assert 'data-refresh="15"' in body
    assert '<noscript><meta http-equiv="refresh" content="15"></noscript>' in body
    kiosk = kiosk_client(alpha).get("/antrean/kios/").content.decode()
    assert 'data-refresh="300"' in kiosk
    assert '<noscript><meta http-equiv="refresh" content="300"></noscript>' in kiosk


@pytest.mark.parametrize("url", ["/antrean/kios/", "/antrean/booking/", "/antrean/perangkat/"])
def test_pages_are_404_without_the_queue_module(alpha, alpha_queue, url):
    plan_set(alpha, queue=False)
    assert Client(HTTP_HOST=host_of(alpha)).get(url).status_code == 404


def test_counter_officer_role_sees_only_its_agencys_counters(alpha, alpha_queue):
    from tests.conftest import staff_login, staff_user

    anonymous = Client(HTTP_HOST=host_of(alpha)).get("/antrean/loket/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    staff_user(alpha, "officer@alpha.test", group="Petugas Loket", agencies=["disdukcapil"])
    client = staff_login(alpha, "officer@alpha.test", lands="/antrean/loket/")
    listing = client.get("/antrean/loket/").content.decode()
    assert "loket-a1" in listing
    assert "loket-b1" not in listing
    assert client.get("/antrean/loket/loket-b1/").status_code == 404
    assert client.post("/antrean/loket/loket-b1/aksi/", {"action": "call"}).status_code == 404
    english = client.get("/en/antrean/loket/loket-a1/").content.decode()
    assert "Call" in english
    assert "Nobody is waiting." in english


def test_counter_checks_a_booking_in(alpha, alpha_queue):
    from activity.models import ActivityEntry
    from catalogue.models import Service

    with in_schema(alpha):
        draft = booking_draft(
            service=Service.objects.get(key="akta-kelahiran"),
            day=date(2026, 11, 23),
            slot=time(11, 0),
            identity="081277776666",
        )
        booking = booking_confirm(public_id=draft.public_id)
    client = staff_client(alpha, "desk@alpha.test", superuser=True)
    panel = "/antrean/loket/loket-a1/"
    wrong = client.post(panel + "aksi/", {"action": "checkin", "code": "ZZZZZZ"}, follow=True)
    assert "Kode booking tidak ditemukan" in wrong.content.decode()
    client.post(panel + "aksi/", {"action": "checkin", "code": booking.code})
    with in_schema(alpha):
        ticket = Ticket.objects.get()
        assert (ticket.channel, ticket.number) == ("online", "A-001")
        assert ActivityEntry.objects.filter(verb="booking.check_in").count() == 1


def test_between_citizens_the_panel_hands_over_the_finished_tickets_survey(alpha, alpha_queue):
    """Issue #14: the counter panel hands the next respondent the SKM questionnaire of the ticket
    it just finished (QR and on this device), through the ticket's one-use link."""
    from queueing.actions import ticket_issue

    with in_schema(alpha):
        from catalogue.models import Service

        ktp = Service.objects.get(key="ktp-el-baru")
        ticket_issue(queue=alpha_queue, service=ktp)
        ticket_issue(queue=alpha_queue, service=ktp)
    client = staff_client(alpha, "loket@alpha.test", superuser=True)
    panel = "/antrean/loket/loket-a1/"
    assert "skm-handoff" not in client.get(panel).content.decode()  # nobody served yet
    client.post(panel + "aksi/", {"action": "call"})
    with in_schema(alpha):
        first = Ticket.objects.get(number="A-001")
    client.post(panel + "aksi/", {"action": "start", "ticket": first.pk})
    assert "skm-handoff" not in client.get(panel).content.decode()  # still serving
    client.post(panel + "aksi/", {"action": "finish", "ticket": first.pk})

    page = client.get(panel).content.decode()

    assert "Survei kepuasan untuk A-001" in page
    assert "<svg" in page
    path = page.split('href="/skm/isi/', 1)[1].split('"', 1)[0]
    form = Client(HTTP_HOST=host_of(alpha)).get(f"/skm/isi/{path}")
    assert form.status_code == 200
    assert "KTP" in form.content.decode()
    client.post(panel + "aksi/", {"action": "call"})  # the next citizen: the hand-off is gone
    assert "skm-handoff" not in client.get(panel).content.decode()
