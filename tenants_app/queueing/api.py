"""JSON API v1 for kiosks and displays (`/api/v1/queue/...`): thin views over the actions and
selectors; 400 with an Indonesian message for bad input, 401 for an unknown or revoked device,
404 for what is not in this regency or when the plan has no queue module. Schema: tenant.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from catalogue.models import Service
from queueing.actions import ticket_issue
from queueing.devices import device_for_token, device_pair
from queueing.errors import QueueError
from queueing.gating import queue_enabled
from queueing.models import DeviceKind, Priority, Queue
from queueing.notifications import phone_for_notify
from queueing.openapi import OPENAPI
from queueing.selectors import display_state_get, people_ahead, ticket_status_get

TOKEN_HEADER = "HTTP_X_DEVICE_TOKEN"  # noqa: S105 - a header name


def error(status: int, message: str, code: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def _body(request: HttpRequest) -> dict[str, Any] | None:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _device(request: HttpRequest, kind: str | None = None):
    return device_for_token(token=request.META.get(TOKEN_HEADER), kind=kind)


def _gate() -> JsonResponse | None:
    if not queue_enabled():
        return error(404, _("Modul antrean tidak tersedia."), "not_found")
    return None


def ticket_payload(ticket) -> dict[str, Any]:
    return {
        "public_id": ticket.public_id,
        "number": ticket.number,
        "status": ticket.status,
        "priority": ticket.priority,
        "queue": ticket.queue.name,
        "service": ticket.service.name if ticket.service_id else "",
        "position": people_ahead(ticket) + 1,
        "people_ahead": people_ahead(ticket),
        "issued_at": ticket.issued_at.isoformat(),
        # The day the ticket is for: the next working day's for an overnight queue after closing.
        "date": ticket.local_date.isoformat(),
    }


@csrf_exempt
@never_cache
@require_POST
def tickets_create(request: HttpRequest) -> JsonResponse:
    if (gate := _gate()) is not None:
        return gate
    device = _device(request, DeviceKind.KIOSK)
    if device is None:
        return error(401, _("Perangkat belum dipasangkan atau sudah dicabut."), "unauthorized")
    data = _body(request)
    if data is None:
        return error(400, _("Isi permintaan harus berupa objek JSON."), "bad_request")
    location, service_key = data.get("location"), data.get("service")
    priority = data.get("priority") or ""
    if location != device.location.key:
        return error(400, _("Lokasi tidak sesuai dengan perangkat ini."), "bad_location")
    if priority not in Priority.values:
        return error(400, _("Jenis prioritas tidak dikenal."), "bad_priority")
    phone = data.get("phone") or ""
    if not isinstance(phone, str):
        return error(400, _("Nomor HP harus berupa teks."), "bad_phone")
    try:
        notify_phone = phone_for_notify(raw=phone[:40])
    except QueueError as exc:
        return error(400, exc.message, "bad_phone")
    service = (
        Service.objects.filter(key=service_key, live=True, is_active=True).first()
        if isinstance(service_key, str)
        else None
    )
    if service is None:
        return error(400, _("Layanan tidak dikenal."), "bad_service")
    queue = Queue.objects.filter(location=device.location, services=service, is_active=True).first()
    if queue is None:
        return error(400, _("Layanan ini tidak dilayani antrean di lokasi ini."), "bad_service")
    try:
        ticket = ticket_issue(
            queue=queue, service=service, priority=priority, notify_phone=notify_phone
        )
    except QueueError as exc:
        return error(400 if exc.code != "queue_closed" else 409, exc.message, exc.code)
    return JsonResponse(ticket_payload(ticket), status=201)


@never_cache
@require_GET
def ticket_detail(request: HttpRequest, public_id: str) -> JsonResponse:
    if (gate := _gate()) is not None:
        return gate
    status = ticket_status_get(public_id=public_id) if len(public_id) <= 32 else None
    if status is None:
        return error(404, _("Tiket tidak ditemukan."), "not_found")
    return JsonResponse(status)


@never_cache
@require_GET
def display_detail(request: HttpRequest, location: str) -> JsonResponse:
    if (gate := _gate()) is not None:
        return gate
    device = _device(request)
    if device is None:
        return error(401, _("Perangkat belum dipasangkan atau sudah dicabut."), "unauthorized")
    if device.location.key != location:
        return error(404, _("Lokasi tidak ditemukan untuk perangkat ini."), "not_found")
    return JsonResponse(display_state_get(location=device.location))


@csrf_exempt
@never_cache
@require_POST
def devices_pair(request: HttpRequest) -> JsonResponse:
    if (gate := _gate()) is not None:
        return gate
    data = _body(request)
    if data is None or not isinstance(data.get("code"), str):
        return error(400, _("Kirim kode pemasangan dalam kolom 'code'."), "bad_request")
    try:
        device, token = device_pair(code=data["code"])
    except QueueError as exc:
        return error(400, exc.message, exc.code)
    return JsonResponse(
        {"token": token, "kind": device.kind, "location": device.location.key}, status=201
    )


@never_cache
@require_GET
def openapi_document(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OPENAPI)
