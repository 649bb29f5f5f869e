"""The SKM's screens in a portal's Wagtail admin: the performance dashboard (and its CSV), paper
form entry, CSV import, suggestion moderation and the evidence report (page and PDF).
Schema: tenant.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalogue.models import Agency
from catalogue.permissions import user_agency_ids
from surveys.actions import SurveyError, response_enter_paper, responses_import, suggestion_moderate
from surveys.csv_import import ImportInvalid, sheets_parse
from surveys.dashboard import dashboard_csv, dashboard_data
from surveys.evidence import evidence_items
from surveys.forms import SurveyForm
from surveys.models import SuggestionStatus, SurveyResponse
from surveys.pdf import evidence_pdf
from surveys.periods import PeriodInvalid, period_choices, period_current, period_parse
from surveys.selectors import ScopeUnknown, scope_resolve
from workdays.selectors import local_today

MAX_UPLOAD = 5 * 1024 * 1024


def scope_of(request: HttpRequest) -> set[int] | None:
    """None for a regency admin, the agency ids of an agency admin; refused for anyone else."""
    if not request.user.is_authenticated or not request.user.is_staff:
        raise PermissionDenied(_("Hanya staf MPP."))
    agencies = user_agency_ids(request.user)
    if agencies is not None and not agencies:
        raise PermissionDenied(_("Dasbor kinerja untuk admin MPP dan admin instansi."))
    return agencies


def regency_admin_only(request: HttpRequest) -> None:
    if scope_of(request) is not None:
        raise PermissionDenied(_("Hanya admin MPP."))


def _period(request: HttpRequest):
    key = request.GET.get("periode", "")
    return period_parse(key) if key else period_current(today=local_today())


def _agencies(request: HttpRequest) -> set[int] | None:
    """The user's agencies, narrowed to the one chosen in `?instansi=` (if any)."""
    agencies = scope_of(request)
    return scope_resolve(agency=request.GET.get("instansi", "")).narrowed(agencies).agency_ids


def dashboard_view(request: HttpRequest) -> HttpResponse:
    mine = scope_of(request)
    try:
        period, agencies = _period(request), _agencies(request)
    except (PeriodInvalid, ScopeUnknown) as exc:
        messages.error(request, str(exc))
        return redirect("skm_dashboard")
    data = dashboard_data(period=period, agency_ids=agencies)
    choices = [
        (a.key, a.name) for a in Agency.objects.order_by("name") if mine is None or a.pk in mine
    ]
    return TemplateResponse(
        request,
        "surveys/admin/dashboard.html",
        {
            **data,
            "periods": period_choices(today=local_today()),
            "scoped": mine is not None,
            "agency_choices": choices,
            "chosen": request.GET.get("instansi", ""),
            "query": request.GET.urlencode(),
        },
    )


def dashboard_csv_view(request: HttpRequest) -> HttpResponse:
    try:
        period, agencies = _period(request), _agencies(request)
    except (PeriodInvalid, ScopeUnknown) as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    body = dashboard_csv(dashboard_data(period=period, agency_ids=agencies, detail=True))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kinerja-{period.key}.csv"'
    return response


def paper_entry_view(request: HttpRequest) -> HttpResponse:
    regency_admin_only(request)
    form = SurveyForm(request.POST or None, with_service=True, with_date=True)
    if request.method == "POST" and form.is_valid():
        try:
            response_enter_paper(actor=request.user, answers=form.answers())
        except SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Formulir kertas tersimpan. Silakan entri berikutnya."))
            return redirect("skm_paper_entry")
    return TemplateResponse(
        request,
        "surveys/admin/paper_entry.html",
        {"form": form},
        status=422 if form.is_bound else 200,
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas CSV"))


def import_view(request: HttpRequest) -> HttpResponse:
    regency_admin_only(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD:
                raise ImportInvalid([_("Berkas lebih dari 5 MB.")])
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise ImportInvalid([_("Berkas harus CSV dengan pengodean UTF-8.")]) from exc
            sheets = sheets_parse(text=text, today=local_today())
            count = responses_import(actor=request.user, sheets=sheets, filename=upload.name[:100])
        except ImportInvalid as exc:
            errors = exc.errors[:200]
        else:
            messages.success(request, _("%(n)d jawaban SKM diimpor.") % {"n": count})
            return redirect("skm_import")
    return TemplateResponse(
        request,
        "surveys/admin/import.html",
        {"form": form, "errors": errors},
        status=422 if errors or (form.is_bound and not form.is_valid()) else 200,
    )


def suggestion_list_view(request: HttpRequest) -> HttpResponse:
    regency_admin_only(request)
    pending = SurveyResponse.objects.filter(
        suggestion_status=SuggestionStatus.PENDING
    ).select_related("service")[:100]
    return TemplateResponse(request, "surveys/admin/suggestions.html", {"pending": pending})


@require_POST
def suggestion_moderate_view(request: HttpRequest, pk: int) -> HttpResponse:
    regency_admin_only(request)
    response = get_object_or_404(SurveyResponse, pk=pk)
    try:
        suggestion_moderate(
            actor=request.user, response=response, approve=request.POST.get("keputusan") == "setuju"
        )
    except SurveyError as exc:
        messages.error(request, str(exc))
    return redirect("skm_suggestions")


def evidence_view(request: HttpRequest) -> HttpResponse:
    regency_admin_only(request)
    items = evidence_items(today=local_today())
    return TemplateResponse(
        request,
        "surveys/admin/evidence.html",
        {"items": items, "met": sum(1 for i in items if i.met)},
    )


def evidence_pdf_view(request: HttpRequest) -> HttpResponse:
    regency_admin_only(request)
    today = local_today()
    pdf = evidence_pdf(
        items=evidence_items(today=today),
        regency_name=getattr(getattr(request, "tenant", None), "name", ""),
        generated_on=today.strftime("%d-%m-%Y"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="bukti-evaluasi.pdf"'
    return response
