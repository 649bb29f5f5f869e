"""Issue #12: an optional phone number taken at booking (form and the kiosk API), checked by
notify's validator, carried to the ticket at check-in so its "N in line" and "called" messages
go through notify's outbox; refused while the regency has no channel on."""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from catalogue.models import Counter, Location, Service
from notify.models import OutboxMessage
from queueing.actions import ticket_call_next
from queueing.booking import booking_cancel, booking_check_in, booking_confirm, booking_draft
from queueing.errors import QueueError
from queueing.models import Booking, Ticket
from tests.conftest import in_schema, staff_user
from tests.notify.conftest import channels_configure
from tests.queueing.test_api import paired

MONDAY = date(2026, 11, 23)


def _draft(phone: str, identity: str = "3201010101010001") -> Booking:
    return booking_draft(
        service=Service.objects.get(key="akta-kelahiran"),
        day=MONDAY,
        slot=time(11, 0),
        identity=identity,
        phone=phone,
    )


def test_booking_phone_travels_to_the_ticket_and_its_messages(
    alpha, alpha_queue, providers, django_capture_on_commit_callbacks
):
    officer = staff_user(alpha, "petugas@alpha.test")
    with in_schema(alpha):
        with pytest.raises(QueueError, match="belum tersedia"):
            _draft("0812 3456 7890")
        assert Booking.objects.count() == 0
        channels_configure()
        with pytest.raises(QueueError, match="hanya boleh berisi angka"):
            _draft("0812-ABC")
        assert _draft("").notify_phone == ""
        booking = booking_confirm(public_id=_draft("0812 3456 7890", "081299998888").public_id)
        assert booking.notify_phone == "+6281234567890"
        location = Location.objects.get(key="gedung-mpp")
        with django_capture_on_commit_callbacks(execute=True):
            ticket = booking_check_in(code=booking.code, location=location)
        assert ticket.notify_phone == "+6281234567890"
        assert Booking.objects.get(pk=booking.pk).notify_phone == ""
        with django_capture_on_commit_callbacks(execute=True):
            called = ticket_call_next(counter=Counter.objects.get(key="loket-a1"), officer=officer)
        assert called.pk == ticket.pk
        rows = list(OutboxMessage.objects.order_by("id").values_list("template", "to"))
        assert rows == [
            ("queue_position", "+6281234567890"),
            ("queue_called", "+6281234567890"),
        ]


def test_a_cancelled_booking_forgets_its_phone(alpha, alpha_queue, providers):
    with in_schema(alpha):
        channels_configure()
        booking = _draft("081234567890")
        booking_cancel(public_id=booking.public_id)
        assert Booking.objects.get(pk=booking.pk).notify_phone == ""


def test_booking_form_offers_the_field_only_with_channels_on(
    alpha, alpha_client, alpha_queue, providers
):
    query = "/antrean/booking/?service=akta-kelahiran&date=2026-11-23"
    assert 'name="phone"' not in alpha_client.get(query).content.decode()
    with in_schema(alpha):
        channels_configure()
    assert 'name="phone"' in alpha_client.get(query).content.decode()
    body = {"service": "akta-kelahiran", "date": "2026-11-23", "slot": "11:00"}
    bad = alpha_client.post("/antrean/booking/", {**body, "identity": "3201", "phone": "0812"})
    assert bad.status_code == 400
    assert "10 sampai 13 digit" in bad.content.decode()
    good = alpha_client.post(
        "/antrean/booking/", {**body, "identity": "081211112222", "phone": "+62 812-1111-2222"}
    )
    assert good.status_code == 302
    with in_schema(alpha):
        assert Booking.objects.get().notify_phone == "+6281211112222"


def test_kiosk_api_takes_an_optional_phone(alpha, alpha_client, alpha_queue, providers):
    token = paired(alpha, "gedung-mpp")[1]
    body = {"location": "gedung-mpp", "service": "ktp-el-baru"}

    def post(extra):
        return alpha_client.post(
            "/api/v1/queue/tickets",
            json.dumps({**body, **extra}),
            content_type="application/json",
            HTTP_X_DEVICE_TOKEN=token,
        )

    assert post({"phone": "081234567890"}).json()["error"]["code"] == "bad_phone"  # channels off
    with in_schema(alpha):
        channels_configure()
    refused = post({"phone": ["0812"]})
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "bad_phone")
    assert "Indonesia" in post({"phone": "+1 555 0100"}).json()["error"]["message"]
    made = post({"phone": "081234567890"})
    assert made.status_code == 201
    with in_schema(alpha):
        assert Ticket.objects.get().notify_phone == "+6281234567890"


def test_isolation_a_booking_phone_stays_in_its_regency(alpha, beta, alpha_queue, beta_queue):
    with in_schema(alpha):
        channels_configure()
        booking = _draft("081234567890")
    with in_schema(beta):
        assert not Booking.objects.filter(notify_phone="+6281234567890").exists()
        assert not Booking.objects.filter(public_id=booking.public_id).exists()
