"""The operators' dashboard: regencies by status, the onboarding funnel, provisioning times.
Schema: public."""

from __future__ import annotations

import statistics
from typing import Any

from django.db.models import Count


def operator_dashboard() -> dict[str, Any]:
    from accounts.models import User
    from billing.models import BillingState, Subscription
    from onboarding.models import Application, ApplicationStatus, JobStatus, ProvisioningJob
    from regencies.models import Regency, RegencyStatus

    by_status = dict(Regency.objects.values_list("status").annotate(n=Count("id")))
    by_billing = dict(Subscription.objects.values_list("state").annotate(n=Count("id")))
    recent = (
        ProvisioningJob.objects.filter(status=JobStatus.DONE)
        .order_by("-finished_at")
        .only("started_at", "finished_at")[:200]
    )
    durations = sorted(d for job in recent if (d := job.duration_seconds) is not None)
    return {
        "regencies_by_status": [
            (label, by_status.get(value, 0)) for value, label in RegencyStatus.choices
        ],
        "regencies_by_billing": [
            (label, by_billing.get(value, 0)) for value, label in BillingState.choices
        ],
        "funnel": [
            ("signed_up", User.objects.filter(is_staff=False).count()),
            (
                "wizard_finished",
                Application.objects.exclude(
                    status__in=[ApplicationStatus.DRAFT, ApplicationStatus.CANCELLED]
                ).count(),
            ),
            ("provisioned", Application.objects.filter(status=ApplicationStatus.DONE).count()),
            ("paying", by_billing.get(BillingState.ACTIVE, 0)),
        ],
        "provisioning": {
            "count": len(durations),
            "median": statistics.median(durations) if durations else None,
            "p90": durations[int(0.9 * (len(durations) - 1))] if durations else None,
            "max": durations[-1] if durations else None,
            "failed": ProvisioningJob.objects.filter(status=JobStatus.FAILED).count(),
        },
    }
