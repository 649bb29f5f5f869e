"""The live screens: a location's TV display (a paired display device) and the citizen's ticket
page, both updated through `satupintu.live` within a second of a call. Server-rendered first
(the page is whole without JavaScript), then kept current by the stream. Schema: tenant.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from catalogue.models import Location
from queueing.devices import device_pair
from queueing.errors import DeviceRefused, QueueError
from queueing.gating import queue_enabled
from queueing.live_topics import (
    DEVICE_COOKIE,
    DISPLAY_TOPIC,
    display_device,
    ticket_location_id,
)
from queueing.models import DeviceKind, Priority, QueueDisplaySettings, Ticket, TicketStatus
from queueing.notifications import ENDED, notify_offered, phone_masked, ticket_notify_subscribe
from queueing.selectors import display_state_get, ticket_status_get
from surveys.actions import survey_link_issue
from workdays.selectors import regency_timezone

COOKIE_MAX_AGE = 5 * 365 * 24 * 3600
PUBLIC_ID_MAX = 32


def _gate() -> None:
    if not queue_enabled():
        raise Http404


def screen_strings() -> dict[str, object]:
    """The words the display's and ticket page's scripts write, in the page's language (read by
    them from a JSON script element; the spoken call stays Indonesian, ADR 0022)."""
    return {
        "counter": pgettext("queue display", "Loket"),
        "no_calls": _("Belum ada panggilan"),
        "nobody_waiting": _("Tidak ada yang menunggu"),
        "minutes": _("%(low)s–%(high)s menit"),
        "priorities": {value: str(label) for value, label in Priority.choices if value},
    }


@never_cache
@require_http_methods(["GET", "POST"])
def display_view(request: HttpRequest, location: str) -> HttpResponse:
    """The TV display of `location`; a browser without a paired display gets the pairing form."""
    _gate()
    place = get_object_or_404(Location, key=location[:80])
    if request.method == "POST":
        return _display_pair(request, place)
    device = display_device(request)
    if device is None or device.location_id != place.pk:
        other = device.location if device is not None else None
        context = {"place": place, "other": other}
        return render(request, "queueing/screens/display_pair.html", context)
    context = {
        "place": place,
        "state": display_state_get(location=place),
        "stream_url": f"/live/{DISPLAY_TOPIC}/{place.pk}/",
        "settings_display": QueueDisplaySettings.for_request(request),
        "timezone": str(regency_timezone()),
        "strings": screen_strings(),
    }
    return render(request, "queueing/screens/display.html", context)


def _display_pair(request: HttpRequest, place: Location) -> HttpResponse:
    try:
        device, token = device_pair(code=str(request.POST.get("code", ""))[:20])
    except DeviceRefused as refused:
        context = {"place": place, "error": str(refused)}
        return render(request, "queueing/screens/display_pair.html", context, status=400)
    if device.kind != DeviceKind.DISPLAY or device.location_id != place.pk:
        error = _("Kode ini untuk perangkat lain, bukan layar TV di lokasi ini.")
        context = {"place": place, "error": error}
        return render(request, "queueing/screens/display_pair.html", context, status=400)
    response = redirect(request.path)
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@never_cache
def display_state_view(request: HttpRequest, location: str) -> JsonResponse:
    """The display's state afresh, for a display that (re)connected to its stream."""
    _gate()
    device = display_device(request)
    if device is None or device.location.key != location:
        return JsonResponse({"error": _("Perangkat belum dipasangkan.")}, status=401)
    return JsonResponse(display_state_get(location=device.location))


@never_cache
@require_http_methods(["GET", "POST"])
def ticket_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """A citizen's ticket: number, position, people ahead and a wait range, kept live; the
    "Kabari saya" form (POST) and, once served, the SKM survey link."""
    _gate()
    status = ticket_status_get(public_id=public_id[:PUBLIC_ID_MAX])
    if status is None:
        raise Http404
    ticket = Ticket.objects.select_related("service").get(public_id=status["public_id"])
    error = ""
    if request.method == "POST":
        try:
            ticket_notify_subscribe(ticket=ticket, phone=str(request.POST.get("phone", ""))[:40])
            return redirect(request.path)
        except QueueError as refused:
            error = refused.message
    context = {
        **_ticket_extras(ticket),
        "notify_error": error,
        "t": status,
        "strings": screen_strings(),
        "page_title": _("Tiket %(number)s") % {"number": status["number"]},
        # The location's stream: every change in the hall; the page fetches its own status.
        "stream_url": (
            f"/live/{DISPLAY_TOPIC}/{ticket_location_id(public_id=status['public_id'])}/"
            f"?tiket={status['public_id']}"
        ),
    }
    return render(request, "queueing/screens/ticket.html", context, status=400 if error else 200)


def _ticket_extras(ticket: Ticket) -> dict:
    survey_url = ""
    if ticket.status == TicketStatus.DONE and ticket.service is not None:
        survey_url = survey_link_issue(
            service=ticket.service, source="ticket", source_id=ticket.public_id
        )
    return {
        "notify_offer": ticket.status not in ENDED and notify_offered(),
        "notify_masked": phone_masked(ticket.notify_phone),
        "survey_url": survey_url,
    }


@never_cache
def ticket_state_view(request: HttpRequest, public_id: str) -> JsonResponse:
    _gate()
    status = ticket_status_get(public_id=public_id[:PUBLIC_ID_MAX])
    if status is None:
        return JsonResponse({"error": _("Tiket tidak ditemukan.")}, status=404)
    return JsonResponse(status)
