"""The OpenAPI 3 document of the queue API v1, written by hand; tests/queueing/test_api.py
checks every response's keys against these schemas. Schema: tenant.
"""

from __future__ import annotations

from typing import Any


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": required or list(props)}


S = {"type": "string"}
I = {"type": "integer"}  # noqa: E741
NS = {"type": "string", "nullable": True}
ERROR = _obj({"error": _obj({"code": S, "message": S})})
TICKET = _obj(
    {
        "public_id": S,
        "number": S,
        "status": S,
        "priority": S,
        "queue": S,
        "service": S,
        "position": I,
        "people_ahead": I,
        "issued_at": S,
        "date": S,
    }
)
TICKET_STATUS = _obj(
    {
        "public_id": S,
        "number": S,
        "status": {
            "type": "string",
            "enum": ["waiting", "called", "serving", "done", "skipped", "cancelled", "held"],
        },
        "status_label": S,
        "priority": S,
        "queue": S,
        "service": S,
        "location": S,
        "counter": S,
        "position": I,
        "people_ahead": I,
        "wait_minutes": {**_obj({"low": I, "high": I}), "nullable": True},
        "issued_at": S,
        "date": S,
    }
)
CALL = _obj(
    {
        "number": S,
        "status": S,
        "priority": S,
        "queue": S,
        "counter": S,
        "counter_name": S,
        "called_at": NS,
        "call_count": I,
    }
)
DISPLAY = _obj(
    {
        "location": _obj({"key": S, "name": S}),
        "date": S,
        "calls": {"type": "array", "items": CALL},
        "next": {"type": "array", "items": _obj({"number": S, "priority": S})},
        "counters": {
            "type": "array",
            "items": _obj({"code": S, "name": S, "state": S, "number": S}),
        },
        "generated_at": S,
    }
)
PAIRED = _obj({"token": S, "kind": S, "location": S})


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "Masukan tidak sah (pesan berbahasa Indonesia)",
        401: "Perangkat belum dipasangkan atau dicabut",
        404: "Tidak ditemukan di regensi ini, atau modul antrean tidak aktif",
        409: "Antrean tutup (di luar jam layanan) atau kuota habis",
        413: "Isi permintaan terlalu besar",
    }
    return {str(c): _json(ERROR, text[c]) for c in codes}


DEVICE: list[dict[str, list[str]]] = [{"deviceToken": []}]
OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "SatuPintu Antrean API",
        "version": "1",
        "description": "API antrean untuk kios dan layar TV, pada host setiap kabupaten/kota.",
    },
    "servers": [{"url": "/api/v1"}],
    "components": {
        "securitySchemes": {
            "deviceToken": {"type": "apiKey", "in": "header", "name": "X-Device-Token"}
        },
        "schemas": {
            "Error": ERROR,
            "Ticket": TICKET,
            "TicketStatus": TICKET_STATUS,
            "Display": DISPLAY,
            "Paired": PAIRED,
        },
    },
    "paths": {
        "/queue/tickets": {
            "post": {
                "summary": "Ambil tiket antrean (kios)",
                "security": DEVICE,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": _obj(
                                {
                                    "location": S,
                                    "service": S,
                                    "priority": {
                                        "type": "string",
                                        "enum": ["", "disabilitas", "lansia", "ibu_hamil", "anak"],
                                    },
                                    "phone": {
                                        "type": "string",
                                        "description": (
                                            "Nomor HP Indonesia untuk pesan WhatsApp/SMS "
                                            "(tidak wajib; hanya bila notifikasi aktif)"
                                        ),
                                    },
                                },
                                required=["location", "service"],
                            )
                        }
                    },
                },
                "responses": {
                    "201": _json(TICKET, "Tiket baru"),
                    **_errors(400, 401, 404, 409, 413),
                },
            }
        },
        "/queue/tickets/{public_id}": {
            "get": {
                "summary": "Status tiket",
                "parameters": [{"name": "public_id", "in": "path", "required": True, "schema": S}],
                "responses": {"200": _json(TICKET_STATUS, "Status tiket"), **_errors(404)},
            }
        },
        "/queue/display/{location}": {
            "get": {
                "summary": "Keadaan layar antrean satu lokasi",
                "security": DEVICE,
                "parameters": [{"name": "location", "in": "path", "required": True, "schema": S}],
                "responses": {"200": _json(DISPLAY, "Keadaan layar"), **_errors(401, 404)},
            }
        },
        "/queue/devices/pair": {
            "post": {
                "summary": "Tukar kode pemasangan dengan token perangkat",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _obj({"code": S})}},
                },
                "responses": {
                    "201": _json(PAIRED, "Perangkat terpasang"),
                    **_errors(400, 404, 413),
                },
            }
        },
    },
}
