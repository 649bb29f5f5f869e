"""Provisioning a regency's portal as a resumable job: clone the base schema, copy the chosen
template parts, apply the branding, build the search index, create the first regency admin,
activate, and invite. Schema: public -> tenant.

Every step is idempotent and recorded on the job, so a job whose worker died is finished by
running it again; a run holds the regency's build lock (regencies.building), so one process at a
time builds a regency whatever the path, and a dead worker's run is told from a live one. A
failure leaves the regency `failed` with the reason and the job retryable; the portal never looks
active half-made (activation checks the schema is whole). Jobs nobody runs any more are found by
the stuck-regency sweep (regencies.recovery).
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import audit_record
from onboarding.models import (
    Application,
    ApplicationStatus,
    JobStatus,
    ProvisioningJob,
)
from onboarding.provisioning_spec import (
    DEFAULT_PARTS,
    PARTS,
    STEP_LABELS,
    STEPS,
    ProvisioningError,
    ProvisioningSpec,
)
from onboarding.provisioning_steps import STEP_FUNCTIONS, adopter_region, template_document_for
from regencies.building import regency_build_lock, regency_builder_alive
from regencies.creation import (
    RegencyRequest,
    regency_mark_failed,
    regency_register,
)
from regencies.models import Regency, RegencyStatus
from satupintu.db import connection
from satupintu.tasks_runtime import enqueue

logger = logging.getLogger(__name__)


def provisioning_start(
    *,
    request: RegencyRequest,
    spec: ProvisioningSpec,
    application: Application | None = None,
    actor=None,
    http_request=None,
    enqueue: bool = True,
) -> ProvisioningJob:
    """Register the regency (the race for a code or address is decided here) and queue a job."""
    with transaction.atomic():
        regency = regency_register(request=request, actor=actor, http_request=http_request)
        job = ProvisioningJob.objects.create(
            regency=regency,
            application=application,
            spec=asdict(spec),
            steps=[{"key": key, "status": "pending"} for key, _label in STEPS],
        )
        if application is not None:
            Application.objects.filter(pk=application.pk).update(
                regency=regency, status=ApplicationStatus.PROVISIONING, submitted_at=timezone.now()
            )
        if enqueue:
            transaction.on_commit(lambda: provisioning_enqueue(job_id=job.pk))
    return job


def regency_create_from_template(
    *, request: RegencyRequest, template: str, admin_email: str = "", publish: bool = False
) -> Regency:
    """`create_regency --template badung`: the wizard's adoption (same spec, same localisation),
    run at once. `template` is a template's slug or a seed template's name."""
    from onboarding.library import seed_templates_ensure, template_latest_version
    from onboarding.models import Template

    seed_templates_ensure()
    found = Template.objects.filter(slug__in=[template, f"model-{template}"]).first()
    version = template_latest_version(template=found) if found else None
    if version is None:
        raise ProvisioningError(_("Templat '%(name)s' tidak ditemukan.") % {"name": template})
    job = provisioning_start(
        request=request,
        spec=ProvisioningSpec(
            admin_email=admin_email or f"admin@{request.subdomain}.invalid",
            brand_name=request.brand_name,
            template_version_id=version.pk,
            pages_live=publish,
            invite=bool(admin_email),
        ),
        enqueue=False,
    )
    status = provisioning_run(job_id=job.pk)
    regency = Regency.objects.get(pk=job.regency_id)
    if status != JobStatus.DONE:
        raise ProvisioningError(
            _("Portal %(name)s belum selesai dibuat: %(status)s")
            % {"name": regency.name, "status": status}
        )
    return regency


def provisioning_enqueue(*, job_id: int) -> None:
    from onboarding.tasks import provision_regency  # onboarding.tasks imports this module

    enqueue(provision_regency, job_id)


def provisioning_retry(*, job: ProvisioningJob, actor=None) -> ProvisioningJob:
    """Run a failed (or stuck) job again from its first unfinished step, on a worker."""
    if job.status == JobStatus.DONE:
        raise ProvisioningError(_("Portal ini sudah selesai dibuat."))
    if regency_builder_alive(job.regency.code):
        raise ProvisioningError(
            _("Portal ini sedang dibuat oleh proses yang masih berjalan; tunggu sampai selesai.")
        )
    provisioning_reset(job=job)
    audit_record(
        action="provisioning.retry", actor=actor, regency=job.regency, detail={"job": job.pk}
    )
    transaction.on_commit(lambda: provisioning_enqueue(job_id=job.pk))
    job.refresh_from_db()
    return job


def provisioning_reset(*, job: ProvisioningJob) -> None:
    """Make a job runnable again from its first unfinished step (its regency `provisioning`)."""
    steps = [
        s if s["status"] == "done" else {"key": s["key"], "status": "pending"} for s in job.steps
    ]
    ProvisioningJob.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED, steps=steps, error="", heartbeat_at=timezone.now()
    )
    Regency.objects.filter(pk=job.regency_id, status=RegencyStatus.FAILED).update(
        status=RegencyStatus.PROVISIONING, status_reason=""
    )
    if job.application_id:
        Application.objects.filter(pk=job.application_id).update(
            status=ApplicationStatus.PROVISIONING
        )


def provisioning_run(*, job_id: int) -> str:
    """Run (or resume) a job; returns its final status, "busy" when another live process is
    building its regency, or "gone" when the half-made regency was discarded meanwhile."""
    connection.set_schema_to_public()
    job = ProvisioningJob.objects.select_related("regency").filter(pk=job_id).first()
    if job is None:
        return "gone"
    with regency_build_lock(job.regency.code) as held:
        if not held:
            return "busy"
        try:
            # Read again under the lock: a run that held it before may have finished the job.
            job = ProvisioningJob.objects.select_related("regency").filter(pk=job_id).first()
            return "gone" if job is None else _run(job)
        finally:
            connection.set_schema_to_public()


def _save_steps(job: ProvisioningJob, **fields) -> None:
    fields["heartbeat_at"] = timezone.now()
    ProvisioningJob.objects.filter(pk=job.pk).update(steps=job.steps, **fields)


def _run(job: ProvisioningJob) -> str:
    if job.status == JobStatus.DONE:
        return JobStatus.DONE
    job.attempts += 1
    _save_steps(
        job,
        status=JobStatus.RUNNING,
        attempts=job.attempts,
        started_at=job.started_at or timezone.now(),
    )
    spec = ProvisioningSpec(**job.spec)
    for step in job.steps:
        if step["status"] == "done":
            continue
        pause = getattr(settings, "PROVISIONING_PAUSE_BEFORE_STEP", "")
        if pause == step["key"]:
            time.sleep(
                getattr(settings, "PROVISIONING_PAUSE_SECONDS", 60)
            )  # a seam for crash tests
        step.update(status="running", started_at=timezone.now().isoformat(), error="")
        _save_steps(job)
        try:
            STEP_FUNCTIONS[step["key"]](job, spec)
        except Exception as exc:
            logger.exception("provisioning %s failed at %s", job.regency.code, step["key"])
            connection.set_schema_to_public()
            step.update(status="failed", error=str(exc)[:500])
            provisioning_fail(
                job=job, reason=f"{_(STEP_LABELS[step['key']])}: {type(exc).__name__}: {exc}"
            )
            return JobStatus.FAILED
        connection.set_schema_to_public()
        step.update(status="done", finished_at=timezone.now().isoformat())
        _save_steps(job)
    _save_steps(job, status=JobStatus.DONE, finished_at=timezone.now(), error="")
    if job.application_id:
        Application.objects.filter(pk=job.application_id).update(status=ApplicationStatus.DONE)
    return JobStatus.DONE


def provisioning_fail(*, job: ProvisioningJob, reason: str) -> None:
    """Leave the job, its regency and its application `failed` with the reason."""
    _save_steps(job, status=JobStatus.FAILED, error=reason[:2000], finished_at=timezone.now())
    regency_mark_failed(regency=job.regency, reason=reason)
    if job.application_id:
        Application.objects.filter(pk=job.application_id).update(status=ApplicationStatus.FAILED)


# --- the steps ----------------------------------------------------------------------------------


def job_progress(job: ProvisioningJob) -> dict[str, Any]:
    """What the applicant's progress bar shows."""
    done = sum(1 for s in job.steps if s["status"] == "done")
    return {
        "status": job.status,
        "percent": round(100 * done / max(len(job.steps), 1)),
        "steps": [
            {"key": s["key"], "label": _(STEP_LABELS[s["key"]]), "status": s["status"]}
            for s in job.steps
        ],
        "error": job.error if job.status == JobStatus.FAILED else "",
    }


def applications_release(*, regency) -> None:
    """A discarded half-made regency: the applications that made it go back to drafts."""
    Application.objects.filter(regency=regency).update(
        status=ApplicationStatus.DRAFT, regency=None, submitted_at=None
    )


# The spec and the steps live in sibling modules (issue #10); they are imported from here.
__all__ = [
    "DEFAULT_PARTS",
    "PARTS",
    "STEPS",
    "STEP_FUNCTIONS",
    "STEP_LABELS",
    "ProvisioningError",
    "ProvisioningSpec",
    "adopter_region",
    "applications_release",
    "job_progress",
    "provisioning_enqueue",
    "provisioning_fail",
    "provisioning_reset",
    "provisioning_retry",
    "provisioning_run",
    "provisioning_start",
    "regency_create_from_template",
    "template_document_for",
]
