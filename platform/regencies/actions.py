"""Creating, suspending and re-addressing regencies; only the `_for_tenant` functions cross into a
regency's schema. Schema: public -> tenant.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from audit.actions import audit_record
from regencies.models import Domain, DomainKind, Regency, RegencyStatus
from regencies.schemas import schema_clone_from_base, schema_drop
from regencies.selectors import regency_host_cache_clear
from regencies.validation import (
    subdomain_host,
    validate_custom_domain,
    validate_subdomain,
)
from regions.selectors import kabkota_get, time_zone_for_code
from satupintu.errors import DomainError

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

logger = logging.getLogger(__name__)


class RegencyError(DomainError):
    code = "regency_invalid"


class RegencyBuildError(DomainError):
    code = "regency_build_failed"


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
        if existing is not None:
            problems.append(
                _("%(name)s (%(code)s) sudah memiliki portal SatuPintu.")
                % {"name": existing.name, "code": existing.code}
            )
    try:
        subdomain = validate_subdomain(request.subdomain)
        host = subdomain_host(subdomain)
        if Domain.objects.filter(domain=host).exists():
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


def regency_build(*, regency: Regency, actor: User | None = None) -> Regency:
    """Clone the base schema for a registered regency and set its portal up; `failed` on error."""
    created_schema = False
    try:
        if not schema_exists(regency.schema_name):
            schema_clone_from_base(regency.schema_name)
            created_schema = True
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
    Regency.objects.filter(pk=regency.pk).update(
        status=RegencyStatus.ACTIVE, status_reason="", activated_at=timezone.now()
    )
    regency.refresh_from_db()
    audit_record(action="regency.activate", actor=actor, regency=regency)
    _clear_hosts(regency)
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
    _clear_hosts(regency)


def regency_create(
    *, request: RegencyRequest, actor: User | None = None, http_request: HttpRequest | None = None
) -> Regency:
    """Register, build and activate a regency in one go (operators' command, tests, demo)."""
    regency = regency_register(request=request, actor=actor, http_request=http_request)
    regency_build(regency=regency, actor=actor)
    return regency_activate(regency=regency, actor=actor)


def regency_suspend(
    *,
    regency: Regency,
    actor: User | None,
    reason: str = "",
    http_request: HttpRequest | None = None,
) -> Regency:
    if regency.status != RegencyStatus.ACTIVE:
        raise RegencyError(_("Hanya daerah yang aktif yang dapat ditangguhkan."))
    Regency.objects.filter(pk=regency.pk).update(
        status=RegencyStatus.SUSPENDED, status_reason=reason, suspended_at=timezone.now()
    )
    regency.refresh_from_db()
    audit_record(
        action="regency.suspend",
        actor=actor,
        regency=regency,
        detail={"reason": reason},
        request=http_request,
    )
    _clear_hosts(regency)
    return regency


def regency_reactivate(
    *, regency: Regency, actor: User | None, http_request: HttpRequest | None = None
) -> Regency:
    if regency.status != RegencyStatus.SUSPENDED:
        raise RegencyError(_("Hanya daerah yang ditangguhkan yang dapat diaktifkan kembali."))
    Regency.objects.filter(pk=regency.pk).update(
        status=RegencyStatus.ACTIVE, status_reason="", suspended_at=None
    )
    regency.refresh_from_db()
    audit_record(action="regency.reactivate", actor=actor, regency=regency, request=http_request)
    _clear_hosts(regency)
    return regency


def regency_identity_update(
    *,
    regency: Regency,
    brand_name: str,
    time_zone: str,
    actor: User | None,
    http_request: HttpRequest | None = None,
) -> Regency:
    changes = {}
    if brand_name != regency.brand_name:
        changes["brand_name"] = [regency.brand_name, brand_name]
    if time_zone != regency.time_zone:
        changes["time_zone"] = [regency.time_zone, time_zone]
    if not changes:
        return regency
    Regency.objects.filter(pk=regency.pk).update(brand_name=brand_name, time_zone=time_zone)
    regency.refresh_from_db()
    audit_record(
        action="regency.update", actor=actor, regency=regency, detail=changes, request=http_request
    )
    _clear_hosts(regency)
    return regency


def domain_add(
    *,
    regency: Regency,
    hostname: str,
    actor: User | None,
    make_primary: bool = False,
    http_request: HttpRequest | None = None,
) -> Domain:
    try:
        host = validate_custom_domain(hostname)
    except ValidationError as exc:
        raise RegencyError(" ".join(exc.messages)) from exc
    if Domain.objects.filter(domain=host).exists():
        raise RegencyError(_("Domain '%(value)s' sudah dipakai.") % {"value": host})
    try:
        with transaction.atomic():
            domain = Domain(
                tenant=regency, domain=host, kind=DomainKind.CUSTOM, is_primary=make_primary
            )
            domain.save()
            audit_record(
                action="domain.add",
                actor=actor,
                regency=regency,
                detail={"domain": host, "primary": domain.is_primary},
                request=http_request,
            )
    except IntegrityError as exc:
        raise RegencyError(_("Domain '%(value)s' sudah dipakai.") % {"value": host}) from exc
    _after_domain_change(regency, host)
    return domain


def domain_remove(
    *, domain: Domain, actor: User | None, http_request: HttpRequest | None = None
) -> None:
    regency = domain.tenant
    if domain.kind == DomainKind.SUBDOMAIN:
        raise RegencyError(_("Subdomain platform tidak dapat dihapus; hanya domain sendiri."))
    host = domain.domain
    with transaction.atomic():
        was_primary = domain.is_primary
        domain.delete()
        if was_primary:
            fallback = (
                regency.domains.filter(kind=DomainKind.SUBDOMAIN).first() or regency.domains.first()
            )
            if fallback is not None:
                fallback.is_primary = True
                fallback.save()
        audit_record(
            action="domain.remove",
            actor=actor,
            regency=regency,
            detail={"domain": host},
            request=http_request,
        )
    _after_domain_change(regency, host)


def domain_set_primary(
    *, domain: Domain, actor: User | None, http_request: HttpRequest | None = None
) -> Domain:
    with transaction.atomic():
        domain.is_primary = True
        domain.save()
        audit_record(
            action="domain.set_primary",
            actor=actor,
            regency=domain.tenant,
            detail={"domain": domain.domain},
            request=http_request,
        )
    _after_domain_change(domain.tenant, domain.domain)
    return domain


def regency_hosts_forget(*, regency: Regency) -> None:
    """Drop the cached host lookups of a regency (its status or billing state changed)."""
    _clear_hosts(regency)


def _clear_hosts(regency: Regency, *extra: str) -> None:
    hosts = list(Domain.objects.filter(tenant_id=regency.pk).values_list("domain", flat=True))
    regency_host_cache_clear(*hosts, *extra)


def _after_domain_change(regency: Regency, *hosts: str) -> None:
    _clear_hosts(regency, *hosts)
    if regency.status in (RegencyStatus.ACTIVE, RegencyStatus.SUSPENDED) and schema_exists(
        regency.schema_name
    ):
        site_sync_for_tenant(regency)


def portal_setup_for_tenant(regency: Regency) -> None:
    """Point the new schema's Wagtail site at the regency's host and name its home page."""
    from cms.actions import portal_identity_set

    primary = regency.primary_hostname() or ""
    with schema_context(regency.schema_name):
        portal_identity_set(
            hostname=primary,
            port=_site_port(),
            regency_name=regency.name,
            brand_name=regency.display_brand,
        )


def site_sync_for_tenant(regency: Regency) -> None:
    """Keep the regency's Wagtail Site hostname equal to its primary domain."""
    from cms.actions import portal_site_hostname_set

    primary = regency.primary_hostname()
    if primary:
        with schema_context(regency.schema_name):
            portal_site_hostname_set(hostname=primary, port=_site_port())


def _site_port() -> int:
    from django.conf import settings

    if settings.PLATFORM_PORT and settings.PLATFORM_PORT.isdigit():
        return int(settings.PLATFORM_PORT)
    return 443 if settings.PLATFORM_URL_SCHEME == "https" else 80


def regencies_for_codes(codes: Iterable[str]) -> list[Regency]:
    return list(Regency.objects.filter(code__in=list(codes)))
