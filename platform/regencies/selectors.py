"""Reading regencies and their domains. Schema: public."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from regencies.models import Domain, Regency, RegencyStatus
from satupintu.db import connection

_HOST_KEY = "regency-host:v2:{}"
# Every host any regency owns, one cache entry: a Host no regency owns is answered from it with
# neither a database query nor a cache key of its own (issue #15: a scan of random Host headers
# must not grow the cache or reach the database once per host).
_KNOWN_HOSTS_KEY = "regency-hosts:known:v1"
_FIELDS = ("id", "schema_name", "name", "code", "brand_name", "status", "time_zone")


# A DNS name is at most 253 characters; a longer Host header belongs to no regency.
_HOSTNAME_MAX = 253


def _host_cache_key(hostname: str) -> str:
    # Hashed: a key of fixed length whatever the client sent as its Host.
    return _HOST_KEY.format(hashlib.blake2b(hostname.encode(), digest_size=16).hexdigest())


def regency_for_hostname(hostname: str) -> Regency | None:
    """The regency a host belongs to, cached; `None` for a host no regency owns."""
    assert connection.schema_name == "public", "host lookups happen in the public schema"
    if len(hostname) > _HOSTNAME_MAX:
        return None
    key = _host_cache_key(hostname)
    cached = cache.get(key)
    if cached is None:
        if hostname not in _known_hostnames():
            return None
        row = (
            Domain.objects.filter(domain=hostname)
            .values(*(f"tenant__{name}" for name in _FIELDS), "tenant__subscription__state")
            .first()
        )
        cached = {name: row[f"tenant__{name}"] for name in _FIELDS} if row else {}
        if row:
            cached["billing_state"] = row["tenant__subscription__state"] or ""
        cache.set(key, cached, settings.REGENCY_HOST_CACHE_SECONDS)
    if not cached:
        return None
    fields = dict(cached)
    billing_state = fields.pop("billing_state", "")
    regency = Regency(**fields)
    regency._state.adding = False
    regency.billing_state = billing_state  # type: ignore[attr-defined]
    return regency


def _known_hostnames() -> frozenset[str]:
    known = cache.get(_KNOWN_HOSTS_KEY)
    if known is None:
        known = frozenset(Domain.objects.values_list("domain", flat=True))
        cache.set(_KNOWN_HOSTS_KEY, known, settings.REGENCY_HOST_CACHE_SECONDS)
    return known


def regency_host_cache_clear(*hostnames: str) -> None:
    """Forget cached host lookups; keys live in the public schema's cache namespace.

    Forgotten now and again once the surrounding transaction commits: a request that read the old
    row in between would otherwise cache it again (a paid regency kept blocked, a suspended one
    kept open, for the lookup's lifetime).
    """
    from django_tenants.utils import schema_context

    keys = [_host_cache_key(h) for h in hostnames] + [_KNOWN_HOSTS_KEY]

    def forget() -> None:
        with schema_context("public"):
            cache.delete_many(keys)

    forget()
    transaction.on_commit(forget)


def regency_get(*, regency_id: int) -> Regency:
    return Regency.objects.prefetch_related("domains").get(pk=regency_id)


def regency_get_by_code(*, code: str) -> Regency | None:
    return Regency.objects.filter(code=code).first()


def regency_list() -> QuerySet[Regency]:
    return Regency.objects.prefetch_related(
        Prefetch("domains", queryset=Domain.objects.order_by("-is_primary", "domain"))
    ).order_by("name")


def regency_list_serving() -> QuerySet[Regency]:
    return regency_list().filter(status=RegencyStatus.ACTIVE)


def domain_is_taken(hostname: str) -> bool:
    return Domain.objects.filter(domain=hostname.lower()).exists()


def regency_time_zone_get(*, schema_name: str) -> str:
    """The time zone of the regency whose schema is `schema_name`; empty for an unknown schema."""
    return (
        Regency.objects.filter(schema_name=schema_name).values_list("time_zone", flat=True).first()
        or ""
    )


def regency_primary_host_get(*, schema_name: str) -> str:
    """The primary host name of the regency whose schema is `schema_name`; empty if none."""
    return (
        Domain.objects.filter(tenant__schema_name=schema_name, is_primary=True)
        .values_list("domain", flat=True)
        .first()
        or ""
    )


def regency_find(*, ident: str) -> Regency | None:
    """The regency a command-line argument names: its code ("51.03"), schema name, the first label
    of one of its hosts ("badung" for badung.satupintu.id), or its name without the
    "Kabupaten"/"Kota" prefix."""
    ident = ident.strip()
    if not ident:
        return None
    found = (
        Regency.objects.filter(code=ident).first()
        or Regency.objects.filter(schema_name=ident).first()
    )
    if found is None:
        domain = (
            Domain.objects.filter(domain__istartswith=f"{ident}.").select_related("tenant").first()
        )
        found = domain.tenant if domain is not None else None
    if found is None:
        for prefix in ("", "Kabupaten ", "Kota "):
            found = Regency.objects.filter(name__iexact=f"{prefix}{ident}").first()
            if found is not None:
                break
    return found
