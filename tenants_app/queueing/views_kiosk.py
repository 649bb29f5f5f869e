"""Device pages: pairing, the kiosk (take a ticket, check in a booking) and its printed ticket.
Thin views over actions and selectors. Schema: tenant.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from queueing.actions import ticket_issue
from queueing.booking import CODE_ALPHABET, booking_check_in
from queueing.device_cookie import device_cookie_set, device_from_cookie
from queueing.devices import device_pair
from queueing.errors import QueueError
from queueing.forms import CheckInForm, KioskTicketForm, PairForm
from queueing.gating import queue_enabled
from queueing.kiosk import kiosk_day, kiosk_groups, kiosk_screen
from queueing.models import DeviceKind, Priority, Ticket
from queueing.opening import local_now
from queueing.qr import qr_svg
from queueing.selectors import people_ahead, queue_for_service
from workdays.selectors import regency_timezone


def _gate() -> None:
    if not queue_enabled():
        raise Http404


@never_cache
def device_pair_view(request: HttpRequest) -> HttpResponse:
    _gate()
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, token = device_pair(code=form.cleaned_data["code"])
        except QueueError as exc:
            form.add_error("code", exc.message)
        else:
            response = (
                redirect("queueing:kiosk")
                if device.kind == DeviceKind.KIOSK
                else redirect("queue_screens:display", location=device.location.key)
            )
            device_cookie_set(request, response, token)
            return response
    status = 400 if form.errors else 200
    return render(request, "queueing/kiosk/pair.html", {"form": form}, status=status)


@never_cache
def kiosk_view(request: HttpRequest) -> HttpResponse:
    _gate()
    device = device_from_cookie(request, kind=DeviceKind.KIOSK)
    if device is None:
        return redirect("queueing:pair")
    form, error = KioskTicketForm(request.POST or None), ""
    if request.method == "POST" and form.is_valid():
        try:
            ticket = kiosk_ticket_issue(device.location, form.cleaned_data)
            return redirect("queueing:kiosk_ticket", public_id=ticket.public_id)
        except QueueError as exc:
            error = exc.message
    elif request.method == "POST":
        error = str(next(iter(form.errors.values()))[0])
    chosen = str(request.POST.get("kategori") or request.GET.get("kategori") or "")
    context = kiosk_context(device, chosen=chosen, error=error, checkin=CheckInForm())
    return render(request, "queueing/kiosk/kiosk.html", context, status=400 if error else 200)


def kiosk_context(device, *, chosen: str, error: str, checkin) -> dict:
    """The kiosk screen: the categories, or the services of one (all of them when few), and
    the day its tickets are for when the hall is closed and a queue runs overnight."""
    day = kiosk_day(location=device.location)
    groups = kiosk_groups(location=device.location, overnight_only=day is not None)
    shown, categories = kiosk_screen(groups=groups, chosen=chosen)
    return {
        "device": device,
        "groups": shown,
        "categories": categories,
        "chosen": shown[0].key if len(shown) == 1 and len(groups) > 1 else "",
        "service_day": day,
        "priorities": Priority.choices[1:],
        "error": error,
        "checkin": checkin,
        "code_alphabet": CODE_ALPHABET,  # the camera tells a booking code from a foreign QR
    }


def kiosk_ticket_issue(location, data) -> Ticket:
    queue, service = queue_for_service(location=location, service_key=data["service"])
    return ticket_issue(queue=queue, service=service, priority=data.get("priority") or "")


@never_cache
def kiosk_checkin_view(request: HttpRequest) -> HttpResponse:
    _gate()
    device = device_from_cookie(request, kind=DeviceKind.KIOSK)
    if device is None or request.method != "POST":
        return redirect("queueing:pair" if device is None else "queueing:kiosk")
    form = CheckInForm(request.POST)
    error = str(next(iter(form.errors.values()))[0]) if not form.is_valid() else ""
    if not error:
        try:
            ticket = booking_check_in(code=form.cleaned_data["code"], location=device.location)
            return redirect("queueing:kiosk_ticket", public_id=ticket.public_id)
        except QueueError as exc:
            error = exc.message
    context = kiosk_context(device, chosen="", error=error, checkin=form)
    return render(request, "queueing/kiosk/kiosk.html", context, status=400)


@never_cache
def kiosk_ticket_view(request: HttpRequest, public_id: str) -> HttpResponse:
    _gate()
    device = device_from_cookie(request, kind=DeviceKind.KIOSK)
    tickets = Ticket.objects.select_related("queue", "service", "location").filter(
        public_id=public_id[:32]
    )
    ticket = tickets.filter(location=device.location).first() if device else None
    if ticket is None:
        raise Http404
    url = request.build_absolute_uri(reverse("queue_screens:ticket", args=[ticket.public_id]))
    context = {
        "ticket": ticket,
        "ahead": people_ahead(ticket),
        "qr": qr_svg(url),
        "url": url,
        "now": timezone.now(),
        "tz": str(regency_timezone()),
        "later": ticket.local_date != local_now().date(),
    }
    return render(request, "queueing/kiosk/ticket_print.html", context)
