"""The "Notifikasi WhatsApp & SMS" screen in a portal's Wagtail admin: each channel's settings
(token never shown back, only its last 4 characters), a test message, the recent outbox.
Schema: tenant.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from notify.actions import channel_setting_save, test_message_send
from notify.models import Channel
from notify.selectors import channel_settings, outbox_recent
from satupintu.db import connection
from satupintu.errors import DomainError

CHANGE_PERMISSION = "notify.change_channelsetting"


class ChannelForm(forms.Form):
    enabled = forms.BooleanField(label=_("Aktifkan saluran ini"), required=False)
    account_id = forms.CharField(label=_("ID akun"), max_length=64, required=False)
    sender = forms.CharField(label=_("Pengirim (SMS)"), max_length=32, required=False)
    token = forms.CharField(
        label=_("Token akses"),
        max_length=1000,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Kosongkan untuk tetap memakai token tersimpan."),
    )


class TestForm(forms.Form):
    to = forms.CharField(label=_("Nomor HP tujuan"), max_length=32)


def _channel(value: str) -> str:
    if value not in Channel.values:
        raise Http404
    return value


def _forms(request: HttpRequest, bound: str = "", form=None) -> list[dict]:
    rows = []
    for channel, setting in channel_settings().items():
        initial = {"enabled": setting.enabled, "account_id": setting.account_id}
        initial["sender"] = setting.sender
        rows.append(
            {
                "channel": channel,
                "label": Channel(channel).label,
                "setting": setting,
                "form": form if bound == channel else ChannelForm(initial=initial, prefix=channel),
                "test_form": TestForm(prefix=f"test-{channel}"),
            }
        )
    return rows


def _render(request: HttpRequest, rows: list[dict], status: int = 200) -> HttpResponse:
    context = {"rows": rows, "outbox": outbox_recent()}
    return TemplateResponse(request, "notify/admin/settings.html", context, status=status)


@never_cache
def settings_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(gettext("Hanya admin MPP yang dapat mengatur notifikasi."))
    if request.method != "POST":
        return _render(request, _forms(request))
    channel = _channel(request.POST.get("channel", ""))
    form = ChannelForm(request.POST, prefix=channel)
    if form.is_valid():
        try:
            channel_setting_save(actor=request.user, channel=channel, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, gettext("Pengaturan notifikasi disimpan."))
            return redirect("notify_settings")
    return _render(request, _forms(request, channel, form), status=422)


@never_cache
def test_send_view(request: HttpRequest, channel: str) -> HttpResponse:
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(gettext("Hanya admin MPP yang dapat mengatur notifikasi."))
    if request.method != "POST":
        return redirect("notify_settings")
    form = TestForm(request.POST, prefix=f"test-{_channel(channel)}")
    if not form.is_valid():
        messages.error(request, gettext("Isi nomor HP tujuan pesan uji."))
        return redirect("notify_settings")
    regency = getattr(connection.tenant, "display_brand", "") or gettext("SatuPintu")
    try:
        message_id = test_message_send(
            actor=request.user, channel=channel, to=form.cleaned_data["to"], regency_name=regency
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Pesan uji terkirim (ID %(id)s).") % {"id": message_id})
    return redirect("notify_settings")
