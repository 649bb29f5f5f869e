"""API v1: issue a ticket with a kiosk's token, a ticket's status, a display's state; 400 for bad
input, 401 for unpaired or revoked devices, isolation between regencies, plan gating, and the
OpenAPI document's schemas matching the real responses' keys."""

from __future__ import annotations

import json

import pytest

from catalogue.models import Location
from queueing.devices import device_create, device_pair, device_revoke
from queueing.openapi import OPENAPI
from tests.conftest import in_schema
from tests.queueing.conftest import plan_set


def paired(regency, location: str, kind: str = "kiosk") -> tuple[object, str]:
    with in_schema(regency):
        _device, code = device_create(
            location=Location.objects.get(key=location), kind=kind, name="Kios 1"
        )
        return device_pair(code=code)


def post(client, body, token: str | None = None):
    headers = {"HTTP_X_DEVICE_TOKEN": token} if token else {}
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/v1/queue/tickets", data, content_type="application/json", **headers)


def keys_of(schema: dict) -> set[str]:
    return set(schema["properties"])


@pytest.fixture
def kiosk(alpha, alpha_queue):
    return paired(alpha, "gedung-mpp")[1]


def test_issue_status_and_display(alpha_client, alpha, kiosk):
    response = post(alpha_client, {"location": "gedung-mpp", "service": "ktp-el-baru"}, kiosk)
    assert response.status_code == 201, response.content
    ticket = response.json()
    assert (ticket["number"], ticket["position"], ticket["people_ahead"]) == ("A-001", 1, 0)
    second = post(
        alpha_client,
        {"location": "gedung-mpp", "service": "akta-kelahiran", "priority": "lansia"},
        kiosk,
    ).json()
    assert (second["number"], second["priority"], second["position"]) == ("A-002", "lansia", 2)
    status = alpha_client.get(f"/api/v1/queue/tickets/{second['public_id']}")
    assert status.status_code == 200
    assert status.json()["people_ahead"] == 1
    display = alpha_client.get("/api/v1/queue/display/gedung-mpp", HTTP_X_DEVICE_TOKEN=kiosk)
    assert [n["number"] for n in display.json()["next"]] == ["A-001", "A-002"]
    schemas = OPENAPI["components"]["schemas"]
    assert set(ticket) == keys_of(schemas["Ticket"])
    assert set(status.json()) == keys_of(schemas["TicketStatus"])
    assert set(display.json()) == keys_of(schemas["Display"])
    assert status["Cache-Control"].startswith("max-age=0") or "no-cache" in status["Cache-Control"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "objek JSON"),
        ([1, 2], "objek JSON"),
        ({"location": "gedung-mpp", "service": "tidak-ada"}, "Layanan tidak dikenal"),
        ({"location": "gedung-mpp", "service": 5}, "Layanan tidak dikenal"),
        ({"location": "gerai-desa-sukamaju", "service": "ktp-el-baru"}, "Lokasi tidak sesuai"),
        ({"location": "gedung-mpp", "service": "sim-a-baru"}, "tidak dilayani"),
        ({"location": "gedung-mpp", "service": "ktp-el-baru", "priority": "vip"}, "prioritas"),
    ],
)
def test_bad_input_is_a_400_in_indonesian(alpha_client, kiosk, body, message):
    response = post(alpha_client, body, kiosk)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_unpaired_and_revoked_devices_get_401(alpha_client, alpha, alpha_queue):
    body = {"location": "gedung-mpp", "service": "ktp-el-baru"}
    assert post(alpha_client, body).status_code == 401
    assert post(alpha_client, body, "x" * 40).status_code == 401
    device, token = paired(alpha, "gedung-mpp")
    assert post(alpha_client, body, token).status_code == 201
    with in_schema(alpha):
        device_revoke(device=device)
    assert post(alpha_client, body, token).status_code == 401
    display = alpha_client.get("/api/v1/queue/display/gedung-mpp", HTTP_X_DEVICE_TOKEN=token)
    assert display.status_code == 401


def test_a_display_cannot_issue_tickets(alpha_client, alpha, alpha_queue):
    token = paired(alpha, "gedung-mpp", kind="display")[1]
    body = {"location": "gedung-mpp", "service": "ktp-el-baru"}
    assert post(alpha_client, body, token).status_code == 401


def test_pairing_code_is_one_time(alpha_client, alpha, alpha_queue):
    with in_schema(alpha):
        _device, code = device_create(
            location=Location.objects.get(key="gedung-mpp"), kind="kiosk", name="Kios 2"
        )
    first = alpha_client.post(
        "/api/v1/queue/devices/pair", {"code": code}, content_type="application/json"
    )
    assert first.status_code == 201
    assert set(first.json()) == keys_of(OPENAPI["components"]["schemas"]["Paired"])
    again = alpha_client.post(
        "/api/v1/queue/devices/pair", {"code": code}, content_type="application/json"
    )
    assert again.status_code == 400
    assert "kedaluwarsa" in again.json()["error"]["message"]


def test_alpha_kiosk_cannot_issue_in_beta_and_tickets_stay_home(
    alpha_client, beta_client, alpha, beta, kiosk, beta_queue
):
    body = {"location": "mpp-beta", "service": "pendaftaran-jkn"}
    assert post(beta_client, body, kiosk).status_code == 401
    beta_kiosk = paired(beta, "mpp-beta")[1]
    beta_ticket = post(beta_client, body, beta_kiosk).json()
    assert beta_client.get(f"/api/v1/queue/tickets/{beta_ticket['public_id']}").status_code == 200
    assert alpha_client.get(f"/api/v1/queue/tickets/{beta_ticket['public_id']}").status_code == 404
    other = alpha_client.get("/api/v1/queue/display/mpp-beta", HTTP_X_DEVICE_TOKEN=kiosk)
    assert other.status_code == 404


def test_without_the_queue_module_the_api_is_404(alpha_client, alpha, kiosk):
    plan_set(alpha, queue=False)
    response = post(alpha_client, {"location": "gedung-mpp", "service": "ktp-el-baru"}, kiosk)
    assert response.status_code == 404


def test_openapi_document_is_served(alpha_client):
    response = alpha_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert "/queue/tickets" in response.json()["paths"]


def test_kiosk_pair_command_prints_a_working_code(alpha_client, alpha, alpha_queue):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("kiosk_pair", regency="alpha", location="gedung-mpp", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 8
    response = alpha_client.post(
        "/api/v1/queue/devices/pair", {"code": code}, content_type="application/json"
    )
    assert response.json()["kind"] == "kiosk"
    with pytest.raises(Exception, match="Lokasi tidak dikenal"):
        call_command("kiosk_pair", regency="alpha", location="nowhere", stdout=out)


def api_error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == keys_of(OPENAPI["components"]["schemas"]["Error"])
    return body["error"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        # not a slug: no URL pattern matches (schemathesis: GET /queue/display/%F3%97%B6%B1)
        ("/api/v1/queue/display/%F3%97%B6%B1", 404, "not_found"),
        ("/api/v1/tidak-ada/", 404, "not_found"),
        # a NUL in the path: refused by the input guard before any view
        ("/api/v1/queue/tickets/a%00b", 400, "bad_request"),
    ],
)
def test_errors_of_the_shared_layers_are_the_apis_error_object(
    alpha_client, kiosk, path, status, code
):
    error = api_error_of(alpha_client.get(path, HTTP_X_DEVICE_TOKEN=kiosk), status)
    assert error["code"] == code


def test_a_value_the_database_cannot_hold_is_a_400_error_object(alpha_client, alpha, kiosk):
    body = {"location": "gedung-mpp", "service": "ktp\u0000el"}
    error = api_error_of(post(alpha_client, body, kiosk), 400)
    assert (error["code"], error["message"]) == (
        "bad_request",
        "Permintaan tidak dapat dibaca atau memuat isian yang tidak sah.",
    )
    with in_schema(alpha):
        from queueing.models import Ticket

        assert not Ticket.objects.exists()


def test_a_body_larger_than_any_form_is_a_413_error_object(alpha_client, kiosk):
    response = alpha_client.post(
        "/api/v1/queue/devices/pair",
        "{}",
        content_type="application/json",
        CONTENT_LENGTH=str(20 * 1024 * 1024),
    )
    assert api_error_of(response, 413)["code"] == "too_large"


def test_a_server_error_in_the_api_is_an_error_object(alpha, kiosk, monkeypatch):
    from django.test import Client

    from tests.conftest import host_of

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("queueing.api.ticket_status_get", broken)
    client = Client(HTTP_HOST=host_of(alpha), raise_request_exception=False)
    error = api_error_of(client.get("/api/v1/queue/tickets/abc"), 500)
    assert error["code"] == "server_error"
    assert "Traceback" not in error["message"]
