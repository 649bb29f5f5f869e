"""The platform site: landing, template library, the onboarding wizard and its progress page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from billing.actions import BillingError, checkout_session_create, checkout_session_status
from billing.selectors import plan_get
from onboarding import library
from onboarding.billing import application_checkout_completed
from onboarding.forms import (
    AddedAgencyFormSet,
    AddressStepForm,
    BrandingStepForm,
    ConfirmStepForm,
    PlanStepForm,
    RegencyStepForm,
    TemplateStepForm,
)
from onboarding.localise import source_names_fill
from onboarding.models import Application, JobStatus, ProvisioningJob
from onboarding.provisioning import job_progress
from onboarding.seeding import admin_entry_url_for_tenant
from onboarding.wizard import (
    LAST_STEP,
    STEPS,
    ApplicationError,
    application_current,
    application_draft_store,
    application_fields_save,
    application_step_save,
    application_submit,
    step_allowed,
    subdomain_unavailable_reason,
)
from onboarding.wizard_steps import review_rows, review_summary, step_initial, step_values
from regencies.validation import validate_subdomain
from regions.selectors import kabkota_search


def landing(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "onboarding/landing.html", {"templates": library.template_list_public()[:3]}
    )


def template_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").replace("\x00", "")[:100]
    return TemplateResponse(
        request,
        "onboarding/library/template_list.html",
        {"templates": library.template_search(query=query), "query": query},
    )


def template_detail(request: HttpRequest, slug: str) -> HttpResponse:
    template = library.template_get_public(slug=slug)
    if template is None:
        raise Http404
    approved = template.approved  # type: ignore[attr-defined]  # prefetched by the selector
    version = library.template_version_get(version_id=approved[0].pk)
    return TemplateResponse(
        request,
        "onboarding/library/template_detail.html",
        {
            "template": template,
            "version": version,
            "document": source_names_fill(version.document) if version else {},
        },
    )


@login_required
def wizard_start(request: HttpRequest) -> HttpResponse:
    application = application_current(user=request.user)
    job = application.jobs.order_by("-created_at").first()
    if job is not None:
        return redirect("onboarding:progress", job_id=job.pk)
    return redirect("onboarding:step", step=application.step)


# --- steps ---------------------------------------------------------------------------------------
def _step_regency(request, application, data, files):
    initial = step_initial(application=application, step=1)
    form = RegencyStepForm(data, files, application=application, initial=initial)
    query = request.GET.get("q", "").replace("\x00", "")[:100]
    extra = {"query": query, "matches": kabkota_search(query=query, limit=30) if query else []}
    return form, extra


def _step_address(request, application, data, files):
    initial = step_initial(application=application, step=2)
    return AddressStepForm(data, application=application, initial=initial), {}


def _step_branding(request, application, data, files):
    initial = step_initial(application=application, step=3)
    return BrandingStepForm(data, files, application=application, initial=initial), {}


def _step_template(request, application, data, files):
    templates = library.template_list_public()
    versions = []
    for template in templates:
        version = template.approved[0]
        version.template = template  # carries the adoption count for the page
        versions.append(version)
    initial = step_initial(application=application, step=4)
    form = TemplateStepForm(data, application=application, versions=versions, initial=initial)
    return form, {"versions": versions}


def _step_review(request, application, data, files):
    document = source_names_fill(
        application.template_version.document if application.template_version else {}
    )
    review = application.review or {}
    added = AddedAgencyFormSet(data, prefix="baru", initial=review.get("added", []))
    return added, {"document_agencies": review_rows(document=document, review=review)}


def _step_plan(request, application, data, files):
    initial = step_initial(application=application, step=6)
    form = PlanStepForm(data, application=application, initial=initial)
    return form, {"plans": form.plans}


def _step_confirm(request, application, data, files):
    document = source_names_fill(
        application.template_version.document if application.template_version else {}
    )
    summary = review_summary(document=document, review=application.review or {})
    return ConfirmStepForm(data, application=application), {"review_summary": summary}


STEP_HANDLERS = {
    1: _step_regency,
    2: _step_address,
    3: _step_branding,
    4: _step_template,
    5: _step_review,
    6: _step_plan,
    7: _step_confirm,
}


@login_required
def wizard_step(request: HttpRequest, step: int) -> HttpResponse:
    application = application_current(user=request.user)
    if application.jobs.exists():
        return redirect("onboarding:start")
    if step not in STEP_HANDLERS or not step_allowed(application=application, step=step):
        return redirect("onboarding:step", step=application.step)
    if step == 5 and application.template_version is None:
        return redirect("onboarding:step", step=6)  # nothing to review without a template
    posting = request.method == "POST"
    if posting and "back" in request.POST:
        application_draft_store(application=application, step=step, data=request.POST)
        previous = step - 1 if not (step == 6 and application.template_version is None) else 4
        return redirect("onboarding:step", step=max(previous, 1))
    form, extra = STEP_HANDLERS[step](
        request, application, request.POST if posting else None, request.FILES if posting else None
    )
    if posting:
        application_draft_store(application=application, step=step, data=request.POST)
        if form.is_valid():
            if step == LAST_STEP:
                return _submit(request, application)
            if (
                step == 6
                and form.cleaned_data["billing_collection"] == "card"
                and not application.checkout_completed_at
            ):
                return _start_checkout(
                    request,
                    application,
                    step_values(step=step, form=form, post=request.POST, application=application),
                )
            application = application_step_save(
                application=application,
                step=step,
                values=step_values(
                    step=step, form=form, post=request.POST, application=application
                ),
            )
            if step == 4 and application.template_version is None:
                application_step_save(application=application, step=5, values={"review": {}})
                return redirect("onboarding:step", step=6)
            return redirect("onboarding:step", step=step + 1)
    context = {"application": application, "form": form, "step": step, "steps": STEPS, **extra}
    return TemplateResponse(request, f"onboarding/wizard/step_{step}.html", context)


def _start_checkout(
    request: HttpRequest, application: Application, values: dict[str, Any]
) -> HttpResponse:
    """Save the plan choice (without moving on) and send the applicant to Stripe Checkout."""

    application_fields_save(application=application, values=values)
    base = request.build_absolute_uri(reverse("onboarding:checkout_done"))
    try:
        url = checkout_session_create(
            application=application,
            plan=plan_get(code=values["plan"]),  # type: ignore[arg-type]  # a code the form checked
            interval=values["billing_interval"],
            success_url=f"{base}?session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=request.build_absolute_uri(reverse("onboarding:checkout_cancelled")),
        )
    except BillingError as exc:
        messages.error(request, str(exc))
        return redirect("onboarding:step", step=6)
    return redirect(url)


@login_required
def checkout_done(request: HttpRequest) -> HttpResponse:
    """Back from Stripe Checkout: confirm with Stripe that the session was paid, then go on."""

    application = application_current(user=request.user)
    if application.jobs.exists():
        return redirect("onboarding:start")  # back here again after submitting (reload, history)
    session_id = request.GET.get("session_id", "")[:200]
    try:
        session = checkout_session_status(session_id=session_id) if session_id else {}
    except BillingError:
        session = {}
    if (
        session.get("status") != "complete"
        or session.get("client_reference_id") != f"application:{application.pk}"
    ):
        messages.error(
            request, _("Pembayaran belum kami terima. Pilihan paket Anda tetap tersimpan.")
        )
        return redirect("onboarding:step", step=6)
    application_checkout_completed(
        application_id=application.pk,
        customer_id=session.get("customer") or "",
        subscription_id=session.get("subscription") or "",
    )
    application.refresh_from_db()
    application_step_save(application=application, step=6, values={})
    return redirect("onboarding:step", step=7)


@login_required
def checkout_cancelled(request: HttpRequest) -> HttpResponse:
    messages.info(
        request,
        _(
            "Pembayaran kartu dibatalkan. Pilihan Anda tetap tersimpan; pilih cara bayar lain "
            "atau coba lagi."
        ),
    )
    return redirect("onboarding:step", step=6)


def _submit(request: HttpRequest, application: Application) -> HttpResponse:
    try:
        job = application_submit(application=application, actor=request.user, http_request=request)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("onboarding:step", step=LAST_STEP)
    return redirect("onboarding:progress", job_id=job.pk)


@login_required
@require_GET
def subdomain_check(request: HttpRequest) -> JsonResponse:
    """Live availability of a subdomain (the form checks again on submit)."""

    application = application_current(user=request.user)
    try:
        value = validate_subdomain(request.GET.get("s", "")[:60])
    except ValidationError as exc:
        return JsonResponse({"ok": False, "message": " ".join(exc.messages)})
    reason = subdomain_unavailable_reason(subdomain=value, application=application)
    message = reason or _("Subdomain '%(value)s' tersedia.") % {"value": value}
    return JsonResponse({"ok": not reason, "message": message})


# --- progress ------------------------------------------------------------------------------------
def _own_job(request: HttpRequest, job_id: int) -> ProvisioningJob:
    job = get_object_or_404(
        ProvisioningJob.objects.select_related("regency", "application"), pk=job_id
    )
    if job.application is None or job.application.applicant_id != request.user.pk:
        raise Http404
    return job


@login_required
def progress(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _own_job(request, job_id)
    context = {"job": job, "progress": job_progress(job), **_finished_links(job)}
    return TemplateResponse(request, "onboarding/wizard/progress.html", context)


@login_required
def progress_json(request: HttpRequest, job_id: int) -> JsonResponse:
    job = _own_job(request, job_id)
    return JsonResponse({**job_progress(job), **_finished_links(job)})


def _finished_links(job: ProvisioningJob) -> dict[str, Any]:
    if job.status != JobStatus.DONE:
        return {}

    admin_url, sets_password = admin_entry_url_for_tenant(
        job.regency, email=job.spec["admin_email"]
    )
    return {
        "portal_url": job.regency.portal_url(),
        "admin_url": admin_url,
        "admin_sets_password": sets_password,
    }


@login_required
@require_POST
def application_restart(request: HttpRequest) -> HttpResponse:
    """Start again after a failed application (the failed regency stays for operators)."""
    application = application_current(user=request.user)
    if application.status == "failed":
        Application.objects.filter(pk=application.pk).update(status="cancelled")
    return redirect(reverse("onboarding:start"))
