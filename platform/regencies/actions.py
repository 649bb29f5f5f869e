"""Suspending, re-addressing and renaming regencies; creating them is in regencies.creation,
re-exported here. Only the `_for_tenant` functions cross into a regency's schema.
Schema: public -> tenant.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from audit.actions import audit_record
from regencies.creation import HALF_MADE as HALF_MADE
from regencies.creation import RegencyBuildError as RegencyBuildError
from regencies.creation import RegencyError as RegencyError
from regencies.creation import RegencyRequest as RegencyRequest
from regencies.creation import half_made_message as half_made_message
from regencies.creation import portal_setup_for_tenant as portal_setup_for_tenant
from regencies.creation import regency_activate as regency_activate
from regencies.creation import regency_build as regency_build
from regencies.creation import regency_create as regency_create
from regencies.creation import regency_finish as regency_finish
from regencies.creation import regency_hosts_clear, site_port
from regencies.creation import regency_mark_failed as regency_mark_failed
from regencies.creation import regency_register as regency_register
from regencies.creation import regency_validate as regency_validate
from regencies.creation import schema_name_for_code as schema_name_for_code
from regencies.models import Domain, DomainKind, Regency, RegencyStatus
from regencies.validation import validate_custom_domain
from satupintu.portal_door import portal_site_hostname_set_for_tenant

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User


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
    regency_hosts_clear(regency)
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
    regency_hosts_clear(regency)
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
    regency_hosts_clear(regency)
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
    regency_hosts_clear(regency)


def _after_domain_change(regency: Regency, *hosts: str) -> None:
    regency_hosts_clear(regency, *hosts)
    if regency.status in (RegencyStatus.ACTIVE, RegencyStatus.SUSPENDED) and schema_exists(
        regency.schema_name
    ):
        site_sync_for_tenant(regency)


def site_sync_for_tenant(regency: Regency) -> None:
    """Keep the regency's Wagtail Site hostname equal to its primary domain."""
    primary = regency.primary_hostname()
    if primary:
        portal_site_hostname_set_for_tenant(
            schema_name=regency.schema_name, hostname=primary, port=site_port()
        )


def regencies_for_codes(codes: Iterable[str]) -> list[Regency]:
    return list(Regency.objects.filter(code__in=list(codes)))
