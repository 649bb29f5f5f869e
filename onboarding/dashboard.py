"""Onboarding's figures on the operators' dashboard: applications that finished the wizard or
were provisioned, and how long provisioning took (provided to regencies.dashboard at start-up).
Schema: public.
"""

from __future__ import annotations

import statistics
from typing import Any

from onboarding.models import Application, ApplicationStatus, JobStatus, ProvisioningJob


def onboarding_figures() -> dict[str, Any]:
    recent = (
        ProvisioningJob.objects.filter(status=JobStatus.DONE)
        .order_by("-finished_at")
        .only("started_at", "finished_at")[:200]
    )
    durations = sorted(d for job in recent if (d := job.duration_seconds) is not None)
    return {
        "wizard_finished": Application.objects.exclude(
            status__in=[ApplicationStatus.DRAFT, ApplicationStatus.CANCELLED]
        ).count(),
        "provisioned": Application.objects.filter(status=ApplicationStatus.DONE).count(),
        "provisioning": {
            "count": len(durations),
            "median": statistics.median(durations) if durations else None,
            "p90": durations[int(0.9 * (len(durations) - 1))] if durations else None,
            "max": durations[-1] if durations else None,
            "failed": ProvisioningJob.objects.filter(status=JobStatus.FAILED).count(),
        },
    }
