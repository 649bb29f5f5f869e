"""The local demo: three regencies provisioned through the onboarding path from the curated
templates, and an operator. Schema: public -> tenant (through onboarding's actions).
"""

from __future__ import annotations

import contextlib
import secrets

from django.conf import settings

from accounts.models import User
from onboarding.seeding import demo_admin_password_set_for_tenant
from regencies.creation import HALF_MADE, RegencyRequest
from regencies.models import Regency, RegencyStatus
from regencies.recovery import regency_resume
from satupintu.errors import DomainError

DEMO_REGENCIES = [
    (RegencyRequest(code="51.03", subdomain="badung", brand_name="MPP TRUST"), "badung"),
    (RegencyRequest(code="73.12", subdomain="soppeng", brand_name="Mappatabe"), "soppeng"),
    (RegencyRequest(code="32.73", subdomain="bandung", brand_name="MPP Kota Bandung"), "bandung"),
]
DEMO_OPERATOR_EMAIL = "operator@satupintu.localhost"
# The demo shows everything the product does: the plan with the queue and complaints modules.
DEMO_PLAN = "lengkap"


def _credentials_file():
    return settings.DATA_DIR / "demo-operator.txt"


def demo_password() -> str:
    path = _credentials_file()
    if path.exists():
        return path.read_text().split("\n")[1].strip()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{DEMO_OPERATOR_EMAIL}\n{password}\n")
    path.chmod(0o600)
    return password


def demo_operator_ensure(password: str) -> None:
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email=DEMO_OPERATOR_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(email=DEMO_OPERATOR_EMAIL, password=password)
    elif not user.check_password(password):
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def _demo_billing_ids(regency: Regency, subdomain: str) -> None:
    """Without Stripe, the demo's trial subscriptions get stable ids that signed test events can
    name (README: billing drill). With Stripe configured they already have real ids."""
    from billing.models import Subscription

    Subscription.objects.filter(regency=regency, stripe_subscription_id="").update(
        stripe_customer_id=f"cus_demo_{subdomain}", stripe_subscription_id=f"sub_demo_{subdomain}"
    )


def _demo_plan_ensure(regency: Regency) -> None:
    """A demo regency made by an earlier version (on "standar") moves to the demo's plan."""
    from billing.models import Plan, Subscription

    plan = Plan.objects.filter(code=DEMO_PLAN).first()
    if plan is not None:
        Subscription.objects.filter(regency=regency).exclude(plan=plan).update(plan=plan)


def _demo_queues_ensure_for_tenant(regency: Regency) -> None:
    """The demo's MPP building gets its starter queues (from its counters), so the kiosk, the
    booking and the counter panel work from the first `make run`."""
    from django_tenants.utils import tenant_context

    from catalogue.selectors import location_main
    from queueing.starter import queues_starter_ensure

    with tenant_context(regency):
        location = location_main()
        if location is not None:
            queues_starter_ensure(location=location)


def _demo_admin_email(request: RegencyRequest) -> str:
    return f"admin@{request.subdomain}.{settings.PLATFORM_BASE_DOMAIN}"


def _demo_regency_ensure(request: RegencyRequest, template_name: str, *, stdout) -> Regency | None:
    """The demo regency of `request`, provisioned through onboarding if it does not exist, and
    finished if an earlier run was killed while making it."""
    from onboarding.library import template_latest_version
    from onboarding.models import Template
    from onboarding.provisioning import (
        PARTS,
        ProvisioningSpec,
        provisioning_run,
        provisioning_start,
    )

    regency = Regency.objects.filter(code=request.code).first()
    if regency is not None and regency.status in HALF_MADE:
        try:
            regency = regency_resume(regency=regency, actor=None, source="demo")
        except DomainError as exc:
            stdout.write(f"Portal demo {regency.name} belum selesai dibuat: {exc}")
            return None
        stdout.write(f"Portal demo diselesaikan: {regency.name} ({regency.code})")
    if regency is not None:
        return regency
    version = template_latest_version(template=Template.objects.get(slug=f"model-{template_name}"))
    assert version is not None, "seed_templates_ensure publishes the curated templates"
    # The template's colours where it has them, else the spec's defaults.
    branding = version.document.get("branding", {})
    colours = {k: branding[k] for k in ("primary_color", "accent_color") if k in branding}
    job = provisioning_start(
        request=request,
        spec=ProvisioningSpec(
            admin_email=_demo_admin_email(request),
            brand_name=request.brand_name,
            **colours,
            template_version_id=version.pk,
            parts=list(PARTS),  # every part, the contact details too
            pages_live=True,
            invite=False,
            plan_code=DEMO_PLAN,
        ),
        enqueue=False,
    )
    status = provisioning_run(job_id=job.pk)
    regency = Regency.objects.get(pk=job.regency_id)
    stdout.write(f"Portal demo dibuat: {regency.name} ({regency.code}): {status}")
    return regency


def demo_seed(*, stdout) -> None:
    from onboarding.library import seed_templates_ensure

    password = demo_password()
    seed_templates_ensure()
    for request, template_name in DEMO_REGENCIES:
        regency = _demo_regency_ensure(request, template_name, stdout=stdout)
        if regency is None or regency.status != RegencyStatus.ACTIVE:
            continue
        # Every run, not only the first: a run killed after the portal was built but before
        # these lines would otherwise leave an admin nobody knows the password of.
        with contextlib.suppress(User.DoesNotExist):
            demo_admin_password_set_for_tenant(
                regency, email=_demo_admin_email(request), password=password
            )
        _demo_billing_ids(regency, request.subdomain)
        _demo_plan_ensure(regency)
        _demo_queues_ensure_for_tenant(regency)
    demo_operator_ensure(password)
    port = settings.PLATFORM_PORT or "8000"
    base = settings.PLATFORM_BASE_DOMAIN
    stdout.write("")
    stdout.write("SatuPintu siap / is ready:")
    stdout.write(f"  Platform          http://{base}:{port}/")
    stdout.write(f"  Konsol operator   http://{base}:{port}/console/  ({DEMO_OPERATOR_EMAIL})")
    for request, _template in DEMO_REGENCIES:
        stdout.write(f"  Portal            http://{request.subdomain}.{base}:{port}/")
        admin = f"admin@{request.subdomain}.{base}"
        stdout.write(
            f"    admin           http://{request.subdomain}.{base}:{port}/admin/  ({admin})"
        )
    stdout.write(f"  Kata sandi demo   {password}   (operator dan semua admin demo)")
    stdout.write(
        f"  Webhook Stripe    http://{base}:{port}/billing/stripe/webhook/  "
        f"(rahasia {settings.STRIPE_WEBHOOK_SECRET})"
    )
    stdout.write("")
