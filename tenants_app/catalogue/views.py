"""Admin views for importing and exporting a portal's catalogue (dry run first). Schema: tenant."""

from __future__ import annotations

import json
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import Site

from activity.actions import activity_record
from catalogue.admin_forms import CatalogueUploadForm
from catalogue.models import Agency
from catalogue.permissions import user_agency_ids
from catalogue.portable import ALL_PARTS, CatalogueInvalid, catalogue_export, catalogue_import
from catalogue.portable.csv_rows import agencies_document, services_document, with_line_numbers
from satupintu.safe_input import UnsafeInput, json_document

PENDING_SECONDS = 30 * 60
# What each kind of upload may change; a whole catalogue imports whichever parts it holds.
PARTS_BY_KIND = {"agencies": {"agencies"}, "services": {"categories", "services"}}


def _require_regency_admin(request: HttpRequest) -> None:
    if user_agency_ids(request.user) is not None:
        raise PermissionDenied(_("Hanya admin MPP yang dapat mengimpor atau mengekspor katalog."))


def _pending_key(request: HttpRequest, token: str) -> str:
    return f"catalogue-import:{request.user.pk}:{token}"


def _parse(kind: str, text: str) -> tuple[dict, str, dict[int, int], dict[str, set[str]]]:
    if kind == "agencies":
        document, lines = agencies_document(text)
        return document, "agencies", lines, {}
    if kind == "services":
        document, lines = services_document(text)
        known = {"agencies": set(Agency.objects.values_list("key", flat=True))}
        return document, "services", lines, known
    try:
        document = json_document(text)
    except UnsafeInput as exc:
        raise CatalogueInvalid([str(exc)]) from exc
    except json.JSONDecodeError as exc:
        raise CatalogueInvalid(
            [
                _("JSON tidak valid: baris %(line)d, kolom %(col)d: %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ]
        ) from exc
    return document, "", {}, {}


def _import_counts(report) -> str:
    created = sum(len(v) for v in report.created.values())
    updated = sum(len(v) for v in report.updated.values())
    return _("%(c)d baru, %(u)d diperbarui") % {"c": created, "u": updated}


def catalogue_import_view(request: HttpRequest) -> HttpResponse:
    _require_regency_admin(request)
    form = CatalogueUploadForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        section, lines = "", dict[int, int]()
        parts = PARTS_BY_KIND.get(kind, ALL_PARTS)
        try:
            document, section, lines, known = _parse(kind, form.cleaned_data["file"])
            report = catalogue_import(
                document=document, parts=parts, dry_run=True, known_keys=known
            )
        except CatalogueInvalid as exc:
            context["errors"] = (
                with_line_numbers(exc.errors, section, lines) if section else exc.errors
            )
        else:
            token = secrets.token_urlsafe(16)
            cache.set(
                _pending_key(request, token),
                {
                    "document": document,
                    "parts": sorted(parts),
                    "known": known,
                },
                PENDING_SECONDS,
            )
            context.update({"report": report, "token": token, "kind": kind})
    return TemplateResponse(request, "tenants_app/admin/catalogue_import.html", context)


@require_POST
def catalogue_import_apply_view(request: HttpRequest) -> HttpResponse:
    _require_regency_admin(request)
    token = request.POST.get("token", "")
    pending = cache.get(_pending_key(request, token)) if token else None
    if pending is None:
        messages.error(
            request, _("Pratinjau impor sudah kedaluwarsa; unggah berkasnya sekali lagi.")
        )
        return redirect("tenants_app_catalogue_import")
    try:
        with transaction.atomic():
            report = catalogue_import(
                document=pending["document"],
                parts=set(pending["parts"]),
                known_keys=pending["known"],
                user_id=request.user.pk,
            )
            activity_record(
                actor=request.user,
                verb="catalogue.import",
                summary=_("Impor katalog: %(s)s") % {"s": _import_counts(report)},
                after={"created": report.created, "updated": report.updated},
            )
    except CatalogueInvalid as exc:
        messages.error(request, " ".join(exc.errors[:5]))
        return redirect("tenants_app_catalogue_import")
    cache.delete(_pending_key(request, token))
    site = Site.objects.get(is_default_site=True)
    log(
        instance=site, action="satupintu.catalogue_import", user=request.user, data=report.summary()
    )
    created = sum(len(v) for v in report.created.values())
    updated = sum(len(v) for v in report.updated.values())
    messages.success(
        request, _("Impor selesai: %(c)d baru, %(u)d diperbarui.") % {"c": created, "u": updated}
    )
    return redirect("tenants_app_catalogue_import")


def catalogue_export_view(request: HttpRequest) -> HttpResponse:
    _require_regency_admin(request)
    host = request.get_host()
    document = catalogue_export(exported_from=host)
    filename = f"katalog-{host.split(':')[0]}-{timezone.localdate():%Y%m%d}.json"
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
