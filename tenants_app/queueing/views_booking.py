"""Citizen pages: online booking (service, date, slot; draft, confirm, cancel, reschedule) and
its QR code; the ticket page is queueing.screens (live). Server-rendered, no script. Schema: tenant.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from catalogue.models import Service
from queueing.booking import (
    booking_cancel,
    booking_confirm,
    booking_draft,
    booking_reschedule,
    slots_for,
)
from queueing.errors import QueueError
from queueing.forms import BookingForm, BookingSearchForm, RescheduleForm
from queueing.gating import queue_enabled
from queueing.models import Booking, Priority, Queue
from queueing.notifications import notify_offered
from queueing.qr import qr_svg


def _gate() -> None:
    if not queue_enabled():
        raise Http404


def _services():
    return (
        Service.objects.filter(queues__is_active=True, live=True, is_active=True)
        .distinct()
        .order_by("name")
    )


@never_cache
def booking_start_view(request: HttpRequest) -> HttpResponse:
    _gate()
    services = list(_services())
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = (BookingForm if request.method == "POST" else BookingSearchForm)(data, services=services)
    slots, error = [], ""
    valid = form.is_valid()
    chosen = form.cleaned_data if form.is_bound else {}
    # The slots are shown again when the form comes back with errors (no slot picked, no
    # identity, the slot just taken), beside the messages, so the citizen can correct it there.
    if "service" in chosen and "date" in chosen:
        service = next(s for s in services if s.key == chosen["service"])
        queue = Queue.objects.filter(services=service, is_active=True).first()
        try:
            if valid and request.method == "POST":
                booking = booking_draft_from(service, chosen)
                return redirect("queueing:booking", public_id=booking.public_id)
        except QueueError as exc:
            error = exc.message
        try:
            if queue is not None:
                slots = slots_for(location=queue.location, service=service, day=chosen["date"])
        except QueueError as exc:
            error = error or exc.message
    context = {
        "form": form,
        "slots": slots,
        "error": error,
        "priorities": Priority.choices,
        "notify_offer": notify_offered(),
    }
    return render(
        request,
        "queueing/booking/start.html",
        context,
        status=400 if error or (data and form.errors) else 200,
    )


def booking_draft_from(service: Service, data: dict) -> Booking:
    return booking_draft(
        service=service,
        day=data["date"],
        slot=data["slot"],
        identity=data["identity"],
        priority=data.get("priority") or "",
        phone=data.get("phone") or "",
    )


@never_cache
def booking_detail_view(request: HttpRequest, public_id: str) -> HttpResponse:
    _gate()
    booking = (
        Booking.objects.select_related("service", "location")
        .filter(public_id=public_id[:32])
        .first()
    )
    if booking is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            booking = booking_change(request, booking)
            return redirect("queueing:booking", public_id=booking.public_id)
        except QueueError as exc:
            error = exc.message
    url = request.build_absolute_uri(reverse("queueing:booking", args=[booking.public_id]))
    context = {"booking": booking, "qr": qr_svg(booking.code, scale=6), "url": url, "error": error}
    return render(request, "queueing/booking/detail.html", context, status=400 if error else 200)


def booking_change(request: HttpRequest, booking: Booking) -> Booking:
    action = request.POST.get("action")
    if action == "confirm":
        return booking_confirm(public_id=booking.public_id)
    if action == "cancel":
        return booking_cancel(public_id=booking.public_id)
    form = RescheduleForm(request.POST)
    if action == "reschedule" and form.is_valid():
        return booking_reschedule(
            public_id=booking.public_id,
            day=form.cleaned_data["date"],
            slot=form.cleaned_data["slot"],
        )
    raise QueueError(_("Permintaan tidak sah: pilih tanggal dan jam yang benar."))
