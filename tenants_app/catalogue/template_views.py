"""A portal's own view of the template library, in its Wagtail admin: what changed in the
template it came from (and what the regency changed itself), pulling chosen parts, and publishing
its setup as a template for others. Schema: tenant (reading and writing public rows only through
onboarding's library in the public schema).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tenants.utils import schema_context

from catalogue.actions import portal_cache_bump
from catalogue.models import Agency, Counter, Location, Service
from catalogue.portable import CatalogueInvalid, catalogue_export, catalogue_import
from catalogue.portable.compare import row_fingerprints
from catalogue.views import _require_regency_admin

SECTION_MODELS: dict[str, Any] = {
    "agencies": Agency,
    "services": Service,
    "counters": Counter,
    "locations": Location,
}
SECTION_LABELS = {
    "agencies": gettext_lazy("Instansi"),
    "services": gettext_lazy("Layanan"),
    "counters": gettext_lazy("Loket"),
    "locations": gettext_lazy("Lokasi"),
}


@dataclass
class RowChange:
    section: str
    key: str
    name: str
    kind: str  # "added", "changed" or "removed"
    edited_here: bool  # the regency changed this row since adopting the template

    @property
    def field_name(self) -> str:
        return f"pull-{self.section}-{self.key}"

    @property
    def default_on(self) -> bool:
        return self.kind != "removed" and not self.edited_here


def _regency(request: HttpRequest):
    return request.tenant  # type: ignore[attr-defined]  # set by RegencyRoutingMiddleware


def _email(request: HttpRequest) -> str:
    return getattr(request.user, "email", "")


def _public(function, **kwargs):
    with schema_context("public"):
        return function(**kwargs)


def template_changes(
    *, base: dict[str, Any], new: dict[str, Any], current: dict[str, Any]
) -> list[RowChange]:
    """Three-way: the adopted version, the template's newest version, and the portal as it is."""
    from onboarding.library import DIFF_SECTIONS, section_diff

    changes = []
    for section in DIFF_SECTIONS:
        theirs = row_fingerprints(base, section)  # each fingerprint cleans every row: once
        diff = section_diff(theirs, row_fingerprints(new, section))
        ours = row_fingerprints(current, section)
        names = {
            r["key"]: r.get("name", r["key"])
            for r in [*base.get(section, []), *new.get(section, [])]
        }
        for kind in ("added", "changed", "removed"):
            for key in getattr(diff, kind):
                edited = key in theirs and ours.get(key) not in (None, theirs[key])
                changes.append(RowChange(section, key, names.get(key, key), kind, edited))
    return changes


def _context(request: HttpRequest) -> dict[str, Any]:
    from onboarding.library import adoption_for_regency, template_latest_version

    adoption = _public(adoption_for_regency, regency_id=_regency(request).pk)
    if adoption is None:
        return {"adoption": None}
    latest = _public(template_latest_version, template=adoption.template)
    context: dict[str, Any] = {"adoption": adoption, "latest": latest, "changes": []}
    if latest is not None and latest.number > adoption.version.number:
        context["changes"] = template_changes(
            base=adoption.version.document, new=latest.document, current=catalogue_export()
        )
    return context


def template_updates_view(request: HttpRequest) -> HttpResponse:
    _require_regency_admin(request)
    context = _context(request)
    if request.method == "POST" and context.get("changes"):
        chosen = [c for c in context["changes"] if request.POST.get(c.field_name) == "on"]
        try:
            pulled = template_pull(new=context["latest"].document, chosen=chosen)
        except CatalogueInvalid as exc:
            messages.error(request, " ".join(exc.errors[:5]))
            return redirect("tenants_app_template_updates")
        from onboarding.library import template_adoption_advance

        _public(
            template_adoption_advance,
            regency=_regency(request),
            version=context["latest"],
            pulled=pulled,
            actor_email=_email(request),
        )
        messages.success(request, _("Perubahan templat yang dipilih sudah diterapkan."))
        return redirect("tenants_app_template_updates")
    context["section_labels"] = SECTION_LABELS
    return TemplateResponse(request, "tenants_app/admin/template_updates.html", context)


@transaction.atomic
def template_pull(*, new: dict[str, Any], chosen: list[RowChange]) -> dict[str, list[str]]:
    """Apply the chosen rows of the template's new version; rows it dropped are deactivated."""
    wanted = {
        section: {c.key for c in chosen if c.section == section and c.kind != "removed"}
        for section in SECTION_MODELS
    }
    document = {
        "format": new["format"],
        "version": new["version"],
        "categories": new.get("categories", []),
        **{
            section: [r for r in new.get(section, []) if r["key"] in keys]
            for section, keys in wanted.items()
        },
    }
    known = {
        section: set(model.objects.values_list("key", flat=True))
        for section, model in SECTION_MODELS.items()
    }
    known["categories"] = set()
    parts = {"categories", *(section for section, keys in wanted.items() if keys)}
    catalogue_import(document=document, parts=parts, known_keys=known)
    for change in chosen:
        if change.kind == "removed":
            SECTION_MODELS[change.section].objects.filter(key=change.key).update(is_active=False)
    portal_cache_bump()
    return {
        section: sorted(c.key for c in chosen if c.section == section) for section in SECTION_MODELS
    }


class PublishForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama templat"), max_length=160)
    description = forms.CharField(
        label=gettext_lazy("Keterangan untuk daerah lain"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def template_publish_view(request: HttpRequest) -> HttpResponse:
    """Offer this portal's setup to other regencies; an operator approves it first."""
    _require_regency_admin(request)
    form = PublishForm(
        request.POST or None, initial={"name": f"MPP model {_regency(request).name}"}
    )
    if request.method == "POST" and form.is_valid():
        from onboarding.library import TemplateError, template_submit_from_regency

        document = catalogue_export(
            title=form.cleaned_data["name"], exported_from=request.get_host()
        )
        try:
            _public(
                template_submit_from_regency,
                regency=_regency(request),
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                document=document,
                actor_email=_email(request),
            )
        except TemplateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Terima kasih! Templat Anda menunggu persetujuan operator SatuPintu.")
            )
            return redirect("tenants_app_template_updates")
    return TemplateResponse(request, "tenants_app/admin/template_publish.html", {"form": form})
