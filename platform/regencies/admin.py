"""The operator console's regency pages (Django admin at the platform host). Schema: public."""

from __future__ import annotations

from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from audit.selectors import audit_list_for_regency
from billing.selectors import billing_overview, page_views_this_month
from regencies import actions
from regencies.admin_actions import RegencyActionViews, console_actor
from regencies.admin_recovery import RecoveryViews
from regencies.building import regency_builder_alive
from regencies.forms import DomainAddForm, RegencyCreateForm, RegencyIdentityForm, SuspendForm
from regencies.impersonation import (
    impersonation_form_origin,
    regency_admins_for_tenant,
)
from regencies.models import Regency, RegencyStatus
from regencies.usage import PENDING, console_figures_for_tenants
from satupintu.admin_site import operator_site
from satupintu.errors import DomainError


@admin.register(Regency, site=operator_site)
class RegencyAdmin(RecoveryViews, RegencyActionViews):
    list_display = [
        "name",
        "code",
        "status",
        "plan",
        "billing_state",
        "domain_list",
        "usage",
        "golive",
        "page_views",
        "created_at",
    ]
    list_filter = ["status", "subscription__state", "subscription__plan", "time_zone"]
    search_fields = ["name", "code", "brand_name", "domains__domain"]
    ordering = ["name"]
    actions = ["reactivate_selected"]
    list_per_page = 50

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("domains")
            .select_related("subscription__plan")
        )

    @admin.display(description=_("Paket"))
    def plan(self, obj: Regency):
        subscription = getattr(obj, "subscription", None)
        return subscription.plan.name if subscription else "—"

    @admin.display(description=_("Tagihan"))
    def billing_state(self, obj: Regency):
        subscription = getattr(obj, "subscription", None)
        return subscription.get_state_display() if subscription else "—"

    def get_changelist_instance(self, request):
        """Usage and page views for the whole page at once; the rows carry them."""
        changelist = super().get_changelist_instance(request)
        regencies = list(changelist.result_list)  # evaluated once: these are the rows shown
        figures = console_figures_for_tenants(regencies)
        views = page_views_this_month(regencies=regencies, today=timezone.localdate())
        for regency in regencies:
            regency.console_figures = figures[regency.pk]
            regency.page_views_this_month = views[regency.pk]
        return changelist

    @admin.display(description=_("Layanan / loket"))
    def usage(self, obj: Regency):
        figures = getattr(obj, "console_figures", None)
        if figures == PENDING:
            return _("dihitung…")
        counts = figures["counts"] if figures else None
        return f"{counts['services']} / {counts['counters']}" if counts else "—"

    @admin.display(description=_("Persiapan tayang"))
    def golive(self, obj: Regency):
        figures = getattr(obj, "console_figures", None)
        if figures == PENDING:
            return _("dihitung…")
        progress = figures["golive"] if figures else None
        if not progress:
            return "—"
        text = _("%(done)s/%(groups)s kelompok, %(todo)s isian") % progress
        state = _("terbit") if progress.get("published", 1) else _("sedang disiapkan")
        return f"{text} · {state}"

    @admin.display(description=_("Kunjungan bulan ini"))
    def page_views(self, obj: Regency):
        return obj.page_views_this_month

    @admin.display(description=_("Domain"))
    def domain_list(self, obj: Regency):
        return format_html_join(
            ", ", "{}{}", ((d.domain, " ★" if d.is_primary else "") for d in obj.domains.all())
        )

    @admin.action(
        description=_("Aktifkan kembali daerah terpilih yang ditangguhkan"), permissions=["change"]
    )
    def reactivate_selected(self, request, queryset):
        done = 0
        for regency in queryset:
            try:
                actions.regency_reactivate(
                    regency=regency, actor=console_actor(request), http_request=request
                )
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{regency.name}: {exc}", messages.WARNING)
        if done:
            self.message_user(request, _("%(n)d daerah diaktifkan kembali.") % {"n": done})

    def has_delete_permission(self, request, obj=None):
        return False  # regencies are archived, never deleted from the console

    def get_urls(self):
        admin_view = self.admin_site.admin_view

        def view(action):
            """A console action (POST): only for operators who may change regencies."""

            @wraps(action)
            def guarded(request, pk, **kwargs):
                if not self.has_change_permission(request):
                    raise PermissionDenied
                return action(request, pk, **kwargs)

            return admin_view(guarded)

        return [
            path(
                "<int:pk>/suspend/",
                view(require_POST(self.suspend_view)),
                name="regencies_regency_suspend",
            ),
            path(
                "<int:pk>/reactivate/",
                view(require_POST(self.reactivate_view)),
                name="regencies_regency_reactivate",
            ),
            path(
                "<int:pk>/identity/",
                view(require_POST(self.identity_view)),
                name="regencies_regency_identity",
            ),
            path(
                "<int:pk>/domains/add/",
                view(require_POST(self.domain_add_view)),
                name="regencies_regency_domain_add",
            ),
            path(
                "<int:pk>/domains/<int:domain_id>/remove/",
                view(require_POST(self.domain_remove_view)),
                name="regencies_regency_domain_remove",
            ),
            path(
                "<int:pk>/domains/<int:domain_id>/primary/",
                view(require_POST(self.domain_primary_view)),
                name="regencies_regency_domain_primary",
            ),
            path(
                "<int:pk>/jobs/<int:job_id>/retry/",
                view(require_POST(self.retry_view)),
                name="regencies_regency_retry",
            ),
            path(
                "<int:pk>/resume/",
                view(require_POST(self.resume_view)),
                name="regencies_regency_resume",
            ),
            path(
                "<int:pk>/discard/",
                view(require_POST(self.discard_view)),
                name="regencies_regency_discard",
            ),
            path(
                "<int:pk>/trial/",
                view(require_POST(self.trial_view)),
                name="regencies_regency_trial",
            ),
            path(
                "<int:pk>/support/",
                view(require_POST(self.support_view)),
                name="regencies_regency_support",
            ),
            *super().get_urls(),
        ]

    # --- pages ---------------------------------------------------------------------------------
    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            return self.changelist_view(request)
        form = RegencyCreateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                regency = actions.regency_create(
                    request=actions.RegencyRequest(**form.cleaned_data),
                    actor=console_actor(request),
                    http_request=request,
                )
            except DomainError as exc:
                for line in str(exc).splitlines():
                    form.add_error(None, line)
            else:
                self.message_user(request, _("Portal %(name)s aktif.") % {"name": regency.name})
                return HttpResponseRedirect(self._detail_url(regency.pk))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.opts,
            "title": _("Buat portal daerah"),
        }
        return TemplateResponse(request, "admin/regencies/regency/create.html", context)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        # get_object answers None for an id that is not a number, as for one that does not exist.
        regency = self.get_object(request, unquote(object_id))
        if regency is None:
            raise Http404(_("Daerah tidak ditemukan."))
        if not self.has_view_or_change_permission(request, regency):
            raise PermissionDenied
        admins = (
            regency_admins_for_tenant(regency) if regency.status == RegencyStatus.ACTIVE else []
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": regency.name,
            "regency": regency,
            "can_change": self.has_change_permission(request, regency),
            "domains": list(regency.domains.all()),
            "domain_form": DomainAddForm(),
            "suspend_form": SuspendForm(),
            "identity_form": RegencyIdentityForm(instance=regency),
            "audit_entries": audit_list_for_regency(regency_id=regency.pk, limit=50),
            **billing_overview(subscription=getattr(regency, "subscription", None)),
            "jobs": list(regency.provisioning_jobs.order_by("-created_at")[:10]),
            "half_made": regency.status in actions.HALF_MADE,
            "builder_alive": regency.status in actions.HALF_MADE
            and regency_builder_alive(regency.code),
            "admins": admins,
            **(extra_context or {}),
        }
        response = TemplateResponse(request, "admin/regencies/regency/detail.html", context)
        if admins:
            # The support form is redirected to the regency's host: allow that one origin.
            response._csp_update = {"form-action": [impersonation_form_origin(regency)]}  # type: ignore[attr-defined]
        return response
