"""Issue #12: a citizen's number on a ticket, a message when N-th in line and when called (once
each, through notify's outbox to the fake providers), nothing when channels are off, the number
erased when the ticket ends, and each regency's messages in its own outbox."""

from __future__ import annotations

import pytest

from catalogue.models import Counter, Service
from notify.models import OutboxMessage
from queueing.actions import ticket_act, ticket_call_next, ticket_issue
from queueing.errors import QueueError
from queueing.models import PriorityRule, Ticket
from queueing.notifications import phone_masked, ticket_notify_subscribe
from surveys.models import SurveyLink
from tests.conftest import in_schema, staff_user
from tests.notify.conftest import channels_configure

PHONE = "0812 3456 7890"


@pytest.fixture
def officer(alpha):
    return staff_user(alpha, "petugas@alpha.test")


def _rows():
    return list(OutboxMessage.objects.order_by("id").values_list("template", "to", "params"))


def test_position_then_called_once_each_and_phone_erased(
    alpha,
    alpha_queue,
    officer,
    providers,
    django_capture_on_commit_callbacks,
):
    with in_schema(alpha):
        channels_configure()
        PriorityRule.objects.create(notify_position=2)
        counter = Counter.objects.get(key="loket-a1")
        with django_capture_on_commit_callbacks(execute=True):
            first = ticket_issue(queue=alpha_queue)
            ticket_issue(queue=alpha_queue)
            mine = ticket_issue(queue=alpha_queue)
            ticket_notify_subscribe(ticket=mine, phone=PHONE)
        assert _rows() == []  # third in line, the regency says "second"
        with django_capture_on_commit_callbacks(execute=True):
            assert ticket_call_next(counter=counter, officer=officer).pk == first.pk
        [(template, to, params)] = _rows()
        assert (template, to) == ("queue_position", "+6281234567890")
        assert params["position"] == "2"
        assert params["ticket"] == mine.number
        with django_capture_on_commit_callbacks(execute=True):
            ticket_act(ticket=first, action="skip", officer=officer)  # queue changes again
        assert len(_rows()) == 1  # the same position message is not sent twice
        with django_capture_on_commit_callbacks(execute=True):
            ticket_call_next(counter=counter, officer=officer)
            called = ticket_call_next(counter=counter, officer=officer)
            assert called.pk == mine.pk
            ticket_act(ticket=called, action="recall", officer=officer)
        assert [r[0] for r in _rows()] == ["queue_position", "queue_called"]
        assert _rows()[1][2]["ticket"] == mine.number
        assert OutboxMessage.objects.filter(status="sent").count() == 2
        assert Ticket.objects.get(pk=mine.pk).notify_phone == "+6281234567890"
        ticket_act(ticket=called, action="start", officer=officer)
        ticket_act(ticket=called, action="finish", officer=officer)
        assert Ticket.objects.get(pk=mine.pk).notify_phone == ""


def test_no_offer_and_no_message_when_channels_are_off(
    alpha, alpha_queue, officer, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        mine = ticket_issue(queue=alpha_queue)
        with pytest.raises(QueueError):
            ticket_notify_subscribe(ticket=mine, phone=PHONE)
        Ticket.objects.filter(pk=mine.pk).update(notify_phone="081234567890")
        with django_capture_on_commit_callbacks(execute=True):
            ticket_call_next(counter=counter, officer=officer)
        assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize("action", ["skip", "cancel"])
def test_phone_erased_when_the_ticket_ends(alpha, alpha_queue, officer, providers, action):
    with in_schema(alpha):
        channels_configure()
        counter = Counter.objects.get(key="loket-a1")
        mine = ticket_notify_subscribe(ticket=ticket_issue(queue=alpha_queue), phone=PHONE)
        assert mine.notify_phone == "+6281234567890"
        called = ticket_call_next(counter=counter, officer=officer)
        ticket_act(ticket=called, action=action, officer=officer)
        assert Ticket.objects.get(pk=mine.pk).notify_phone == ""
        with pytest.raises(QueueError):
            ticket_notify_subscribe(ticket=mine, phone=PHONE)


def test_isolation_beta_messages_stay_in_beta(
    alpha,
    beta,
    alpha_queue,
    beta_queue,
    providers,
    django_capture_on_commit_callbacks,
):
    with in_schema(alpha):
        channels_configure()
    with in_schema(beta):
        channels_configure()
        counter = Counter.objects.get(key="loket-1")
        officer = staff_user(beta, "petugas@beta.test")
        with django_capture_on_commit_callbacks(execute=True):
            mine = ticket_notify_subscribe(ticket=ticket_issue(queue=beta_queue), phone=PHONE)
        with django_capture_on_commit_callbacks(execute=True):
            ticket_call_next(counter=counter, officer=officer)
        assert sorted(r[0] for r in _rows()) == ["queue_called", "queue_position"]
        assert all(
            f":{mine.pk}" in k for k in OutboxMessage.objects.values_list("dedupe_key", flat=True)
        )
    with in_schema(alpha):
        assert OutboxMessage.objects.count() == 0


def test_ticket_page_offers_the_form_and_masks_the_number(
    alpha,
    alpha_client,
    alpha_queue,
    providers,
):
    with in_schema(alpha):
        mine = ticket_issue(queue=alpha_queue)
    url = f"/antrean/tiket/{mine.public_id}/"
    assert "Kabari saya" not in alpha_client.get(url).content.decode()
    with in_schema(alpha):
        channels_configure()
    assert 'name="phone"' in alpha_client.get(url).content.decode()
    bad = alpha_client.post(url, {"phone": "12ab"})
    assert bad.status_code == 400
    assert "Nomor HP hanya boleh berisi angka." in bad.content.decode()
    assert alpha_client.post(url, {"phone": PHONE}).status_code == 302
    page = alpha_client.get(url).content.decode()
    assert phone_masked("+6281234567890") in page
    assert "+628••••••7890" in page
    assert "+6281234567890" not in page
    assert "081234567890" not in page
    assert 'name="phone"' not in page


def test_a_finished_ticket_offers_the_skm_survey_once(alpha, alpha_client, alpha_queue, officer):

    with in_schema(alpha):
        service = Service.objects.get(key="ktp-el-baru")
        mine = ticket_issue(queue=alpha_queue, service=service)
    url = f"/antrean/tiket/{mine.public_id}/"
    assert "Nilai layanan kami" not in alpha_client.get(url).content.decode()
    with in_schema(alpha):
        called = ticket_call_next(counter=Counter.objects.get(key="loket-a1"), officer=officer)
        ticket_act(ticket=called, action="start", officer=officer)
        ticket_act(ticket=called, action="finish", officer=officer)
    first = alpha_client.get(url).content.decode()
    assert "Nilai layanan kami (SKM)" in first
    assert "/skm/isi/" in first
    alpha_client.get(url)
    with in_schema(alpha):
        assert SurveyLink.objects.filter(source="ticket", source_id=mine.public_id).count() == 1
