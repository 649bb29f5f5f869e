"""The operator console's actions on a regency (POST, each redirecting back to its page):
suspend, reactivate, identity, domains, provisioning retry, trial and support. Split out of
regencies.admin (issue #10). Schema: public.
"""

from __future__ import annotations

from typing import cast

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from regencies import actions
from regencies.forms import DomainAddForm, RegencyIdentityForm, SuspendForm
from regencies.impersonation import (
    impersonation_start,
)
from regencies.models import Domain, Regency
from regencies.provisioning_door import provisioning_jobs
from satupintu.errors import DomainError


def console_actor(request: HttpRequest) -> User:
    return cast(User, request.user)  # the console only admits signed-in operators


class RegencyActionViews(admin.ModelAdmin):
    """Mixed into RegencyAdmin, whose `get_urls` guards them (POST, change permission)."""

    # --- actions (POST) ------------------------------------------------------------------------
    def _detail_url(self, pk: int) -> str:
        return reverse("operator:regencies_regency_change", args=[pk])

    def _run(self, request, pk, func, success: str):
        try:
            func()
        except DomainError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, success, messages.SUCCESS)
        return HttpResponseRedirect(self._detail_url(pk))

    def suspend_view(self, request, pk):
        regency = get_object_or_404(Regency, pk=pk)
        form = SuspendForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Tuliskan alasan penangguhan."), messages.ERROR)
            return HttpResponseRedirect(self._detail_url(pk))
        return self._run(
            request,
            pk,
            lambda: actions.regency_suspend(
                regency=regency,
                actor=console_actor(request),
                reason=form.cleaned_data["reason"],
                http_request=request,
            ),
            _("Portal ditangguhkan; data tetap tersimpan."),
        )

    def reactivate_view(self, request, pk):
        regency = get_object_or_404(Regency, pk=pk)
        return self._run(
            request,
            pk,
            lambda: actions.regency_reactivate(
                regency=regency, actor=console_actor(request), http_request=request
            ),
            _("Portal aktif kembali."),
        )

    def identity_view(self, request, pk):
        regency = get_object_or_404(Regency, pk=pk)
        form = RegencyIdentityForm(request.POST, instance=Regency.objects.get(pk=pk))
        if not form.is_valid():
            errors = "; ".join(e for errs in form.errors.values() for e in errs)
            self.message_user(request, errors, messages.ERROR)
            return HttpResponseRedirect(self._detail_url(pk))
        return self._run(
            request,
            pk,
            lambda: actions.regency_identity_update(
                regency=regency,
                brand_name=form.cleaned_data["brand_name"],
                time_zone=form.cleaned_data["time_zone"],
                actor=console_actor(request),
                http_request=request,
            ),
            _("Identitas daerah disimpan."),
        )

    def domain_add_view(self, request, pk):
        regency = get_object_or_404(Regency, pk=pk)
        form = DomainAddForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Isi nama domain."), messages.ERROR)
            return HttpResponseRedirect(self._detail_url(pk))
        return self._run(
            request,
            pk,
            lambda: actions.domain_add(
                regency=regency,
                hostname=form.cleaned_data["hostname"],
                make_primary=form.cleaned_data["make_primary"],
                actor=console_actor(request),
                http_request=request,
            ),
            _("Domain ditambahkan."),
        )

    def domain_remove_view(self, request, pk, domain_id):
        domain = get_object_or_404(Domain, pk=domain_id, tenant_id=pk)
        return self._run(
            request,
            pk,
            lambda: actions.domain_remove(
                domain=domain, actor=console_actor(request), http_request=request
            ),
            _("Domain dihapus."),
        )

    def domain_primary_view(self, request, pk, domain_id):
        domain = get_object_or_404(Domain, pk=domain_id, tenant_id=pk)
        return self._run(
            request,
            pk,
            lambda: actions.domain_set_primary(
                domain=domain, actor=console_actor(request), http_request=request
            ),
            _("Domain utama diganti."),
        )

    def retry_view(self, request, pk, job_id):
        regency = get_object_or_404(Regency, pk=pk)
        job = get_object_or_404(regency.provisioning_jobs, pk=job_id)
        return self._run(
            request,
            pk,
            lambda: provisioning_jobs().retry(job=job, actor=console_actor(request)),
            _("Pembuatan portal diulang."),
        )

    def trial_view(self, request, pk):
        from billing.actions import trial_extend

        regency = get_object_or_404(Regency, pk=pk)
        subscription = getattr(regency, "subscription", None)
        try:
            days = int(request.POST.get("days", ""))
        except ValueError:
            days = 0
        if subscription is None:
            self.message_user(request, _("Daerah ini belum berlangganan."), messages.ERROR)
            return HttpResponseRedirect(self._detail_url(pk))
        return self._run(
            request,
            pk,
            lambda: trial_extend(
                subscription=subscription, days=days, actor=console_actor(request)
            ),
            _("Masa uji coba diperpanjang %(days)d hari.") % {"days": days},
        )

    def support_view(self, request, pk):
        regency = get_object_or_404(Regency, pk=pk)
        try:
            url = impersonation_start(
                regency=regency,
                admin_email=request.POST.get("admin_email", ""),
                operator=console_actor(request),
                reason=request.POST.get("reason", ""),
                request=request,
            )
        except DomainError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(self._detail_url(pk))
        return HttpResponseRedirect(url)
