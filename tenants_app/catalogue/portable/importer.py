"""Importing a portable catalogue into the current regency's schema.

Rows are matched by `key`: an import creates what is new, updates what differs and, in `replace`
mode, deactivates (never deletes) catalogue rows the document no longer has. The whole import is
one transaction; a dry run performs it and rolls back, so its report is exactly what would
change. Rows are written in bulk (a template of 150 services is a few dozen queries), because
provisioning a regency from a template must take seconds. The CSV import and the template
library use this same path.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model

from catalogue.actions import (
    clean_plain,
    clean_plain_list,
    service_search_refresh,
    service_search_refresh_for_sources,
    standard_differs,
    standard_next,
    standard_values,
)
from catalogue.models import (
    Agency,
    BreakWindow,
    Counter,
    DateOverride,
    Location,
    ScheduleProfile,
    Service,
    ServiceCategory,
    ServicePledge,
    ServiceStandard,
    WeeklyHours,
)
from catalogue.portable.portal_parts import portal_content_import
from catalogue.portable.validation import SECTIONS, CatalogueInvalid, validate_document
from satupintu.page_cache import portal_cache_bump

ALL_PARTS = frozenset(SECTIONS)


@dataclass
class ImportReport:
    created: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    updated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deactivated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unchanged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    dry_run: bool = False

    @property
    def has_changes(self) -> bool:
        return (
            any(self.created.values())
            or any(self.updated.values())
            or any(self.deactivated.values())
        )

    def summary(self) -> dict[str, dict[str, int]]:
        sections = (
            set(self.created) | set(self.updated) | set(self.deactivated) | set(self.unchanged)
        )
        return {
            s: {
                "created": len(self.created.get(s, [])),
                "updated": len(self.updated.get(s, [])),
                "deactivated": len(self.deactivated.get(s, [])),
                "unchanged": self.unchanged.get(s, 0),
            }
            for s in sorted(sections)
        }


class _DryRunRollback(Exception):
    pass


def catalogue_import(
    *,
    document: dict[str, Any],
    parts: frozenset[str] | set[str] = ALL_PARTS,
    replace: bool = False,
    dry_run: bool = False,
    user_id: int | None = None,
    skip_keys: dict[str, set[str]] | None = None,
    known_keys: dict[str, set[str]] | None = None,
    pages_live: bool = True,
) -> ImportReport:
    """Validate and import; raise CatalogueInvalid (nothing changed) when the document is wrong.

    `skip_keys` leaves out rows by section and key (a template's agencies the applicant switched
    off, and everything that belongs to them).
    """
    validate_document(document, known=known_keys)
    document = _without_skipped(document, skip_keys or {})
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            _Importer(document, set(parts), replace, report, user_id, pages_live).run()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        return report
    if report.has_changes:
        portal_cache_bump()
    return report


def _without_skipped(document: dict[str, Any], skip: dict[str, set[str]]) -> dict[str, Any]:
    if not any(skip.values()):
        return document
    agencies = skip.get("agencies", set())
    doc = dict(document)
    doc["agencies"] = [a for a in document.get("agencies", []) if a["key"] not in agencies]
    doc["services"] = [
        s
        for s in document.get("services", [])
        if s["agency"] not in agencies and s["key"] not in skip.get("services", set())
    ]
    kept_services = {s["key"] for s in doc["services"]}
    doc["counters"] = [
        {**c, "services": [k for k in c.get("services", []) if k in kept_services]}
        for c in document.get("counters", [])
        if c["agency"] not in agencies and c["key"] not in skip.get("counters", set())
    ]
    doc["pledges"] = [p for p in document.get("pledges", []) if p.get("agency") not in agencies]
    return doc


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def _check(instance: Model, where: str) -> None:
    """Field validation and the model's own rules, without per-row queries (keys and references
    were already checked against the document; the database constraints stand behind both)."""
    relations = [f.name for f in instance._meta.fields if f.is_relation]
    try:
        instance.clean_fields(exclude=relations)
        instance.clean()
    except ValidationError as exc:
        messages = (
            [f"{where}.{name}: {m}" for name, ms in exc.message_dict.items() for m in ms]
            if hasattr(exc, "error_dict")
            else [f"{where}: {m}" for m in exc.messages]
        )
        raise CatalogueInvalid(messages) from exc


class _Importer:
    def __init__(self, document, parts, replace, report, user_id, pages_live=True):
        self.doc, self.parts, self.replace, self.report, self.user_id = (
            document,
            parts,
            replace,
            report,
            user_id,
        )
        self.pages_live = pages_live
        self.rows: dict[type, dict[str, Any]] = {}

    def run(self) -> None:
        steps = [
            ("categories", self.categories_),
            ("schedule_profiles", self.profiles_),
            ("locations", self.locations_),
            ("agencies", self.agencies_),
            ("services", self.services_),
            ("counters", self.counters_),
            ("pledges", self.pledges_),
            ("closures", self.closures_),
        ]
        for part, step in steps:
            if part in self.parts and part in self.doc:
                step()
        # Services carry their agency's and category's names in their search documents; those
        # this import wrote are fresh already.
        service_search_refresh_for_sources(
            agency_keys=self.report.updated["agencies"],
            category_keys=self.report.updated["categories"],
            except_keys=[i["key"] for i in self.doc.get("services", [])]
            if "services" in self.parts
            else [],
        )
        if ("branding" in self.parts and "branding" in self.doc) or (
            "pages" in self.parts and "pages" in self.doc
        ):
            portal_content_import(
                branding=self.doc.get("branding") if "branding" in self.parts else None,
                pages=self.doc.get("pages") if "pages" in self.parts else None,
                report=self.report,
                pages_live=self.pages_live,
            )

    # --- generic bulk upsert by key ---------------------------------------------------------------
    def existing(self, model) -> dict[str, Any]:
        if model not in self.rows:
            queryset = model.objects.all()
            if model is Service:
                queryset = queryset.select_related("current_standard")
            self.rows[model] = {obj.key: obj for obj in queryset}
        return self.rows[model]

    def sync(self, model, section: str, items: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
        existing = self.existing(model)
        to_create, to_update, changed_fields = [], [], set()
        for index, (key, values) in enumerate(items):
            obj = existing.get(key)
            if obj is None:
                obj = model(key=key, **values)
                _check(obj, f"{section}[{index}]")
                to_create.append(obj)
                self.report.created[section].append(key)
                existing[key] = obj
                continue
            changed = [name for name, value in values.items() if getattr(obj, name) != value]
            if not changed:
                self.report.unchanged[section] += 1
                continue
            for name in changed:
                setattr(obj, name, values[name])
            _check(obj, f"{section}[{index}]")
            to_update.append(obj)
            changed_fields.update(changed)
            self.report.updated[section].append(key)
        model.objects.bulk_create(to_create)
        if to_update:
            model.objects.bulk_update(to_update, sorted(_attnames(model, changed_fields)))
        if self.replace and any(f.name == "is_active" for f in model._meta.fields):
            keep = {key for key, _values in items}
            stale = model.objects.filter(is_active=True).exclude(key__in=keep)
            self.report.deactivated[section].extend(stale.values_list("key", flat=True))
            stale.update(is_active=False)
        return existing

    # --- sections ---------------------------------------------------------------------------------
    def categories_(self) -> None:
        self.sync(
            ServiceCategory,
            "categories",
            [
                (i["key"], {"name": clean_plain(i["name"]), "sort_order": n})
                for n, i in enumerate(self.doc["categories"])
            ],
        )

    def profiles_(self) -> None:
        items = self.doc["schedule_profiles"]
        defaults = [p["key"] for p in items if p.get("is_default")]
        if defaults:
            ScheduleProfile.objects.filter(is_default=True).exclude(key__in=defaults).update(
                is_default=False
            )
            for key, profile in self.existing(ScheduleProfile).items():
                if key not in defaults:
                    profile.is_default = False
        self.sync(
            ScheduleProfile,
            "schedule_profiles",
            [
                (
                    i["key"],
                    {
                        "name": clean_plain(i["name"]),
                        "is_default": bool(i.get("is_default")),
                        "starts_on": _date(i.get("starts_on")),
                        "ends_on": _date(i.get("ends_on")),
                    },
                )
                for i in items
            ],
        )

    def locations_(self) -> None:
        locations = self.sync(
            Location,
            "locations",
            [
                (
                    i["key"],
                    {
                        "name": clean_plain(i["name"]),
                        "kind": i["kind"],
                        "address": clean_plain(i.get("address", "")),
                        "latitude": _decimal(i.get("latitude")),
                        "longitude": _decimal(i.get("longitude")),
                        "phone": clean_plain(i.get("phone", "")),
                        "description": clean_plain(i.get("description", "")),
                        "facilities": list(i.get("facilities", [])),
                        "sort_order": n,
                        "is_active": True,
                    },
                )
                for n, i in enumerate(self.doc["locations"])
            ],
        )
        for item in self.doc["locations"]:
            for schedule in item.get("schedules", []):
                self.schedule(
                    locations[item["key"]], schedule["profile"], schedule["days"], agency=None
                )

    def schedule(
        self, location: Location, profile_key: str, days: list[dict], agency: Agency | None
    ) -> None:
        profile = self.existing(ScheduleProfile)[profile_key]
        rows = WeeklyHours.objects.filter(
            location=location, profile=profile, agency=agency
        ).prefetch_related("breaks")
        current = {
            r.weekday: (
                r.is_closed,
                r.opens,
                r.closes,
                [(b.starts, b.ends) for b in r.breaks.all()],
            )
            for r in rows
        }
        target = {
            d["weekday"]: (
                bool(d.get("closed")),
                None if d.get("closed") else _time(d.get("opens")),
                None if d.get("closed") else _time(d.get("closes")),
                []
                if d.get("closed")
                else [
                    (time.fromisoformat(b["start"]), time.fromisoformat(b["end"]))
                    for b in d.get("breaks", [])
                ],
            )
            for d in days
        }
        if current == target:
            self.report.unchanged["schedules"] += 1
            return
        rows.delete()
        created = WeeklyHours.objects.bulk_create(
            WeeklyHours(
                location=location,
                profile=profile,
                agency=agency,
                weekday=wd,
                is_closed=c,
                opens=o,
                closes=e,
            )
            for wd, (c, o, e, _b) in sorted(target.items())
        )
        BreakWindow.objects.bulk_create(
            BreakWindow(weekly_hours=row, starts=s, ends=e)
            for row in created
            for s, e in target[row.weekday][3]
        )
        self.report.updated["schedules"].append(f"{location.key}/{profile.key}")

    def agencies_(self) -> None:
        agencies = self.sync(
            Agency,
            "agencies",
            [
                (
                    i["key"],
                    {
                        "name": clean_plain(i["name"]),
                        "abbreviation": clean_plain(i.get("abbreviation", "")),
                        "kind": i["kind"],
                        "parent_institution": clean_plain(i.get("parent", "")),
                        "description": clean_plain(i.get("description", "")),
                        "phone": clean_plain(i.get("phone", "")),
                        "email": i.get("email", ""),
                        "website": i.get("website", ""),
                        "sort_order": n,
                        "is_active": i.get("is_active", True),
                    },
                )
                for n, i in enumerate(self.doc["agencies"])
            ],
        )
        default = next((p for p in self.existing(ScheduleProfile).values() if p.is_default), None)
        for item in self.doc["agencies"]:
            if item.get("hours") and default is not None:
                for location in self.existing(Location).values():
                    self.schedule(location, default.key, item["hours"], agencies[item["key"]])

    def services_(self) -> None:
        agencies, categories = self.existing(Agency), self.existing(ServiceCategory)
        items = self.doc["services"]
        services = self.sync(
            Service,
            "services",
            [
                (
                    i["key"],
                    {
                        "agency": agencies[i["agency"]],
                        "category": categories.get(i.get("category", "")),
                        "name": clean_plain(i["name"]),
                        "description": clean_plain(i.get("description", "")),
                        "channel": i["channel"],
                        "external_url": i.get("external_url", ""),
                        "external_system": clean_plain(i.get("external_system", "")),
                        "keywords": clean_plain_list(i.get("keywords")),
                        "is_active": i.get("is_active", True),
                        "is_popular": i.get("is_popular", False),
                    },
                )
                for i in items
            ],
        )
        latest = dict(
            ServiceStandard.objects.filter(service__in=[services[i["key"]] for i in items])
            .values("service_id")
            .annotate(v=Max("version"))
            .values_list("service_id", "v")
        )
        new_standards, changed_services = [], []
        for index, item in enumerate(items):
            service = services[item["key"]]
            values = standard_values(_standard_data(item["standard"]))
            current = service.current_standard
            if not standard_differs(current, values):
                continue
            standard = standard_next(
                service=service,
                values=values,
                version=latest.get(service.pk, 0) + 1,
                user_id=self.user_id,
            )
            _check(standard, f"services[{index}].standard")
            new_standards.append(standard)
            changed_services.append(service)
            if current is not None and item["key"] not in self.report.updated["services"]:
                self.report.unchanged["services"] -= 1
                self.report.updated["services"].append(item["key"])
        ServiceStandard.objects.bulk_create(new_standards)
        for service, standard in zip(changed_services, new_standards, strict=True):
            service.current_standard = standard
        Service.objects.bulk_update(changed_services, ["current_standard"])
        service_search_refresh(service_ids=[services[i["key"]].pk for i in items])

    def counters_(self) -> None:
        agencies, locations, services = (
            self.existing(Agency),
            self.existing(Location),
            self.existing(Service),
        )
        items = self.doc["counters"]
        counters = self.sync(
            Counter,
            "counters",
            [
                (
                    i["key"],
                    {
                        "agency": agencies[i["agency"]],
                        "location": locations[i["location"]],
                        "code": clean_plain(i["code"]),
                        "name": clean_plain(i["name"]),
                        "queue_prefix": i.get("queue_prefix", ""),
                        "floor": clean_plain(i.get("floor", "")),
                        "is_active": True,
                    },
                )
                for i in items
            ],
        )
        through = Counter.services.through
        ids = [counters[i["key"]].pk for i in items]
        current: dict[int, set[int]] = defaultdict(set)
        link_ids: dict[tuple[int, int], int] = {}
        for link_id, counter_id, service_id in through.objects.filter(
            counter_id__in=ids
        ).values_list("pk", "counter_id", "service_id"):
            current[counter_id].add(service_id)
            link_ids[(counter_id, service_id)] = link_id
        removed: list[int] = []
        added: list[Any] = []
        for item in items:
            counter = counters[item["key"]]
            wanted = {services[k].pk for k in item.get("services", [])}
            if wanted == current[counter.pk]:
                continue
            removed.extend(link_ids[(counter.pk, s)] for s in current[counter.pk] - wanted)
            added.extend(
                through(counter_id=counter.pk, service_id=s) for s in wanted - current[counter.pk]
            )
            if item["key"] not in self.report.created["counters"] + self.report.updated["counters"]:
                self.report.unchanged["counters"] -= 1
                self.report.updated["counters"].append(item["key"])
        through.objects.filter(pk__in=removed).delete()
        through.objects.bulk_create(added)

    def pledges_(self) -> None:
        agencies = self.existing(Agency)
        current = {p.agency_id: p for p in ServicePledge.objects.filter(is_active=True)}
        for item in self.doc["pledges"]:
            agency = agencies.get(item.get("agency") or "")
            label = agency.key if agency else "mpp"
            values = {
                "title": clean_plain(item.get("title", "Maklumat Pelayanan")),
                "text": clean_plain(item["text"]),
                "signatory": clean_plain(item.get("signatory", "")),
                "signatory_title": clean_plain(item.get("signatory_title", "")),
                "signed_on": _date(item.get("signed_on")),
            }
            pledge = current.get(agency.pk if agency else None)
            if pledge is None:
                ServicePledge.objects.create(agency=agency, is_active=True, **values)
                self.report.created["pledges"].append(label)
            elif any(getattr(pledge, k) != v for k, v in values.items()):
                ServicePledge.objects.filter(pk=pledge.pk).update(**values)
                self.report.updated["pledges"].append(label)
            else:
                self.report.unchanged["pledges"] += 1

    def closures_(self) -> None:
        locations = self.existing(Location)
        current = {(o.date, o.location_id): o for o in DateOverride.objects.all()}
        for index, item in enumerate(self.doc["closures"]):
            location = locations.get(item.get("location") or "")
            closed = item.get("closed", True)
            values = {
                "name": clean_plain(item["name"]),
                "is_closed": closed,
                "opens": None if closed else _time(item.get("opens")),
                "closes": None if closed else _time(item.get("closes")),
            }
            day = date.fromisoformat(item["date"])
            label = f"{item['date']}/{location.key if location else 'semua'}"
            override = current.get((day, location.pk if location else None))
            if override is None:
                override = DateOverride(date=day, location=location, **values)
                _check(override, f"closures[{index}]")
                override.save()
                self.report.created["closures"].append(label)
            elif any(getattr(override, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(override, k, v)
                _check(override, f"closures[{index}]")
                override.save()
                self.report.updated["closures"].append(label)
            else:
                self.report.unchanged["closures"] += 1


def _attnames(model, names: set[str]) -> set[str]:
    return {model._meta.get_field(name).name for name in names}


def _standard_data(standard: dict[str, Any]) -> dict[str, Any]:
    time_ = standard["completion_time"]
    fee = standard["fee"]
    return {
        "requirements": standard["requirements"],
        "procedure": standard["procedure"],
        "completion_time_value": time_["value"],
        "completion_time_unit": time_["unit"],
        "completion_time_note": time_.get("note", ""),
        "fee_is_free": fee["is_free"],
        "fee_amount": fee.get("amount"),
        "fee_note": fee.get("note", ""),
        "tariff_basis": fee.get("tariff_basis", ""),
        "product": standard["product"],
        "complaint_handling": standard["complaint_handling"],
        "legal_basis": standard.get("legal_basis", []),
        "facilities": standard.get("facilities", ""),
        "staff_competence": standard.get("staff_competence", ""),
        "internal_supervision": standard.get("internal_supervision", ""),
        "staff_count": standard.get("staff_count", ""),
        "service_guarantee": standard.get("service_guarantee", ""),
        "safety_guarantee": standard.get("safety_guarantee", ""),
        "performance_evaluation": standard.get("performance_evaluation", ""),
        "decree_number": standard.get("decree_number", ""),
        "decree_date": _date(standard.get("decree_date")),
        "review_date": _date(standard.get("review_date")),
    }
