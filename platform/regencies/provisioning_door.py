"""What the platform's console and recovery ask of onboarding's provisioning jobs: retry a job,
reset, enqueue or run it, mark it failed, and release the applications of a discarded regency.

Onboarding sits above the platform and owns the jobs, so it provides these when Django starts
(OnboardingConfig.ready calls `provisioning_jobs_provide`); the platform reaches the jobs through
the `provisioning_jobs` relation and this module, never by importing onboarding (docs/adr/0027).
Schema: public.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class ProvisioningJobs:
    retry: Callable[..., Any]  # (*, job, actor) -> job: run a failed or stuck job again
    reset: Callable[..., None]  # (*, job): runnable again from its first unfinished step
    enqueue: Callable[..., None]  # (*, job_id): on a worker
    run: Callable[..., str]  # (*, job_id) -> final status, "busy" or "gone"
    fail: Callable[..., None]  # (*, job, reason)
    applications_release: Callable[..., None]  # (*, regency): back to drafts
    # (*, request, template, admin_email, publish) -> regency: the wizard's adoption, from a command
    create_from_template: Callable[..., Any] | None = None


_provided: list[ProvisioningJobs] = []


def provisioning_jobs_provide(jobs: ProvisioningJobs) -> None:
    _provided[:] = [jobs]


def provisioning_jobs() -> ProvisioningJobs:
    if not _provided:
        raise ImproperlyConfigured(
            "No app provides the provisioning jobs (is onboarding installed?)"
        )
    return _provided[0]
