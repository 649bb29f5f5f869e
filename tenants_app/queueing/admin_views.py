"""The queue's admin pages besides the snippets: devices (create with a one-time pairing code,
new code, revoke) and the figures' CSV export. Schema: tenant.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from catalogue.models import Location
from catalogue.permissions import user_agency_ids
from queueing.devices import device_code_issue, device_create, device_revoke
from queueing.figures import figures_csv, queue_figures
from queueing.gating import queue_enabled
from queueing.models import Device, DeviceKind
from queueing.opening import local_now

DEVICE_PERMISSION = "queueing.add_device"
FIGURES_PERMISSION = "queueing.view_ticket"


class DeviceForm(forms.Form):
    location = forms.ModelChoiceField(
        label=_("Lokasi"),
        queryset=Location.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("Pilih lokasi dari daftar.")},
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=DeviceKind.choices)
    name = forms.CharField(label=_("Nama perangkat"), max_length=80)


class RangeForm(forms.Form):
    start = forms.DateField(error_messages={"invalid": _("Tanggal awal tidak sah.")})
    end = forms.DateField(error_messages={"invalid": _("Tanggal akhir tidak sah.")})

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 400:
            raise forms.ValidationError(_("Rentang paling lama 400 hari."))
        return data


def _allowed(request: HttpRequest, permission: str) -> None:
    if not queue_enabled():
        raise Http404
    if not request.user.has_perm(permission):
        raise PermissionDenied


@never_cache
def devices_view(request: HttpRequest) -> HttpResponse:
    _allowed(request, DEVICE_PERMISSION)
    form, shown = DeviceForm(request.POST or None), None
    if request.method == "POST":
        shown = device_post(request, form)
        if shown is None and form.is_valid():
            return redirect("queueing_devices")
    context = {
        "form": form,
        "shown": shown,
        # The whole address, as the tablet's or TV's browser needs it typed.
        "pair_url": request.build_absolute_uri(reverse("queueing:pair")),
        "devices": Device.objects.select_related("location").order_by("location__name", "name"),
    }
    return TemplateResponse(request, "queueing/admin/devices.html", context)


def device_post(request: HttpRequest, form: DeviceForm) -> tuple[Device, str] | None:
    """Create, re-code or revoke; returns (device, code) when a code is to be shown once."""
    action = request.POST.get("action", "create")
    if action in ("code", "revoke"):
        device = Device.objects.filter(pk=str(request.POST.get("device", ""))[:18] or 0)
        found = device.first() if str(request.POST.get("device", "")).isdigit() else None
        if found is None:
            return None
        if action == "revoke":
            device_revoke(device=found, actor=request.user)
            return None
        return found, device_code_issue(device=found, actor=request.user)
    if form.is_valid():
        return device_create(actor=request.user, **form.cleaned_data)
    return None


@never_cache
def figures_csv_view(request: HttpRequest) -> HttpResponse:
    _allowed(request, FIGURES_PERMISSION)
    today = local_now().date()
    form = RangeForm(request.GET or {"start": today - timedelta(days=30), "end": today})
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for e in form.errors.values()), status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    figures = queue_figures(start=start, end=end, agency_ids=user_agency_ids(request.user))
    response = HttpResponse(figures_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="antrean-{start}-{end}.csv"'
    return response
