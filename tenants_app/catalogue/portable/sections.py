"""The portable catalogue's sections mapped onto the generic upsert engine (portable.upsert):
categories, schedule profiles, locations and their hours, agencies, services and their standards,
counters, pledges and closures; then the portal's own parts (portal_parts). Schema: tenant.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time
from typing import Any

from django.db import connection
from django.db.models import Max

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
from catalogue.portable.standard import standard_data
from catalogue.portable.upsert import KeyedUpsert, as_date, as_decimal, as_time, check


class SectionImporter(KeyedUpsert):
    """The document's sections, in the order their references need, onto the upsert engine."""

    related = {Service: ("current_standard",)}

    def __init__(self, document, parts, replace, report, user_id, pages_live=True):
        super().__init__(report=report, replace=replace)
        self.doc, self.parts, self.user_id = document, parts, user_id
        self.pages_live = pages_live

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
                        "starts_on": as_date(i.get("starts_on")),
                        "ends_on": as_date(i.get("ends_on")),
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
                        "latitude": as_decimal(i.get("latitude")),
                        "longitude": as_decimal(i.get("longitude")),
                        "phone": clean_plain(i.get("phone", "")),
                        "description": clean_plain(i.get("description", "")),
                        "facilities": list(i.get("facilities", [])),
                        "sort_order": n,
                        "is_active": i.get("is_active", True),
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
                None if d.get("closed") else as_time(d.get("opens")),
                None if d.get("closed") else as_time(d.get("closes")),
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
        if current:  # a new portal has none to replace
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
            values = standard_values(standard_data(item["standard"]))
            current = service.current_standard
            if not standard_differs(current, values):
                continue
            standard = standard_next(
                service=service,
                values=values,
                version=latest.get(service.pk, 0) + 1,
                user_id=self.user_id,
            )
            check(standard, f"services[{index}].standard")
            new_standards.append(standard)
            changed_services.append(service)
            if current is not None and item["key"] not in self.report.updated["services"]:
                self.report.unchanged["services"] -= 1
                self.report.updated["services"].append(item["key"])
        ServiceStandard.objects.bulk_create(new_standards)
        for service, standard in zip(changed_services, new_standards, strict=True):
            service.current_standard = standard
        if changed_services:  # one UPDATE from two arrays (bulk_update's CASE per row was slow)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {Service._meta.db_table} AS s SET current_standard_id = v.standard"  # noqa: S608 - a model's table name
                    " FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, standard) WHERE s.id = v.id",
                    [[s.pk for s in changed_services], [s.pk for s in new_standards]],
                )
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
                "signed_on": as_date(item.get("signed_on")),
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
                "opens": None if closed else as_time(item.get("opens")),
                "closes": None if closed else as_time(item.get("closes")),
            }
            day = date.fromisoformat(item["date"])
            label = f"{item['date']}/{location.key if location else 'semua'}"
            override = current.get((day, location.pk if location else None))
            if override is None:
                override = DateOverride(date=day, location=location, **values)
                check(override, f"closures[{index}]")
                override.save()
                self.report.created["closures"].append(label)
            elif any(getattr(override, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(override, k, v)
                check(override, f"closures[{index}]")
                override.save()
                self.report.updated["closures"].append(label)
            else:
                self.report.unchanged["closures"] += 1
