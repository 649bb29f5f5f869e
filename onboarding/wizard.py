"""The onboarding wizard's server-side state: saving each step, going back without losing input,
and submitting exactly once. Schema: public.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from onboarding.models import ACTIVE_APPLICATION, Application, ApplicationStatus, ProvisioningJob
from onboarding.provisioning import ProvisioningSpec, provisioning_start
from regencies.actions import RegencyError, RegencyRequest
from regencies.models import Regency
from regencies.selectors import domain_is_taken
from regencies.validation import subdomain_host, suggest_subdomain
from satupintu.errors import DomainError

STEPS = [
    (1, "regency", gettext_noop("Daerah")),
    (2, "address", gettext_noop("Alamat portal")),
    (3, "branding", gettext_noop("Tampilan")),
    (4, "template", gettext_noop("Templat")),
    (5, "review", gettext_noop("Instansi dan loket")),
    (6, "plan", gettext_noop("Paket")),
    (7, "confirm", gettext_noop("Konfirmasi")),
]
LAST_STEP = len(STEPS)


class ApplicationError(DomainError):
    code = "application_invalid"


def application_current(*, user) -> Application:
    """The applicant's application in progress (any device), or a new one."""
    application = (
        Application.objects.filter(applicant=user)
        .exclude(status=ApplicationStatus.CANCELLED)
        .order_by("-updated_at")
        .first()
    )
    if application is None:
        # get_full_name() falls back to the e-mail, which is not a name to pre-fill.
        name = user.get_full_name()
        application = Application.objects.create(
            applicant=user, applicant_name="" if name == user.email else name
        )
    return application


def application_draft_store(*, application: Application, step: int, data: QueryDict) -> None:
    """Keep what was typed on a step, valid or not, so Back never loses input. A field posted
    several times (the template step's ticked parts) keeps all its values, not only the last."""
    drafts = dict(application.drafts)
    drafts[str(step)] = {
        k: values if len(values) > 1 else values[0]
        for k, values in data.lists()
        if k not in ("csrfmiddlewaretoken", "back", "next") and values
    }
    Application.objects.filter(pk=application.pk).update(drafts=drafts)
    application.drafts = drafts


def application_step_save(
    *, application: Application, step: int, values: dict[str, Any]
) -> Application:
    """Store a step's validated values and move on to the next step (one save)."""
    next_step = max(application.step, min(step + 1, LAST_STEP))
    return application_fields_save(application=application, values={**values, "step": next_step})


def application_fields_save(*, application: Application, values: dict[str, Any]) -> Application:
    """Store values without moving on (a plan paid by card waits for the checkout)."""
    if application.status != ApplicationStatus.DRAFT:
        raise ApplicationError(_("Pendaftaran ini sudah diajukan dan tidak dapat diubah lagi."))
    for name, value in values.items():
        setattr(application, name, value)
    application.save()
    return application


def step_allowed(*, application: Application, step: int) -> bool:
    """A step is reachable once every step before it has been saved."""
    return 1 <= step <= application.step


def kabkota_unavailable_reason(*, kabkota, application: Application | None = None) -> str:
    """Why this kab/kota cannot be chosen, or an empty string."""
    if Regency.objects.filter(code=kabkota.code).exists():
        return _("%(name)s sudah memiliki portal SatuPintu.") % {"name": kabkota.name}
    pending = Application.objects.filter(kabkota=kabkota, status__in=ACTIVE_APPLICATION)
    if application is not None:
        pending = pending.exclude(pk=application.pk)
    if pending.exists():
        return _("%(name)s sedang didaftarkan oleh pemohon lain.") % {"name": kabkota.name}
    return ""


def subdomain_unavailable_reason(*, subdomain: str, application: Application | None = None) -> str:
    if domain_is_taken(subdomain_host(subdomain)):
        return _("Subdomain '%(value)s' sudah dipakai.") % {"value": subdomain}
    others = Application.objects.filter(Q(subdomain=subdomain), status__in=ACTIVE_APPLICATION)
    if application is not None:
        others = others.exclude(pk=application.pk)
    if others.exists():
        return _("Subdomain '%(value)s' sedang dipakai oleh pendaftaran lain.") % {
            "value": subdomain
        }
    return ""


def subdomain_suggestion(*, application: Application) -> str:
    if application.kabkota is None:
        return ""
    base = suggest_subdomain(application.kabkota.name)
    candidates = [
        base,
        f"{'kota' if application.kabkota.kind == 'kota' else 'kab'}{base}".replace("-", ""),
    ]
    for candidate in candidates:
        if not subdomain_unavailable_reason(subdomain=candidate, application=application):
            return candidate
    return ""


@transaction.atomic
def application_submit(*, application: Application, actor, http_request=None) -> ProvisioningJob:
    """Start provisioning once. A second click, or a second tab, finds the job already there;
    two applicants racing for one regency or address: the database decides, the loser is told."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.DRAFT:
        job = locked.jobs.order_by("-created_at").first()
        if job is None:
            raise ApplicationError(_("Pendaftaran ini sudah diajukan."))
        return job
    if locked.step < LAST_STEP or locked.kabkota is None or not locked.subdomain:
        raise ApplicationError(_("Lengkapi semua langkah sebelum mengajukan."))
    if locked.billing_collection == "card" and not locked.checkout_completed_at:
        raise ApplicationError(
            _("Selesaikan pembayaran kartu di langkah Paket sebelum mengajukan.")
        )
    request = RegencyRequest(
        code=locked.kabkota.code,
        subdomain=locked.subdomain,
        brand_name=locked.brand_name,
        custom_domains=(locked.custom_domain,) if locked.custom_domain else (),
    )
    spec = ProvisioningSpec(
        admin_email=locked.applicant.email,
        admin_name=locked.applicant_name,
        brand_name=locked.brand_name,
        primary_color=locked.primary_color,
        accent_color=locked.accent_color,
        logo_name=(locked.logo.name or "") if locked.logo else "",
        template_version_id=locked.template_version_id,
        parts=list(locked.parts),
        review=locked.review,
        plan_code=locked.plan,
        interval=locked.billing_interval,
        collection=locked.billing_collection,
        stripe_customer_id=locked.stripe_customer_id,
        stripe_subscription_id=locked.stripe_subscription_id,
    )
    try:
        with transaction.atomic():
            locked.status = ApplicationStatus.SUBMITTED
            locked.save(update_fields=["status", "updated_at"])
            return provisioning_start(
                request=request,
                spec=spec,
                application=locked,
                actor=actor,
                http_request=http_request,
            )
    except (RegencyError, IntegrityError) as exc:
        message = (
            str(exc)
            if isinstance(exc, RegencyError)
            else _("%(name)s baru saja didaftarkan oleh pemohon lain.")
            % {"name": locked.kabkota.name}
        )
        raise ApplicationError(message) from exc
