"""The TV display and the citizen's ticket page: pairing, what they show, bad input, plan gating
and isolation between regencies (server side; the live updates are in test_live_screens)."""

from __future__ import annotations

import pytest
from django.test import Client

from catalogue.models import Counter, Location
from queueing.actions import ticket_call_next, ticket_issue
from queueing.devices import device_create
from queueing.live_topics import DEVICE_COOKIE, display_may_listen, ticket_may_listen
from queueing.models import QueueDisplaySettings
from tests.conftest import host_of, in_schema, staff_user
from tests.queueing.conftest import plan_set

DISPLAY = "/antrean/layar/gedung-mpp/"


def _issue_and_call(regency, queue, *, count: int = 3, calls: int = 1):
    with in_schema(regency):
        tickets = [ticket_issue(queue=queue, channel="kiosk") for _ in range(count)]
        officer = staff_user(regency, "petugas@example.id")
        counter = Counter.objects.get(key="loket-a1")
        for _ in range(calls):
            ticket_call_next(counter=counter, officer=officer)
        return tickets


def _display_client(regency, token: str) -> Client:
    client = Client(HTTP_HOST=host_of(regency))
    client.cookies[DEVICE_COOKIE] = token
    return client


def test_an_unpaired_browser_gets_the_pairing_form(alpha_client, alpha_queue):
    response = alpha_client.get(DISPLAY)
    assert response.status_code == 200
    assert "Kode pemasangan" in response.content.decode()
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_display_code_pairs_this_browser_and_shows_the_board(alpha, alpha_client, alpha_queue):
    with in_schema(alpha):
        _device, code = device_create(
            location=Location.objects.get(key="gedung-mpp"), kind="display", name="TV lobi"
        )
    response = alpha_client.post(DISPLAY, {"code": code})
    assert response.status_code == 302
    assert response.cookies[DEVICE_COOKIE]["httponly"]
    _issue_and_call(alpha, alpha_queue)
    page = alpha_client.get(DISPLAY).content.decode()
    assert "A-001" in page  # called
    assert "A-002" in page  # next
    assert 'data-stream="/live/queue.display/' in page


@pytest.mark.parametrize(
    ("code", "message"),
    [("", "Kode pemasangan tidak dikenal"), ("ZZZZZZZZ", "Kode pemasangan tidak dikenal")],
)
def test_bad_codes_are_refused_in_indonesian(alpha_client, alpha_queue, code, message):
    response = alpha_client.post(DISPLAY, {"code": code})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_kiosk_code_does_not_make_a_display(alpha, alpha_client, alpha_queue):
    with in_schema(alpha):
        _device, code = device_create(
            location=Location.objects.get(key="gedung-mpp"), kind="kiosk", name="Kios"
        )
    response = alpha_client.post(DISPLAY, {"code": code})
    assert response.status_code == 400
    assert "bukan layar TV" in response.content.decode()
    assert DEVICE_COOKIE not in response.cookies


def test_the_display_shows_branding_and_the_running_text(alpha, alpha_display):
    with in_schema(alpha):
        from wagtail.models import Site

        setting = QueueDisplaySettings.for_site(Site.objects.get(is_default_site=True))
        setting.running_text = "Pelayanan KTP-el tutup pukul 14.00 hari ini."
        setting.save()
    page = _display_client(alpha, alpha_display).get(DISPLAY).content.decode()
    assert "Pelayanan KTP-el tutup pukul 14.00 hari ini." in page
    assert "MPP Alpha" in page


def test_state_json_needs_the_paired_display(alpha, alpha_client, alpha_display):
    assert alpha_client.get(DISPLAY + "keadaan/").status_code == 401
    response = _display_client(alpha, alpha_display).get(DISPLAY + "keadaan/")
    assert response.status_code == 200
    assert response.json()["location"]["key"] == "gedung-mpp"


def test_an_alpha_display_token_means_nothing_on_beta(alpha, beta, alpha_display, beta_queue):
    response = _display_client(beta, alpha_display).get("/antrean/layar/mpp-beta/")
    assert "Kode pemasangan" in response.content.decode()  # not paired here
    assert (
        _display_client(beta, alpha_display).get("/antrean/layar/mpp-beta/keadaan/").status_code
        == 401
    )


def test_the_ticket_page_shows_position_people_ahead_and_wait(alpha, alpha_client, alpha_queue):
    tickets = _issue_and_call(alpha, alpha_queue, count=4, calls=1)
    response = alpha_client.get(f"/antrean/tiket/{tickets[3].public_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "A-004" in page
    assert 'id="t-position">3<' in page  # wait before it
    assert 'id="t-ahead">2<' in page
    assert "menit" in page
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    state = alpha_client.get(f"/antrean/tiket/{tickets[3].public_id}/keadaan/").json()
    assert state["people_ahead"] == 2


def test_tickets_are_not_found_elsewhere_or_when_unknown(
    alpha, beta_client, alpha_client, alpha_queue, beta_queue
):
    tickets = _issue_and_call(alpha, alpha_queue, count=1, calls=0)
    assert beta_client.get(f"/antrean/tiket/{tickets[0].public_id}/").status_code == 404
    assert alpha_client.get("/antrean/tiket/tidak-ada/").status_code == 404
    assert alpha_client.get("/antrean/tiket/tidak-ada/keadaan/").status_code == 404


def test_without_the_queue_module_the_screens_are_404(alpha, alpha_client, alpha_queue):
    tickets = _issue_and_call(alpha, alpha_queue, count=1, calls=0)
    plan_set(alpha, queue=False)
    assert alpha_client.get(DISPLAY).status_code == 404
    assert alpha_client.get(f"/antrean/tiket/{tickets[0].public_id}/").status_code == 404


def test_who_may_listen(alpha, beta, rf, alpha_display, alpha_queue):
    tickets = _issue_and_call(alpha, alpha_queue, count=1, calls=0)
    request = rf.get("/")
    request.COOKIES[DEVICE_COOKIE] = alpha_display
    with in_schema(alpha):
        location = Location.objects.get(key="gedung-mpp")
        assert display_may_listen(request, str(location.pk))
        assert not display_may_listen(request, str(location.pk + 1000))
        assert not display_may_listen(rf.get("/"), str(location.pk))
        assert ticket_may_listen(rf.get("/"), tickets[0].public_id)
        assert not ticket_may_listen(rf.get("/"), "tidak-ada")
    with in_schema(beta):
        assert not ticket_may_listen(rf.get("/"), tickets[0].public_id)


def test_a_call_names_the_counter_by_its_code_with_its_name_under_it(
    alpha, alpha_display, alpha_queue
):
    """Counters are named "Loket KTP-el (…)": the board said "Loket Loket KTP-el (…)" in letters
    too big for its box, over the counters' tiles, and never the "A1" on the counter's sign."""
    with in_schema(alpha):
        Counter.objects.filter(key="loket-a1").update(
            code="A1", name="Loket KTP-el (Perekaman dan Pencetakan)"
        )
    _issue_and_call(alpha, alpha_queue)

    page = _display_client(alpha, alpha_display).get(DISPLAY).content.decode()

    assert '<p class="to">Loket <strong>A1</strong></p>' in page
    assert '<p class="where">Loket KTP-el (Perekaman dan Pencetakan)</p>' in page
    assert '<span class="code">A1</span><span class="name">Loket KTP-el' in page
    assert "Loket Loket" not in page
