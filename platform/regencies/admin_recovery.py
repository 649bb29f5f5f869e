"""The operator console's actions on a half-made regency: resume its creation, or discard it and
free its code and addresses (regencies.recovery). Schema: public.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from regencies import recovery
from regencies.models import Regency, RegencyStatus
from satupintu.errors import DomainError


def _to_detail(pk: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("operator:regencies_regency_change", args=[pk]))


class RecoveryViews:
    """Mixed into RegencyAdmin, whose `get_urls` guards them (POST, change permission)."""

    def resume_view(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        regency = get_object_or_404(Regency, pk=pk)
        try:
            regency = recovery.regency_resume(
                regency=regency,
                actor=cast(User, request.user),
                source="console",
                http_request=request,
                background=True,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Pembuatan portal dilanjutkan sampai selesai; aktif.")
                if regency.status == RegencyStatus.ACTIVE
                else _("Pembuatan portal dilanjutkan di latar belakang; muat ulang halaman ini."),
            )
        return _to_detail(pk)

    def discard_view(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        regency = get_object_or_404(Regency, pk=pk)
        if request.POST.get("confirm", "").strip() != regency.code:
            messages.error(
                request,
                _("Ketik kode daerah %(code)s untuk memastikan pembuangan.")
                % {"code": regency.code},
            )
            return _to_detail(pk)
        try:
            recovery.regency_discard(
                regency=regency, actor=cast(User, request.user), http_request=request
            )
        except DomainError as exc:
            messages.error(request, str(exc))
            return _to_detail(pk)
        messages.success(
            request,
            _("%(name)s dibuang; kode %(code)s dan alamatnya dapat dipakai lagi.")
            % {"name": regency.name, "code": regency.code},
        )
        return HttpResponseRedirect(reverse("operator:regencies_regency_changelist"))
