"""Citizen-facing SKM pages: the questionnaire by one-use link and on a counter tablet, the
results of a period (bars drawn server-side, also as a table), its PDF report, and the public KPI
page. Schema: tenant.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from surveys import reports
from surveys.actions import (
    LinkUnknown,
    LinkUsed,
    SurveyError,
    link_get,
    response_submit_at_kiosk,
    response_submit_by_link,
)
from surveys.forms import SurveyForm
from surveys.periods import PeriodInvalid
from surveys.selectors import Scope, ScopeUnknown, scope_resolve
from workdays.selectors import local_today


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "-"


@never_cache
def link_form_view(request: HttpRequest, token: str) -> HttpResponse:
    context = {"page_title": _("Survei Kepuasan Masyarakat"), "mode": "link"}
    try:
        link = link_get(token=token[:64])
    except LinkUsed as exc:
        return TemplateResponse(
            request, "surveys/portal/survey_done.html", {**context, "message": str(exc)}
        )
    except LinkUnknown as exc:
        return TemplateResponse(
            request, "surveys/portal/survey_done.html", {**context, "message": str(exc)}, status=404
        )
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            response_submit_by_link(
                token=token,
                answers=form.answers(service=link.service, answered_on=local_today()),
                address=_address(request),
            )
        except SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            return TemplateResponse(
                request,
                "surveys/portal/survey_done.html",
                {**context, "message": _("Terima kasih atas penilaian Anda.")},
            )
    status = 422 if form.is_bound else 200
    return TemplateResponse(
        request,
        "surveys/portal/survey_form.html",
        {**context, "form": form, "service": link.service},
        status=status,
    )


@never_cache
@login_required(login_url="/accounts/login/")
def kiosk_view(request: HttpRequest) -> HttpResponse:
    """A counter tablet: a staff member signs the device in once and hands it to each respondent;
    after each answer the page clears itself for the next one."""
    if not request.user.is_staff:
        raise PermissionDenied(_("Mode tablet hanya untuk perangkat petugas."))
    form = SurveyForm(request.POST or None, with_service=True)
    context = {"page_title": _("Survei Kepuasan Masyarakat"), "mode": "kiosk"}
    try:  # a tablet is set up once per location: /skm/tablet/?lokasi=gedung-mpp
        location_id = _scope(request).location_id
    except ScopeUnknown as exc:
        raise PermissionDenied(str(exc)) from exc
    context["again_url"] = request.get_full_path()
    if request.method == "POST" and form.is_valid():
        try:
            response_submit_at_kiosk(
                answers=form.answers(answered_on=local_today(), location_id=location_id),
                device=request.session.session_key or str(request.user.pk),
                address=_address(request),
            )
        except SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            return TemplateResponse(
                request,
                "surveys/portal/survey_done.html",
                {**context, "message": _("Terima kasih atas penilaian Anda."), "again": True},
            )
    status = 422 if form.is_bound else 200
    return TemplateResponse(
        request, "surveys/portal/survey_form.html", {**context, "form": form}, status=status
    )


def _scope(request: HttpRequest) -> Scope:
    return scope_resolve(
        agency=request.GET.get("instansi", ""),
        service=request.GET.get("layanan", ""),
        location=request.GET.get("lokasi", ""),
    )


def results_view(request: HttpRequest) -> HttpResponse:
    try:
        data = reports.results_context(
            period_key=request.GET.get("periode", ""), today=local_today(), scope=_scope(request)
        )
    except (PeriodInvalid, ScopeUnknown) as exc:
        return TemplateResponse(
            request,
            "surveys/portal/error.html",
            {"page_title": _("Hasil SKM"), "message": str(exc)},
            status=400,
        )
    return TemplateResponse(
        request,
        "surveys/portal/results.html",
        {"page_title": _("Hasil Survei Kepuasan Masyarakat"), **data},
    )


def report_pdf_view(request: HttpRequest) -> HttpResponse:
    try:
        data = reports.results_context(
            period_key=request.GET.get("periode", ""), today=local_today(), scope=_scope(request)
        )
    except (PeriodInvalid, ScopeUnknown) as exc:
        return TemplateResponse(
            request,
            "surveys/portal/error.html",
            {"page_title": _("Laporan SKM"), "message": str(exc)},
            status=400,
        )
    pdf = reports.skm_report_pdf(
        data=data, regency_name=getattr(getattr(request, "tenant", None), "name", "")
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-skm-{data["period"].key}.pdf"'
    return response


def kpi_view(request: HttpRequest) -> HttpResponse:
    data = reports.kpi_context(today=local_today())
    return TemplateResponse(
        request, "surveys/portal/kpi.html", {"page_title": _("Kinerja pelayanan"), **data}
    )
