"""The operator console's template library, applications and provisioning jobs. Schema: public."""

from __future__ import annotations

import json
from typing import cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from onboarding import library
from onboarding.models import Application, ProvisioningJob, Template, TemplateVersion, VersionReview
from onboarding.provisioning import ProvisioningError, provisioning_retry
from regencies.models import Regency, RegencyStatus
from satupintu.admin_site import operator_site
from satupintu.errors import DomainError
from satupintu.safe_input import UnsafeInput, json_document


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


class TemplateCreateForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=160)
    slug = forms.SlugField(label=_("Kunci"), max_length=80, required=False)
    description = forms.CharField(
        label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    document = forms.FileField(label=_("Katalog (JSON)"), required=False)
    from_regency = forms.ModelChoiceField(
        label=_("atau salin dari daerah"),
        queryset=Regency.objects.filter(status=RegencyStatus.ACTIVE),
        required=False,
    )
    featured = forms.BooleanField(label=_("Unggulan"), required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("document")
        if not upload and not cleaned.get("from_regency"):
            raise forms.ValidationError(_("Unggah katalog JSON atau pilih daerah sumber."))
        if upload:
            try:
                cleaned["document_data"] = json_document(upload.read().decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError, UnsafeInput) as exc:
                raise forms.ValidationError(
                    _("Berkas bukan JSON yang valid: %(e)s") % {"e": exc}
                ) from exc
        return cleaned


class VersionInline(admin.TabularInline):
    model = TemplateVersion
    fields = ["number", "review", "changelog", "created_at", "created_by_email"]
    readonly_fields = ["number", "review", "changelog", "created_at", "created_by_email"]
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).defer("document")  # large, and not shown

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Template, site=operator_site)
class TemplateAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "source",
        "source_regency",
        "status",
        "is_featured",
        "adoptions",
        "created_at",
    ]
    list_select_related = ["source_regency"]
    list_filter = ["status", "source", "is_featured"]
    search_fields = ["name", "slug", "description"]
    fields = [
        "name",
        "slug",
        "description",
        "tags",
        "source",
        "source_regency",
        "status",
        "is_featured",
    ]
    readonly_fields = ["slug", "source", "source_regency", "status", "is_featured"]
    inlines = [VersionInline]
    actions = ["feature", "unfeature", "retire"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(adoption_total=Count("adoptions"))

    @admin.display(description=_("Dipakai"), ordering="adoption_total")
    def adoptions(self, obj):
        return obj.adoption_total

    @admin.action(description=_("Jadikan unggulan"), permissions=["change"])
    def feature(self, request, queryset):
        for template in queryset:
            library.template_feature(template=template, featured=True, actor=_actor(request))

    @admin.action(description=_("Hapus dari unggulan"), permissions=["change"])
    def unfeature(self, request, queryset):
        for template in queryset:
            library.template_feature(template=template, featured=False, actor=_actor(request))

    @admin.action(description=_("Pensiunkan (tidak ditawarkan lagi)"), permissions=["change"])
    def retire(self, request, queryset):
        for template in queryset:
            library.template_retire(template=template, actor=_actor(request))

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        from onboarding.seeding import catalogue_export_for_tenant

        form = TemplateCreateForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            document = data.get("document_data") or catalogue_export_for_tenant(
                data["from_regency"]
            )
            try:
                template = library.template_create(
                    name=data["name"],
                    slug=data["slug"],
                    description=data["description"],
                    document=document,
                    featured=data["featured"],
                    actor=_actor(request),
                )
            except DomainError as exc:
                for line in str(exc).splitlines():
                    form.add_error(None, line)
            else:
                self.message_user(request, _("Templat diterbitkan."))
                return HttpResponseRedirect(
                    reverse("operator:onboarding_template_change", args=[template.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.opts,
            "title": _("Templat baru"),
        }
        return TemplateResponse(request, "admin/onboarding/template/create.html", context)


@admin.register(TemplateVersion, site=operator_site)
class TemplateVersionAdmin(admin.ModelAdmin):
    list_display = ["template", "number", "review", "created_at", "created_by_email"]
    list_select_related = ["template"]
    list_filter = ["review"]
    fields = ["template", "number", "review", "review_note", "changelog", "summary", "created_at"]
    readonly_fields = [
        "template",
        "number",
        "review",
        "review_note",
        "changelog",
        "summary",
        "created_at",
    ]
    actions = ["approve", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("document")  # large, and not shown

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _review(self, request, queryset, approve: bool):
        for version in queryset.filter(review=VersionReview.PENDING):
            library.template_version_review(version=version, approve=approve, actor=_actor(request))
            self.message_user(request, f"{version}: {_('disetujui') if approve else _('ditolak')}")

    @admin.action(description=_("Setujui versi terpilih"), permissions=["change"])
    def approve(self, request, queryset):
        self._review(request, queryset, True)

    @admin.action(description=_("Tolak versi terpilih"), permissions=["change"])
    def reject(self, request, queryset):
        self._review(request, queryset, False)


@admin.register(Application, site=operator_site)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["kabkota", "applicant", "status", "step", "submitted_at", "updated_at"]
    list_select_related = ["kabkota", "applicant"]
    list_filter = ["status"]
    search_fields = ["kabkota__name", "applicant__email", "subdomain"]
    readonly_fields = [f.name for f in Application._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/surat/", view(self.letter_view), name="onboarding_application_letter"),
            *super().get_urls(),
        ]

    def letter_view(self, request, pk):
        """The request letter, for operators only (it is never served publicly)."""
        from django.http import FileResponse

        application = get_object_or_404(Application, pk=pk)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        if not application.request_letter:
            raise Http404
        return FileResponse(application.request_letter.open("rb"), content_type="application/pdf")


@admin.register(ProvisioningJob, site=operator_site)
class ProvisioningJobAdmin(admin.ModelAdmin):
    list_display = ["regency", "status", "attempts", "created_at", "duration", "error_excerpt"]
    list_select_related = ["regency"]
    list_filter = ["status"]
    search_fields = ["regency__name", "regency__code"]
    readonly_fields = [f.name for f in ProvisioningJob._meta.fields]
    actions = ["retry"]

    @admin.display(description=_("Durasi (detik)"))
    def duration(self, obj):
        seconds = obj.duration_seconds
        return f"{seconds:.1f}" if seconds is not None else "—"

    @admin.display(description=_("Galat"))
    def error_excerpt(self, obj):
        return obj.error[:120]

    @admin.action(description=_("Ulangi pembuatan portal"), permissions=["change"])
    def retry(self, request, queryset):
        for job in queryset:
            try:
                provisioning_retry(job=job, actor=_actor(request))
            except ProvisioningError as exc:
                self.message_user(request, f"{job.regency}: {exc}", messages.WARNING)
            else:
                self.message_user(request, f"{job.regency}: {_('diulang')}")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
