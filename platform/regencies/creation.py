"""Creating a regency: validating the request, registering its row and domains, cloning its
schema, checking it and activating it; finishing one a crash left half-made. Only the
`_for_tenant` functions cross into a regency's schema. Schema: public -> tenant.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from audit.actions import audit_record
from regencies.building import pause_point, regency_build_lock
from regencies.models import Domain, DomainKind, Regency, RegencyStatus
from regencies.schemas import schema_clone_from_base, schema_drop, schema_problems
from regencies.selectors import regency_host_cache_clear
from regencies.validation import (
    subdomain_host,
    validate_custom_domain,
    validate_subdomain,
)
from regions.selectors import kabkota_get, time_zone_for_code
from satupintu.errors import DomainError
from satupintu.portal_door import portal_identity_set_for_tenant

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

logger = logging.getLogger(__name__)


class RegencyError(DomainError):
    code = "regency_invalid"


class RegencyBuildError(DomainError):
    code = "regency_build_failed"


# A regency whose creation has not finished: still being built (or its builder died), or failed.
HALF_MADE = (RegencyStatus.PROVISIONING, RegencyStatus.FAILED)


@dataclass(frozen=True)
class RegencyRequest:
    code: str
    subdomain: str
    brand_name: str = ""
    custom_domains: tuple[str, ...] = ()
    time_zone: str = ""


def schema_name_for_code(code: str) -> str:
    return "r_" + code.replace(".", "_")


def regency_validate(*, request: RegencyRequest) -> dict:
    """Check a creation request against reference data and existing regencies; raise RegencyError
    listing every problem, or return the cleaned values."""
    problems: list[str] = []
    cleaned: dict = {}
    kabkota = kabkota_get(code=request.code.strip())
    if kabkota is None:
        problems.append(
            _("Kode %(code)s tidak ada di data wilayah Kemendagri.") % {"code": request.code}
        )
    else:
        cleaned["kabkota"] = kabkota
        existing = Regency.objects.filter(code=kabkota.code).first()
        if existing is not None and existing.status in HALF_MADE:
            problems.append(half_made_message(existing))
        elif existing is not None:
            problems.append(
                _("%(name)s (%(code)s) sudah memiliki portal SatuPintu.")
                % {"name": existing.name, "code": existing.code}
            )
    try:
        subdomain = validate_subdomain(request.subdomain)
        host = subdomain_host(subdomain)
        holder = Domain.objects.filter(domain=host).select_related("tenant").first()
        if holder is not None and holder.tenant.status in HALF_MADE:
            if holder.tenant.code != request.code.strip():  # else said above, about the code
                problems.append(
                    _("Subdomain '%(value)s' dipakai oleh daerah yang belum selesai dibuat.")
                    % {"value": subdomain}
                )
                problems.append(half_made_message(holder.tenant))
        elif holder is not None:
            problems.append(_("Subdomain '%(value)s' sudah dipakai.") % {"value": subdomain})
        cleaned["hosts"] = [(host, DomainKind.SUBDOMAIN)]
    except ValidationError as exc:
        problems.extend(exc.messages)
    seen = set()
    for raw in request.custom_domains:
        try:
            host = validate_custom_domain(raw)
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        if host in seen or Domain.objects.filter(domain=host).exists():
            problems.append(_("Domain '%(value)s' sudah dipakai.") % {"value": host})
        seen.add(host)
        cleaned.setdefault("hosts", []).append((host, DomainKind.CUSTOM))
    if request.time_zone and request.time_zone not in dict(
        Regency._meta.get_field("time_zone").choices
    ):
        problems.append(_("Zona waktu '%(tz)s' tidak dikenal.") % {"tz": request.time_zone})
    if problems:
        raise RegencyError("\n".join(problems))
    return cleaned


def half_made_message(regency: Regency) -> str:
    """What to do about a regency a crash or a failure left half-made, for whoever asks for its
    code or address again."""
    values = {
        "name": regency.name,
        "code": regency.code,
        "status": regency.get_status_display().lower(),
        "subdomain": _subdomain_of(regency),
    }
    if regency.provisioning_jobs.exists():
        return (
            _(
                "%(name)s (%(code)s) sedang dibuat melalui pendaftaran daerah dan belum selesai "
                "(%(status)s). Lanjutkan atau buang pembuatan itu di konsol operator "
                "(Daerah › %(name)s); setelah dibuang, kode dan alamatnya dapat dipakai lagi."
            )
            % values
        )
    return (
        _(
            "%(name)s (%(code)s) belum selesai dibuat (%(status)s). Untuk menyelesaikannya, "
            "ulangi permintaan yang sama (kode %(code)s, subdomain %(subdomain)s). Untuk memakai "
            "kode atau alamat ini dengan cara lain, buang dulu daerah yang setengah jadi itu di "
            "konsol operator (Daerah › %(name)s › Buang)."
        )
        % values
    )


def _subdomain_of(regency: Regency) -> str:
    from django.conf import settings

    host = regency.domains.filter(kind=DomainKind.SUBDOMAIN).values_list("domain", flat=True)
    return next(iter(host), "").removesuffix(f".{settings.PLATFORM_BASE_DOMAIN}")


def regency_register(
    *, request: RegencyRequest, actor: User | None = None, http_request: HttpRequest | None = None
) -> Regency:
    """Write the regency row (status provisioning) and its domains; no schema yet."""
    cleaned = regency_validate(request=request)
    kabkota = cleaned["kabkota"]
    try:
        with transaction.atomic():
            regency = Regency.objects.create(
                schema_name=schema_name_for_code(kabkota.code),
                name=kabkota.name,
                code=kabkota.code,
                brand_name=request.brand_name.strip(),
                status=RegencyStatus.PROVISIONING,
                time_zone=request.time_zone or time_zone_for_code(kabkota.code),
            )
            for index, (host, kind) in enumerate(cleaned["hosts"]):
                Domain.objects.create(tenant=regency, domain=host, kind=kind, is_primary=index == 0)
            audit_record(
                action="regency.register",
                actor=actor,
                regency=regency,
                detail={"domains": [h for h, _k in cleaned["hosts"]]},
                request=http_request,
            )
    except IntegrityError as exc:
        # Two requests raced past validation: the database's unique constraints decided.
        constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", "") or ""
        if "domain" in constraint:
            hosts = ", ".join(h for h, _k in cleaned["hosts"])
            message = _("Alamat %(hosts)s baru saja dipakai oleh pendaftaran lain.") % {
                "hosts": hosts
            }
        else:
            message = _("%(name)s baru saja didaftarkan oleh pemohon lain.") % {
                "name": kabkota.name
            }
        raise RegencyError(message) from exc
    regency_host_cache_clear(*(h for h, _k in cleaned["hosts"]))
    return regency


def regency_schema_ensure(*, regency: Regency) -> bool:
    """Make the regency's schema a whole copy of the base schema; True when it was copied now.

    The copy is one transaction, so a crash leaves no schema or a whole one; a schema found
    incomplete all the same (edited by hand, a migration that failed) is dropped and copied again.
    Only for a regency still being created: the copy replaces whatever the schema held.
    """
    name = regency.schema_name
    if schema_exists(name):
        problems = schema_problems(name)
        if not problems:
            return False
        logger.warning("schema %s is incomplete (%s); copying it again", name, problems[:3])
        schema_drop(name)
    schema_clone_from_base(name)
    return True


def regency_build(*, regency: Regency, actor: User | None = None) -> Regency:
    """Clone the base schema for a registered regency and set its portal up; `failed` on error."""
    created_schema = False
    try:
        created_schema = regency_schema_ensure(regency=regency)
        portal_setup_for_tenant(regency)
    except Exception as exc:
        logger.exception("building regency %s failed", regency.code)
        if created_schema:
            try:
                schema_drop(regency.schema_name)
            except Exception:  # the original failure is the one worth reporting
                logger.exception("could not drop the half-made schema %s", regency.schema_name)
        regency_mark_failed(regency=regency, reason=f"{type(exc).__name__}: {exc}", actor=actor)
        raise RegencyBuildError(
            _("Pembuatan portal %(name)s gagal: %(reason)s") % {"name": regency.name, "reason": exc}
        ) from exc
    return regency


def regency_activate(*, regency: Regency, actor: User | None = None) -> Regency:
    """Open the portal, only once its schema is whole (RegencyBuildError otherwise)."""
    problems = schema_problems(regency.schema_name)
    if problems:
        raise RegencyBuildError(
            _("Skema %(schema)s belum lengkap, portal tidak diaktifkan: %(problems)s")
            % {"schema": regency.schema_name, "problems": "; ".join(problems[:5])}
        )
    Regency.objects.filter(pk=regency.pk).update(
        status=RegencyStatus.ACTIVE, status_reason="", activated_at=timezone.now()
    )
    regency.refresh_from_db()
    audit_record(action="regency.activate", actor=actor, regency=regency)
    regency_hosts_clear(regency)
    return regency


def regency_mark_failed(*, regency: Regency, reason: str, actor: User | None = None) -> None:
    Regency.objects.filter(pk=regency.pk).update(
        status=RegencyStatus.FAILED, status_reason=reason[:2000]
    )
    regency.status = RegencyStatus.FAILED
    regency.status_reason = reason[:2000]
    audit_record(
        action="regency.failed", actor=actor, regency=regency, detail={"reason": reason[:500]}
    )
    regency_hosts_clear(regency)


def regency_create(
    *, request: RegencyRequest, actor: User | None = None, http_request: HttpRequest | None = None
) -> Regency:
    """Register, build and activate a regency in one go (operators' command and console, tests).

    Runs under the regency's build lock, taken before its row exists. The same request again
    (same code and addresses) finishes a regency that a crash or a failure left half-made.
    """
    code = request.code.strip()
    with regency_build_lock(code) as held:
        if not held:
            raise RegencyError(
                _(
                    "Portal dengan kode %(code)s sedang dibuat oleh proses lain; tunggu sampai "
                    "selesai, lalu periksa hasilnya di konsol operator."
                )
                % {"code": code}
            )
        regency = _half_made_by_same_request(request)
        if regency is not None:
            audit_record(
                action="regency.resume",
                actor=actor,
                regency=regency,
                detail={"source": "create", "status": regency.status},
                request=http_request,
            )
        else:
            regency = regency_register(request=request, actor=actor, http_request=http_request)
            pause_point("registered")
        return regency_finish(regency=regency, actor=actor)


def regency_finish(*, regency: Regency, actor: User | None = None) -> Regency:
    """Build what is missing of a regency without a provisioning job, check it and activate it.

    The caller holds the regency's build lock. A failed regency is tried again; any failure leaves
    it `failed` with the reason.
    """
    if regency.status == RegencyStatus.FAILED:
        Regency.objects.filter(pk=regency.pk).update(
            status=RegencyStatus.PROVISIONING, status_reason=""
        )
        regency.status, regency.status_reason = RegencyStatus.PROVISIONING, ""
        regency_hosts_clear(regency)
    regency_build(regency=regency, actor=actor)
    pause_point("cloned")
    try:
        return regency_activate(regency=regency, actor=actor)
    except RegencyBuildError as exc:
        regency_mark_failed(regency=regency, reason=str(exc), actor=actor)
        raise


def _half_made_by_same_request(request: RegencyRequest) -> Regency | None:
    """The half-made regency this request made before (same code, subdomain and custom domains,
    no provisioning job), with the request's brand name and time zone applied; else None."""
    regency = Regency.objects.filter(code=request.code.strip(), status__in=HALF_MADE).first()
    if regency is None or regency.provisioning_jobs.exists():
        return None
    try:
        wanted = {(subdomain_host(validate_subdomain(request.subdomain)), DomainKind.SUBDOMAIN)}
        wanted |= {(validate_custom_domain(d), DomainKind.CUSTOM) for d in request.custom_domains}
    except ValidationError:
        return None
    if set(regency.domains.values_list("domain", "kind")) != wanted:
        return None
    changes = {}
    if request.brand_name.strip() and request.brand_name.strip() != regency.brand_name:
        changes["brand_name"] = request.brand_name.strip()
    if request.time_zone in dict(Regency._meta.get_field("time_zone").choices or []):
        changes["time_zone"] = request.time_zone
    if changes:
        Regency.objects.filter(pk=regency.pk).update(**changes)
        regency.refresh_from_db()
    return regency


def regency_hosts_clear(regency: Regency, *extra: str) -> None:
    """Forget the cached host lookups of the regency's domains (and of `extra` hosts)."""
    hosts = list(Domain.objects.filter(tenant_id=regency.pk).values_list("domain", flat=True))
    regency_host_cache_clear(*hosts, *extra)


def portal_setup_for_tenant(regency: Regency) -> None:
    """Point the new schema's Wagtail site at the regency's host and name its home page."""
    portal_identity_set_for_tenant(
        schema_name=regency.schema_name,
        hostname=regency.primary_hostname() or "",
        port=site_port(),
        regency_name=regency.name,
        brand_name=regency.display_brand,
    )


def site_port() -> int:
    from django.conf import settings

    if settings.PLATFORM_PORT and settings.PLATFORM_PORT.isdigit():
        return int(settings.PLATFORM_PORT)
    return 443 if settings.PLATFORM_URL_SCHEME == "https" else 80
