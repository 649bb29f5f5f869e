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

import copy
import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.actions import audit_record
from billing.actions import subscription_start_for_regency
from billing.models import Plan
from onboarding.library import template_adopt
from onboarding.localise import (
    Region,
    localise_document,
    short_name,
    time_zone_abbreviation,
)
from onboarding.models import (
    Application,
    ApplicationStatus,
    JobStatus,
    ProvisioningJob,
    TemplateVersion,
)
from onboarding.seeding import (
    admin_invitation_send_for_tenant,
    branding_apply_for_tenant,
    regency_admin_ensure_for_tenant,
    search_refresh_for_tenant,
    template_apply_for_tenant,
)
from regencies.building import regency_build_lock, regency_builder_alive
from regencies.creation import (
    RegencyRequest,
    portal_setup_for_tenant,
    regency_activate,
    regency_mark_failed,
    regency_register,
    regency_schema_ensure,
)
from regencies.models import Regency, RegencyStatus
from regions.actions import kind_for_code
from regions.selectors import kabkota_get
from satupintu.db import connection
from satupintu.errors import DomainError
from satupintu.tasks_runtime import enqueue

logger = logging.getLogger(__name__)

STEPS = [
    ("schema", gettext_noop("Menyiapkan basis data portal")),
    ("catalogue", gettext_noop("Menyalin instansi, layanan, dan loket dari templat")),
    ("branding", gettext_noop("Menerapkan nama dan warna MPP")),
    ("search", gettext_noop("Membangun indeks pencarian layanan")),
    ("admin", gettext_noop("Membuat akun admin MPP")),
    ("billing", gettext_noop("Mencatat paket dan langganan")),
    ("activate", gettext_noop("Mengaktifkan alamat portal")),
    ("invite", gettext_noop("Mengirim undangan ke email Anda")),
]
STEP_LABELS = dict(STEPS)

# Template parts an applicant chooses: each is a set of catalogue sections.
PARTS = {
    "catalogue": {
        "agencies",
        "categories",
        "services",
        "counters",
        "locations",
        "schedule_profiles",
    },
    "pledges": {"pledges"},
    "pages": {"pages"},
    "closures": {"closures"},
    # Not offered in the wizard (a template's address is the model regency's), used by the demo.
    "contact": {"branding"},
}
DEFAULT_PARTS = ["catalogue", "pledges", "pages"]


class ProvisioningError(DomainError):
    code = "provisioning_failed"


@dataclass
class ProvisioningSpec:
    """Everything a job needs, stored on the job so a retry builds exactly the same portal."""

    admin_email: str
    admin_name: str = ""
    brand_name: str = ""
    primary_color: str = "#0b5d51"
    accent_color: str = "#8a4b00"
    logo_name: str = ""  # a file in the public schema's storage
    template_version_id: int | None = None
    parts: list[str] = field(default_factory=lambda: list(DEFAULT_PARTS))
    review: dict[str, Any] = field(default_factory=dict)
    pages_live: bool = False  # template pages arrive as drafts to adapt, except for the demo
    invite: bool = True  # the demo sets a known password instead
    plan_code: str = "standar"
    interval: str = "year"
    collection: str = "trial"
    stripe_customer_id: str = ""
    stripe_subscription_id: str = ""


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
def _step_schema(job: ProvisioningJob, spec: ProvisioningSpec) -> None:
    regency_schema_ensure(regency=job.regency)  # whole or not at all, whatever a crash left
    portal_setup_for_tenant(job.regency)


def adopter_region(regency: Regency, *, brand_name: str = "") -> Region:
    """The adopting regency as the localiser sees it: names from the `regions` reference data."""
    kabkota = kabkota_get(code=regency.code)
    kind = kind_for_code(regency.code)
    return Region(
        name=short_name(kabkota.name if kabkota else regency.name),
        kind=kind if kind in ("kabupaten", "kota") else "kabupaten",
        province=kabkota.province.name if kabkota else "",
        brand=brand_name or regency.brand_name,
        code=regency.code,
        time_zone=time_zone_abbreviation(regency.code),
    )


def template_document_for(
    spec: ProvisioningSpec, version: TemplateVersion, *, regency: Regency | None = None
) -> tuple[dict, set[str], dict]:
    """The template's document as reviewed and localised for the adopter (docs/adr/0035): the
    source region's names rewritten, what cannot be guessed held back, agencies renamed, the
    applicant's own agencies added."""
    document = copy.deepcopy(version.document)
    if regency is not None:
        host = (regency.primary_hostname() or "").split(":")[0]
        document, _held = localise_document(
            document,
            target=adopter_region(regency, brand_name=spec.brand_name),
            portal_host=host,
        )
    review = spec.review or {}
    renamed = review.get("renamed", {})
    for agency in document.get("agencies", []):
        if renamed.get(agency["key"]):
            agency["name"] = renamed[agency["key"]]
    for index, added in enumerate(review.get("added", [])):
        document.setdefault("agencies", []).append(
            {
                "key": f"instansi-baru-{index + 1}",
                "name": added["name"],
                "kind": added["kind"],
                **({"abbreviation": added["abbreviation"]} if added.get("abbreviation") else {}),
            }
        )
    sections = set().union(*(PARTS[p] for p in spec.parts if p in PARTS)) if spec.parts else set()
    skip = {
        "agencies": set(review.get("off_agencies", [])),
        "counters": set(review.get("off_counters", [])),
    }
    return document, sections, skip


def _step_catalogue(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    if spec.template_version_id is None:
        return
    version = TemplateVersion.objects.get(pk=spec.template_version_id)
    document, sections, skip = template_document_for(spec, version, regency=job.regency)
    if sections:
        template_apply_for_tenant(
            job.regency,
            document=document,
            parts=frozenset(sections),
            skip_keys=skip,
            pages_live=spec.pages_live,
        )

    template_adopt(regency=job.regency, version=version)


def _step_branding(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    branding_apply_for_tenant(
        job.regency,
        brand_name=spec.brand_name or job.regency.display_brand,
        primary_color=spec.primary_color,
        accent_color=spec.accent_color,
        logo_name=spec.logo_name,
    )


def _step_search(job: ProvisioningJob, spec: ProvisioningSpec) -> None:
    search_refresh_for_tenant(job.regency)


def _step_admin(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    regency_admin_ensure_for_tenant(job.regency, email=spec.admin_email, full_name=spec.admin_name)


def _step_billing(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    subscription_start_for_regency(
        job.regency,
        plan=Plan.objects.get(code=spec.plan_code),
        interval=spec.interval,
        collection=spec.collection,
        email=spec.admin_email,
        stripe_customer_id=spec.stripe_customer_id,
        stripe_subscription_id=spec.stripe_subscription_id,
    )


def _step_activate(job: ProvisioningJob, spec: ProvisioningSpec) -> None:
    regency = Regency.objects.get(pk=job.regency_id)
    if regency.status != RegencyStatus.ACTIVE:
        regency_activate(regency=regency)


def _step_invite(job: ProvisioningJob, spec: ProvisioningSpec) -> None:

    claimed = ProvisioningJob.objects.filter(pk=job.pk, invitation_sent_at__isnull=True).update(
        invitation_sent_at=timezone.now()
    )
    if claimed and spec.invite:  # at most one invitation per job, whatever the retries
        admin_invitation_send_for_tenant(job.regency, email=spec.admin_email)


STEP_FUNCTIONS = {
    "schema": _step_schema,
    "catalogue": _step_catalogue,
    "branding": _step_branding,
    "search": _step_search,
    "admin": _step_admin,
    "billing": _step_billing,
    "activate": _step_activate,
    "invite": _step_invite,
}


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
