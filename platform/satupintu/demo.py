"""The local demo's data: three regencies and an operator. Schema: public -> tenant."""

from __future__ import annotations

import secrets

from django.conf import settings

from accounts.models import User
from regencies.actions import RegencyRequest, regency_create
from regencies.models import Regency

DEMO_REGENCIES = [
    RegencyRequest(code="51.03", subdomain="badung", brand_name="MPP TRUST"),
    RegencyRequest(code="73.12", subdomain="soppeng", brand_name="Mappatabe"),
    RegencyRequest(code="32.73", subdomain="bandung", brand_name="MPP Kota Bandung"),
]
DEMO_OPERATOR_EMAIL = "operator@satupintu.localhost"


def _credentials_file():
    return settings.DATA_DIR / "demo-operator.txt"


def demo_operator_ensure() -> tuple[str, str]:
    path = _credentials_file()
    if path.exists() and User.objects.filter(email=DEMO_OPERATOR_EMAIL).exists():
        email, password = path.read_text().split("\n", 1)
        return email.strip(), password.strip()
    password = secrets.token_urlsafe(12)
    user = User.objects.filter(email=DEMO_OPERATOR_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(email=DEMO_OPERATOR_EMAIL, password=password)
    else:
        user.set_password(password)
        user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{DEMO_OPERATOR_EMAIL}\n{password}\n")
    path.chmod(0o600)
    return DEMO_OPERATOR_EMAIL, password


def demo_seed(*, stdout) -> None:
    from onboarding.seeding import seed_template_document, template_apply_for_tenant

    for request in DEMO_REGENCIES:
        if not Regency.objects.filter(code=request.code).exists():
            regency = regency_create(request=request)
            template_apply_for_tenant(regency, document=seed_template_document(request.subdomain))
            stdout.write(f"Portal demo dibuat: {regency.name} ({regency.code})")
    email, password = demo_operator_ensure()
    port = settings.PLATFORM_PORT or "8000"
    base = settings.PLATFORM_BASE_DOMAIN
    stdout.write("")
    stdout.write("SatuPintu siap / is ready:")
    stdout.write(f"  Platform        http://{base}:{port}/")
    stdout.write(f"  Konsol operator http://{base}:{port}/console/")
    stdout.write(f"     email        {email}")
    stdout.write(f"     kata sandi   {password}")
    for request in DEMO_REGENCIES:
        stdout.write(f"  Portal          http://{request.subdomain}.{base}:{port}/")
    stdout.write("")
