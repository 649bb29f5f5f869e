"""Exporting the current regency's catalogue as one portable document (format version 1)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from catalogue.models import (
    Agency,
    Counter,
    DateOverride,
    Location,
    ScheduleProfile,
    Service,
    ServiceCategory,
    ServicePledge,
    WeeklyHours,
)
from catalogue.portable.portal_parts import portal_content_export
from catalogue.portable.validation import FORMAT, VERSION


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in ("", None, [])}


def week_days(rows) -> list[dict[str, Any]]:
    """WeeklyHours rows (breaks prefetched) as the document's days: closed, or opens, closes and
    any breaks, times as HH:MM."""
    days = []
    for row in rows:
        if row.is_closed:
            days.append({"weekday": row.weekday, "closed": True})
            continue
        day = {
            "weekday": row.weekday,
            "opens": f"{row.opens:%H:%M}",
            "closes": f"{row.closes:%H:%M}",
        }
        breaks = [
            {"start": f"{b.starts:%H:%M}", "end": f"{b.ends:%H:%M}"} for b in row.breaks.all()
        ]
        if breaks:
            day["breaks"] = breaks
        days.append(day)
    return days


def catalogue_export(*, title: str = "", exported_from: str = "") -> dict[str, Any]:
    hours = (
        WeeklyHours.objects.filter(live=True)
        .select_related("profile")
        .prefetch_related("breaks")
        .order_by("-profile__is_default", "profile__starts_on", "profile__key", "weekday")
    )
    by_location: dict[tuple[int, int | None], dict[str, list]] = {}
    for row in hours:
        by_location.setdefault((row.location_id, row.agency_id), {}).setdefault(
            row.profile.key, []
        ).append(row)

    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "meta": _drop_empty(
            {
                "title": title,
                "exported_at": timezone.now().isoformat(timespec="seconds"),
                "exported_from": exported_from,
            }
        ),
        "schedule_profiles": [
            _drop_empty(
                {
                    "key": p.key,
                    "name": p.name,
                    "is_default": p.is_default or None,
                    "starts_on": p.starts_on.isoformat() if p.starts_on else None,
                    "ends_on": p.ends_on.isoformat() if p.ends_on else None,
                }
            )
            for p in ScheduleProfile.objects.order_by("-is_default", "key")
        ],
        "locations": [
            _drop_empty(
                {
                    "key": loc.key,
                    "name": loc.name,
                    "kind": loc.kind,
                    "address": loc.address,
                    "latitude": float(loc.latitude) if loc.latitude is not None else None,
                    "longitude": float(loc.longitude) if loc.longitude is not None else None,
                    "phone": loc.phone,
                    "description": loc.description,
                    "facilities": list(loc.facilities),
                    "schedules": [
                        {"profile": key, "days": week_days(rows)}
                        for key, rows in by_location.get((loc.pk, None), {}).items()
                    ],
                }
            )
            for loc in Location.objects.filter(live=True, is_active=True)
        ],
        "agencies": [
            _drop_empty(
                {
                    "key": a.key,
                    "name": a.name,
                    "abbreviation": a.abbreviation,
                    "kind": a.kind,
                    "parent": a.parent_institution,
                    "description": a.description,
                    "phone": a.phone,
                    "email": a.email,
                    "website": a.website,
                }
            )
            for a in Agency.objects.filter(live=True, is_active=True)
        ],
        "categories": [{"key": c.key, "name": c.name} for c in ServiceCategory.objects.all()],
        "services": [
            _service(s)
            for s in Service.objects.filter(
                live=True, is_active=True, agency__live=True, agency__is_active=True
            )
            .select_related("agency", "category", "current_standard")
            .order_by("key")
        ],
        "counters": [
            _drop_empty(
                {
                    "key": c.key,
                    "agency": c.agency.key,
                    "location": c.location.key,
                    "code": c.code,
                    "name": c.name,
                    "queue_prefix": c.queue_prefix,
                    "floor": c.floor,
                    "services": sorted(s.key for s in c.services.all() if s.live and s.is_active),
                }
            )
            for c in Counter.objects.filter(
                is_active=True,
                agency__live=True,
                agency__is_active=True,
                location__live=True,
                location__is_active=True,
            )
            .select_related("agency", "location")
            .prefetch_related("services")
        ],
        "pledges": [
            _drop_empty(
                {
                    "agency": p.agency.key if p.agency else None,
                    "title": p.title,
                    "text": p.text,
                    "signatory": p.signatory,
                    "signatory_title": p.signatory_title,
                    "signed_on": p.signed_on.isoformat() if p.signed_on else None,
                }
            )
            for p in ServicePledge.objects.filter(live=True, is_active=True).select_related(
                "agency"
            )
        ],
        "closures": [
            _drop_empty(
                {
                    "date": o.date.isoformat(),
                    "name": o.name,
                    "location": o.location.key if o.location else None,
                    "closed": o.is_closed,
                    "opens": f"{o.opens:%H:%M}" if o.opens else None,
                    "closes": f"{o.closes:%H:%M}" if o.closes else None,
                }
            )
            for o in DateOverride.objects.filter(live=True).select_related("location")
        ],
    }
    document.update(portal_content_export())
    return document


def _service(s: Service) -> dict[str, Any]:
    st = s.current_standard
    standard: dict[str, Any] = {}
    if st is not None:
        standard = _drop_empty(
            {
                "requirements": list(st.requirements),
                "procedure": list(st.procedure),
                "completion_time": _drop_empty(
                    {
                        "value": st.completion_time_value,
                        "unit": st.completion_time_unit,
                        "note": st.completion_time_note,
                    }
                ),
                "fee": {
                    "is_free": st.fee_is_free,
                    **_drop_empty(
                        {
                            "amount": st.fee_amount,
                            "note": st.fee_note,
                            "tariff_basis": st.tariff_basis,
                        }
                    ),
                },
                "product": st.product,
                "complaint_handling": st.complaint_handling,
                "legal_basis": list(st.legal_basis),
                "facilities": st.facilities,
                "staff_competence": st.staff_competence,
                "internal_supervision": st.internal_supervision,
                "staff_count": st.staff_count,
                "service_guarantee": st.service_guarantee,
                "safety_guarantee": st.safety_guarantee,
                "performance_evaluation": st.performance_evaluation,
                "decree_number": st.decree_number,
                "decree_date": st.decree_date.isoformat() if st.decree_date else None,
                "review_date": st.review_date.isoformat() if st.review_date else None,
            }
        )
    return _drop_empty(
        {
            "key": s.key,
            "agency": s.agency.key,
            "name": s.name,
            "category": s.category.key if s.category else None,
            "channel": s.channel,
            "external_url": s.external_url,
            "external_system": s.external_system,
            "description": s.description,
            "keywords": list(s.keywords),
            "is_popular": s.is_popular or None,
            "standard": standard,
        }
    )
