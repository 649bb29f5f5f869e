"""Reading the region reference data. Schema: public."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from regions.models import KabKota, TimeZone

# Keppres 41/1987: the province code decides the default time zone.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}


def time_zone_for_code(code: str) -> str:
    province = code[:2]
    if province in _WIT:
        return TimeZone.WIT
    if province in _WITA:
        return TimeZone.WITA
    return TimeZone.WIB


def kabkota_get(*, code: str) -> KabKota | None:
    return KabKota.objects.select_related("province").filter(code=code, is_active=True).first()


def kabkota_search(*, query: str, limit: int = 20) -> QuerySet[KabKota]:
    query = (query or "").strip()[:100]
    qs = KabKota.objects.select_related("province").filter(is_active=True)
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(code__startswith=query)
            | Q(province__name__icontains=query)
        )
    return qs.order_by("code")[:limit]
