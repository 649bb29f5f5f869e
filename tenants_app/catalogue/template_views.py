"""A portal's own view of the template library, in its Wagtail admin: what changed in the
template it came from (and what the regency changed itself), pulling chosen parts, and publishing
its setup as a template for others. Views only parse and render: the diff is in template_diff,
the pull in template_actions, and public rows are read and written only through onboarding's
door (onboarding.selectors, onboarding.portal). Schema: tenant.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from catalogue.admin_forms import TemplatePublishForm
from catalogue.portable import CatalogueInvalid, catalogue_export
from catalogue.template_actions import template_pull
from catalogue.template_diff import SECTION_LABELS, template_changes
from catalogue.views import _require_regency_admin
from onboarding.portal import (
    TemplateError,
    template_pulled_from_portal,
    template_submit_from_portal,
)
from onboarding.selectors import (
    adoption_with_latest,
    marks_apply_for_regency,
    marks_propose_for_regency,
    template_documents_for_regency,
)


def _regency(request: HttpRequest):
    return request.tenant  # type: ignore[attr-defined]  # set by RegencyRoutingMiddleware


def _email(request: HttpRequest) -> str:
    return getattr(request.user, "email", "")


def _context(request: HttpRequest) -> dict[str, Any]:
    adoption, latest = adoption_with_latest(regency_id=_regency(request).pk)
    if adoption is None:
        return {"adoption": None}
    context: dict[str, Any] = {"adoption": adoption, "latest": latest, "changes": []}
    if latest is not None and latest.number > adoption.version.number:
        # Both read in this regency's names, so a localised name is no "edit" and a pull never
        # brings the source region's names back (docs/adr/0035).
        base, new = template_documents_for_regency(
            regency=_regency(request), versions=[adoption.version, latest]
        )
        context["new_document"] = new
        context["changes"] = template_changes(base=base, new=new, current=catalogue_export())
    return context


def template_updates_view(request: HttpRequest) -> HttpResponse:
    _require_regency_admin(request)
    context = _context(request)
    if request.method == "POST" and context.get("changes"):
        chosen = [c for c in context["changes"] if request.POST.get(c.field_name) == "on"]
        try:
            pulled = template_pull(new=context["new_document"], chosen=chosen)
        except CatalogueInvalid as exc:
            messages.error(request, " ".join(exc.errors[:5]))
            return redirect("tenants_app_template_updates")
        template_pulled_from_portal(
            regency=_regency(request),
            version=context["latest"],
            pulled=pulled,
            actor_email=_email(request),
        )
        messages.success(request, _("Perubahan templat yang dipilih sudah diterapkan."))
        return redirect("tenants_app_template_updates")
    context["section_labels"] = SECTION_LABELS
    return TemplateResponse(request, "tenants_app/admin/template_updates.html", context)


def template_publish_view(request: HttpRequest) -> HttpResponse:
    """Offer this portal's setup to other regencies; an operator approves it first. Before it is
    sent, the admin sees what would be marked as regional (placeholders, capital, places, phones,
    domains; issue #11) and accepts all or unticks some."""
    _require_regency_admin(request)
    regency = _regency(request)
    document = catalogue_export(exported_from=request.get_host())
    proposals = marks_propose_for_regency(regency=regency, document=document)
    form = TemplatePublishForm(
        request.POST or None,
        initial={"name": f"MPP model {regency.name}"},
        proposals=proposals,
    )
    if request.method == "POST" and form.is_valid():
        marks = form.marks()
        document["meta"]["title"] = form.cleaned_data["name"]
        document = marks_apply_for_regency(
            regency=regency,
            document=document,
            accepted=set(form.cleaned_data["terms"]),
            capital=marks["capital"],
        )
        try:
            template_submit_from_portal(
                regency=regency,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                document=document,
                actor_email=_email(request),
                marks=marks,
            )
        except TemplateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Terima kasih! Templat Anda menunggu persetujuan operator SatuPintu.")
            )
            return redirect("tenants_app_template_updates")
    checked = set(form["terms"].value() or [])
    return TemplateResponse(
        request,
        "tenants_app/admin/template_publish.html",
        {"form": form, "proposals": proposals, "checked_terms": checked},
    )
