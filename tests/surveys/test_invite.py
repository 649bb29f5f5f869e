"""Issue #14: a finished ticket with a number gets one "finished" message through notify's outbox
carrying the ticket's one-use SKM link (the same link as the QR on its page), WhatsApp first and
SMS when WhatsApp refuses, each sent once; nothing without a channel or a number; each regency's
message in its own outbox."""

from __future__ import annotations

import re

import pytest

from catalogue.models import Counter, Service
from notify.models import OutboxMessage
from queueing.actions import ticket_act, ticket_call_next, ticket_issue
from queueing.models import Ticket
from queueing.notifications import ticket_notify_subscribe
from surveys.actions import LinkUsed, response_submit_by_link, token_hash
from surveys.models import SurveyLink
from tests.conftest import in_schema, staff_user
from tests.notify.conftest import channels_configure
from tests.surveys.helpers import sheet

PHONE = "0812 3456 7890"


@pytest.fixture
def officer(alpha):
    return staff_user(alpha, "petugas@alpha.test")


def _finish(ticket, counter, officer, capture) -> Ticket:
    with capture(execute=True):
        called = ticket_call_next(counter=counter, officer=officer)
        assert called.pk == ticket.pk
        ticket_act(ticket=called, action="start", officer=officer)
        return ticket_act(ticket=called, action="finish", officer=officer)


def _subscribed(queue, capture) -> Ticket:
    """A ticket for KTP-el with the citizen's number on it."""
    with capture(execute=True):
        ticket = ticket_issue(queue=queue, service=Service.objects.get(key="ktp-el-baru"))
        ticket_notify_subscribe(ticket=ticket, phone=PHONE)
    return ticket


def _finished_rows():
    return list(OutboxMessage.objects.filter(template="queue_finished").order_by("id"))


def test_finished_ticket_gets_one_message_with_its_one_use_link(
    alpha, alpha_queue, officer, providers, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
        counter = Counter.objects.get(key="loket-a1")
        service = Service.objects.get(key="ktp-el-baru")
        with django_capture_on_commit_callbacks(execute=True):
            mine = ticket_issue(queue=alpha_queue, service=service)
            ticket_notify_subscribe(ticket=mine, phone=PHONE)
        done = _finish(mine, counter, officer, django_capture_on_commit_callbacks)

        [row] = _finished_rows()
        assert row.to == "+6281234567890"
        assert row.status == "sent"
        assert row.params["ticket"] == mine.number
        assert row.params["location"] == mine.location.name
        token = re.fullmatch(r"https?://[^/]+/skm/isi/([0-9a-f]{32})/", row.params["url"])[1]
        link = SurveyLink.objects.get(token_hash=token_hash(token))
        assert (link.source, link.source_id, link.service_id) == (
            "ticket",
            mine.public_id,
            service.pk,
        )
        # WhatsApp took it, once; the number is gone from the ticket.
        finished = [r for r in providers.accepted if "/skm/isi/" in str(r)]
        assert [r["channel"] for r in finished] == ["whatsapp"]
        assert Ticket.objects.get(pk=done.pk).notify_phone == ""

        # The link is the one-use link of the ticket: one response, the second refused.
        response_submit_by_link(
            token=token, answers=sheet(service, [4] * 9, on=mine.local_date), address="10.0.0.1"
        )
        with pytest.raises(LinkUsed):
            response_submit_by_link(
                token=token, answers=sheet(service, [1] * 9, on=mine.local_date), address="10.0.0.2"
            )
        # Finishing never queues it twice (the dedupe key), even if the finish were replayed.
        from surveys.actions import survey_invite_after_ticket

        with django_capture_on_commit_callbacks(execute=True):
            survey_invite_after_ticket(ticket=done, phone=PHONE)
        assert len(_finished_rows()) == 1
        assert len([r for r in providers.accepted if "/skm/isi/" in str(r)]) == 1


def test_sms_when_whatsapp_refuses(
    alpha, alpha_queue, officer, providers, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
        counter = Counter.objects.get(key="loket-a1")
        mine = _subscribed(alpha_queue, django_capture_on_commit_callbacks)
        providers.fail_next("whatsapp", 400)  # permanent: the template is not approved, say
        _finish(mine, counter, officer, django_capture_on_commit_callbacks)
        [row] = _finished_rows()
        assert row.status == "sent"
        finished = [r for r in providers.accepted if "/skm/isi/" in str(r)]
        assert [r["channel"] for r in finished] == ["sms"]


def test_nothing_without_a_number_or_a_channel(
    alpha, alpha_queue, officer, providers, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        counter = Counter.objects.get(key="loket-a1")
        service = Service.objects.get(key="ktp-el-baru")
        silent = ticket_issue(queue=alpha_queue, service=service)  # channels off
        Ticket.objects.filter(pk=silent.pk).update(notify_phone="081234567890")
        _finish(silent, counter, officer, django_capture_on_commit_callbacks)
        assert _finished_rows() == []
        assert Ticket.objects.get(pk=silent.pk).status == "done"
        channels_configure()  # channels on, but no number left on the ticket
        nameless = ticket_issue(queue=alpha_queue, service=service)
        _finish(nameless, counter, officer, django_capture_on_commit_callbacks)
        assert _finished_rows() == []
        assert not SurveyLink.objects.filter(source_id=nameless.public_id).exists()


def test_each_regency_in_its_own_outbox(
    alpha, beta, alpha_queue, beta_queue, officer, providers, django_capture_on_commit_callbacks
):
    with in_schema(alpha):
        channels_configure()
        counter = Counter.objects.get(key="loket-a1")
        mine = _subscribed(alpha_queue, django_capture_on_commit_callbacks)
        _finish(mine, counter, officer, django_capture_on_commit_callbacks)
        assert len(_finished_rows()) == 1
    with in_schema(beta):
        assert _finished_rows() == []
        assert not SurveyLink.objects.filter(source_id=mine.public_id).exists()
