"""Finishing or discarding regencies a crash or a failure left half-made, and the periodic sweep
that finds the ones nobody is building any more. Schema: public -> tenant.

A half-made regency is `provisioning` or `failed`. Whether anybody is still building it is not
guessed from timestamps: every builder holds the regency's build lock (regencies.building) while
it works, and PostgreSQL drops the lock with a dead builder's connection. Resuming or discarding
takes the same lock, so neither ever races a creation that is still running (docs/adr/0016).

A regency made through onboarding is finished by its provisioning job (its template, branding,
admin and subscription); one made by the `create_regency` command or the console has no job and
is finished by cloning what is missing and activating it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import audit_record
from audit.models import AuditEntry
from regencies.building import regency_build_lock
from regencies.creation import (
    HALF_MADE,
    RegencyBuildError,
    RegencyError,
    regency_finish,
    regency_mark_failed,
)
from regencies.models import Regency, RegencyStatus
from regencies.provisioning_door import provisioning_jobs
from regencies.schemas import schema_drop
from regencies.selectors import regency_host_cache_clear
from satupintu.errors import DomainError

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

logger = logging.getLogger(__name__)

# The audit actions that mark progress in a regency's creation; a sweep counts its own resumes
# since the last of the others.
CREATION_ACTIONS = ("regency.register", "regency.resume", "regency.failed", "provisioning.retry")


def _busy(regency: Regency) -> RegencyError:
    return RegencyError(
        _(
            "%(name)s sedang dibuat oleh proses yang masih berjalan; tunggu sampai selesai, lalu "
            "muat ulang halaman ini."
        )
        % {"name": regency.name}
    )


def regency_resume(
    *,
    regency: Regency,
    actor: User | None,
    source: str,
    http_request: HttpRequest | None = None,
    background: bool = False,
) -> Regency:
    """Finish a half-made regency, whoever started it and however it stopped: now, in this
    process, or with `background` (a web request) a regency with a provisioning job on a worker,
    since its steps can take minutes. RegencyError when it is not half-made or a live process is
    building it; RegencyBuildError (the regency then `failed` with the reason) when finishing
    here fails."""
    with regency_build_lock(regency.code) as held:
        if not held:
            raise _busy(regency)
        return _resume_locked(
            Regency.objects.get(pk=regency.pk),
            actor=actor,
            source=source,
            request=http_request,
            background=background,
        )


def _resume_locked(
    regency: Regency,
    *,
    actor: User | None,
    source: str,
    request: HttpRequest | None = None,
    background: bool = False,
) -> Regency:
    if regency.status not in HALF_MADE:
        raise RegencyError(
            _("%(name)s tidak sedang dibuat (status: %(status)s); tidak ada yang dilanjutkan.")
            % {"name": regency.name, "status": regency.get_status_display()}
        )
    job = regency.provisioning_jobs.order_by("-created_at").first()
    audit_record(
        action="regency.resume",
        actor=actor,
        regency=regency,
        detail={"source": source, "status": regency.status, "job": job.pk if job else None},
        request=request,
    )
    if job is None:
        return regency_finish(regency=regency, actor=actor)
    if job.status == "done":
        raise RegencyBuildError(
            _("Pembuatan portal %(name)s tercatat selesai, tetapi portalnya tidak aktif.")
            % {"name": regency.name}
        )
    jobs = provisioning_jobs()
    jobs.reset(job=job)
    if background:
        job_id = job.pk
        transaction.on_commit(lambda: jobs.enqueue(job_id=job_id))
        regency.refresh_from_db()
        return regency
    jobs.run(job_id=job.pk)  # takes the build lock again: PostgreSQL counts the holds
    regency.refresh_from_db()
    if regency.status != RegencyStatus.ACTIVE:
        raise RegencyBuildError(
            _("Pembuatan portal %(name)s gagal: %(reason)s")
            % {"name": regency.name, "reason": regency.status_reason}
        )
    return regency


def regency_discard(
    *,
    regency: Regency,
    actor: User | None,
    http_request: HttpRequest | None = None,
) -> None:
    """Remove a half-made regency: its schema (whatever part of it exists), its row, domains and
    provisioning jobs, in one transaction. Its code and addresses are free again; an onboarding
    application that made it goes back to a draft its applicant can submit again."""
    with regency_build_lock(regency.code) as held:
        if not held:
            raise _busy(regency)
        current = Regency.objects.filter(pk=regency.pk).first()
        if current is None:
            return  # discarded meanwhile
        if current.status not in HALF_MADE:
            raise RegencyError(
                _(
                    "Hanya daerah yang gagal atau terhenti saat dibuat yang dapat dibuang; "
                    "%(name)s berstatus %(status)s."
                )
                % {"name": current.name, "status": current.get_status_display()}
            )
        hosts = list(current.domains.values_list("domain", flat=True))
        with transaction.atomic():
            audit_record(
                action="regency.discard",
                actor=actor,
                regency=current,
                detail={
                    "name": current.name,
                    "schema": current.schema_name,
                    "status": current.status,
                    "reason": current.status_reason[:500],
                    "domains": hosts,
                    "jobs": list(current.provisioning_jobs.values_list("pk", flat=True)),
                },
                request=http_request,
            )
            provisioning_jobs().applications_release(regency=current)
            schema_drop(current.schema_name)  # DDL is transactional in PostgreSQL
            current.delete()
        regency_host_cache_clear(*hosts)


@dataclass
class SweepReport:
    """What one sweep did, by regency code."""

    resumed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)


def regencies_stuck_recover(*, now: datetime | None = None) -> SweepReport:
    """Find regencies `provisioning` with no live builder and nothing done for longer than
    REGENCY_STUCK_AFTER_SECONDS; resume each, or mark it `failed` with the reason once
    REGENCY_STUCK_RESUME_ATTEMPTS resumes in a row did not finish it."""
    report = SweepReport()
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.REGENCY_STUCK_AFTER_SECONDS)
    for regency in Regency.objects.filter(
        status=RegencyStatus.PROVISIONING, created_at__lte=cutoff
    ).order_by("created_at"):
        if _last_progress(regency) > cutoff:
            continue
        with regency_build_lock(regency.code) as held:
            if not held:
                report.busy.append(regency.code)  # a live builder: not stuck, only slow
                continue
            _sweep_one(Regency.objects.get(pk=regency.pk), report)
    if report.resumed or report.failed:
        logger.warning("stuck regencies: %s", report)
    return report


def _sweep_one(regency: Regency, report: SweepReport) -> None:
    if regency.status != RegencyStatus.PROVISIONING:
        return  # finished or failed while we waited for the lock
    attempts = _sweep_resumes_in_a_row(regency)
    if attempts >= settings.REGENCY_STUCK_RESUME_ATTEMPTS:
        _give_up(regency, attempts)
        report.failed.append(regency.code)
        return
    try:
        _resume_locked(regency, actor=None, source="sweep")
    except DomainError:
        logger.exception("resuming stuck regency %s failed", regency.code)
        report.failed.append(regency.code)
    else:
        report.resumed.append(regency.code)


def _give_up(regency: Regency, attempts: int) -> None:
    reason = _(
        "Pembuatan terhenti tanpa proses yang mengerjakannya dan sudah %(n)d kali dilanjutkan "
        "otomatis tanpa selesai. Ulangi atau buang daerah ini di konsol operator."
    ) % {"n": attempts}
    job = regency.provisioning_jobs.order_by("-created_at").first()
    if job is not None and job.status != "done":
        provisioning_jobs().fail(job=job, reason=reason)
    else:
        regency_mark_failed(regency=regency, reason=reason)


def _last_progress(regency: Regency) -> datetime:
    """When the regency's creation last moved: registered, resumed, retried, or a job's step."""
    moments = [regency.created_at]
    audited = AuditEntry.objects.filter(regency=regency, action__in=CREATION_ACTIONS).aggregate(
        last=Max("created_at")
    )["last"]
    jobs = regency.provisioning_jobs.aggregate(last=Max("heartbeat_at"))["last"]
    moments += [m for m in (audited, jobs) if m is not None]
    return max(moments)


def _sweep_resumes_in_a_row(regency: Regency) -> int:
    entries = AuditEntry.objects.filter(regency=regency, action__in=CREATION_ACTIONS).order_by(
        "-created_at", "-id"
    )
    count = 0
    for action, detail in entries.values_list("action", "detail")[:50]:
        if action != "regency.resume" or detail.get("source") != "sweep":
            break
        count += 1
    return count
