"""The counter officer's panel: choose a counter, then Panggil / Panggil Ulang / Lewati / Mulai /
Selesai / Transfer / Tunda / layani langsung. Plain forms and a short auto-refresh, so it recovers
by itself after a network drop. Schema: tenant.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from catalogue.models import Counter
from catalogue.permissions import scope_queryset
from queueing.actions import ticket_act, ticket_call_next, walk_in_serve
from queueing.booking import booking_check_in
from queueing.errors import QueueError
from queueing.forms import CounterActionForm
from queueing.gating import queue_enabled
from queueing.models import Queue, Ticket
from queueing.qr import qr_svg
from queueing.selectors import counter_current, counter_last_finished, waiting_list
from surveys.actions import survey_link_issue

PERMISSION = "queueing.serve_counter"


def _counters(request: HttpRequest):
    if not queue_enabled() or not request.user.has_perm(PERMISSION):
        raise Http404
    counters = Counter.objects.filter(is_active=True).select_related("location", "agency")
    return scope_queryset(counters, request.user).order_by("location__name", "code")


def _counter(request: HttpRequest, key: str) -> Counter:
    counter = _counters(request).filter(key=key[:80]).first()
    if counter is None:
        raise Http404
    return counter


@login_required
@never_cache
def counter_choose_view(request: HttpRequest) -> HttpResponse:
    return render(request, "queueing/counter/choose.html", {"counters": _counters(request)})


@login_required
@never_cache
def counter_panel_view(request: HttpRequest, key: str) -> HttpResponse:
    counter = _counter(request, key)
    current = counter_current(counter=counter)
    context = {
        "counter": counter,
        "current": current,
        **({} if current is not None else _survey_handoff(counter)),
        "waiting": waiting_list(counter=counter, officer=request.user),
        "queues": Queue.objects.filter(location=counter.location, is_active=True),
        "others": Counter.objects.filter(location=counter.location, is_active=True),
    }
    return render(request, "queueing/counter/panel.html", context)


def _survey_handoff(counter: Counter) -> dict:
    """Between two citizens: the SKM questionnaire of the ticket just finished, as a QR for the
    citizen's phone or opened on this device turned towards them (its one-use link: one response
    per ticket, ADR 0026). Only where the ticket's officers may act (agency scope)."""
    last = counter_last_finished(counter=counter)
    if last is None or last.service is None:
        return {}
    url = survey_link_issue(service=last.service, source="ticket", source_id=last.public_id)
    return {
        "survey_ticket": last,
        "survey_path": urlsplit(url).path,  # this device is on the regency's own host already
        "survey_qr": qr_svg(url, scale=4),
    }


@login_required
@never_cache
@require_POST
def counter_action_view(request: HttpRequest, key: str) -> HttpResponse:
    counter = _counter(request, key)
    form = CounterActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(next(iter(form.errors.values()))[0]))
        return redirect("queueing:counter", key=counter.key)
    try:
        counter_action_run(counter=counter, officer=request.user, data=form.cleaned_data)
    except (QueueError, Ticket.DoesNotExist, Queue.DoesNotExist, Counter.DoesNotExist) as exc:
        messages.error(
            request, getattr(exc, "message", "") or _("Tiket atau tujuan tidak ditemukan.")
        )
    return redirect("queueing:counter", key=counter.key)


def counter_action_run(*, counter: Counter, officer, data: dict) -> Ticket:
    """One button of the panel: the ticket, queue and counter must be of this location."""
    action = data["action"]
    if action == "call":
        return ticket_call_next(counter=counter, officer=officer)
    if action == "walk_in":
        return walk_in_serve(counter=counter, officer=officer)
    if action == "checkin":
        return booking_check_in(code=data.get("code", ""), location=counter.location, actor=officer)
    ticket = Ticket.objects.get(pk=data.get("ticket") or 0, location=counter.location)
    queue = (
        Queue.objects.get(pk=data["queue"], location=counter.location)
        if data.get("queue")
        else None
    )
    target = (
        Counter.objects.get(pk=data["counter"], location=counter.location)
        if data.get("counter")
        else None
    )
    return ticket_act(ticket=ticket, action=action, officer=officer, queue=queue, counter=target)
