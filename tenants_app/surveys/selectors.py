"""Reads of the SKM: the index for a period and scope, the respondent profile, the trend, the
sample and its progress, public suggestions and the follow-up plan. The portal, the admin, the
PDF and `manage.py skm_report` all read through here.

Schema: tenant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from catalogue.models import Agency, Location, Service
from surveys.index import IndexResult, index_compute, sample_size
from surveys.models import (
    FollowUpAction,
    FollowUpStatus,
    SamplePopulation,
    SuggestionStatus,
    SurveyResponse,
    SurveySettings,
)
from surveys.neighbours import service_users_from_queue
from surveys.periods import Period
from surveys.questionnaire import UNSUR, Education, Gender, Occupation


def weight_mode_get() -> str:
    return SurveySettings.load().weight_mode


def responses_in(
    *,
    start: date,
    end: date,
    agency_ids: set[int] | None = None,
    service_id: int | None = None,
    location_id: int | None = None,
) -> QuerySet[SurveyResponse]:
    queryset = SurveyResponse.objects.filter(answered_on__gte=start, answered_on__lte=end)
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    if service_id is not None:
        queryset = queryset.filter(service_id=service_id)
    if location_id is not None:
        queryset = queryset.filter(location_id=location_id)
    return queryset


def _indexed(row: Any, *, keys: tuple[str, ...], mode: str) -> tuple[list[Any], IndexResult]:
    """Split an aggregate row into its group keys and the index of its sums."""
    values = dict(row)
    head = [values.pop(k) for k in keys]
    respondents = values.pop("n")
    return head, index_compute(respondents=respondents, totals=values, weight_mode=mode)


def _sums() -> dict:
    return {"n": Count("id"), **{u.code: Sum(u.field) for u in UNSUR}}


def skm_index(
    *,
    start: date,
    end: date,
    agency_ids: set[int] | None = None,
    service_id: int | None = None,
    location_id: int | None = None,
    weight_mode: str | None = None,
) -> IndexResult:
    """The index of the responses answered between the dates (inclusive), in one query."""
    row = responses_in(
        start=start, end=end, agency_ids=agency_ids, service_id=service_id, location_id=location_id
    ).aggregate(**_sums())
    return index_compute(
        respondents=row.pop("n"), totals=row, weight_mode=weight_mode or weight_mode_get()
    )


@dataclass(frozen=True)
class GroupIndex:
    key: int
    label: str
    result: IndexResult


def skm_index_by_agency(
    *, start: date, end: date, agency_ids: set[int] | None = None, weight_mode: str | None = None
) -> list[GroupIndex]:
    mode = weight_mode or weight_mode_get()
    rows = (
        responses_in(start=start, end=end, agency_ids=agency_ids)
        .values("agency_id", "agency__name")
        .annotate(**_sums())
        .order_by("agency__name")
    )
    groups = [_indexed(row, keys=("agency_id", "agency__name"), mode=mode) for row in rows]
    return [GroupIndex(key, label, result) for (key, label), result in groups]


def skm_index_by_service(
    *, start: date, end: date, agency_ids: set[int] | None = None, weight_mode: str | None = None
) -> list[GroupIndex]:
    mode = weight_mode or weight_mode_get()
    rows = (
        responses_in(start=start, end=end, agency_ids=agency_ids)
        .values("service_id", "service__name")
        .annotate(**_sums())
        .order_by("service__name")
    )
    groups = [_indexed(row, keys=("service_id", "service__name"), mode=mode) for row in rows]
    return [GroupIndex(key, label, result) for (key, label), result in groups]


@dataclass(frozen=True)
class MonthIndex:
    year: int
    month: int
    result: IndexResult


def skm_trend(
    *, start: date, end: date, agency_ids: set[int] | None = None, weight_mode: str | None = None
) -> list[MonthIndex]:
    """The index month by month (one query)."""
    mode = weight_mode or weight_mode_get()
    rows = (
        responses_in(start=start, end=end, agency_ids=agency_ids)
        .annotate(y=ExtractYear("answered_on"), m=ExtractMonth("answered_on"))
        .values("y", "m")
        .annotate(**_sums())
        .order_by("y", "m")
    )
    months = [_indexed(row, keys=("y", "m"), mode=mode) for row in rows]
    return [MonthIndex(year, month, result) for (year, month), result in months]


AGE_GROUPS = ((15, 24), (25, 34), (35, 44), (45, 54), (55, 100))


def skm_profile(
    *, start: date, end: date, agency_ids: set[int] | None = None
) -> dict[str, list[tuple[str, int]]]:
    """Respondents by jenis kelamin, usia group, pendidikan and pekerjaan (one query)."""
    queryset = responses_in(start=start, end=end, agency_ids=agency_ids)
    counts: dict[str, Counter] = {
        "gender": Counter(),
        "education": Counter(),
        "occupation": Counter(),
        "age": Counter(),
    }
    for row in queryset.values("gender", "education", "occupation", "age").annotate(n=Count("id")):
        counts["gender"][row["gender"]] += row["n"]
        counts["education"][row["education"]] += row["n"]
        counts["occupation"][row["occupation"]] += row["n"]
        group = next(f"{a}–{b}" for a, b in AGE_GROUPS if a <= row["age"] <= b)
        counts["age"][group] += row["n"]
    return {
        "gender": [(str(c.label), counts["gender"][c.value]) for c in Gender],
        "age": [(f"{a}–{b}", counts["age"][f"{a}–{b}"]) for a, b in AGE_GROUPS],
        "education": [(str(c.label), counts["education"][c.value]) for c in Education],
        "occupation": [(str(c.label), counts["occupation"][c.value]) for c in Occupation],
    }


@dataclass(frozen=True)
class SampleProgress:
    population: int | None  # service users of the previous period
    source: str  # "queue", "entered" or "" (unknown)
    target: int | None
    respondents: int

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, self.respondents * 100 // self.target)


def sample_progress(*, period: Period, respondents: int) -> SampleProgress:
    """The Krejcie–Morgan sample for the period, from the previous period's service users: the
    queue's count where the queue module is installed, otherwise the number an admin entered."""
    previous = period.previous()
    population = service_users_from_queue(start=previous.start, end=previous.end)
    source = "queue"
    if population is None:
        entered = SamplePopulation.objects.filter(
            period_start=period.start, period_end=period.end
        ).first()
        population, source = (entered.service_users, "entered") if entered else (None, "")
    target = None if population is None else sample_size(population=population)
    return SampleProgress(population, source, target, respondents)


def suggestions_public(*, start: date, end: date, limit: int = 20) -> list[str]:
    """Suggestions an admin approved for publication; nothing else is ever shown to the public."""
    return list(
        responses_in(start=start, end=end)
        .filter(suggestion_status=SuggestionStatus.APPROVED)
        .exclude(suggestion="")
        .values_list("suggestion", flat=True)[:limit]
    )


@dataclass(frozen=True)
class FollowUpPlan:
    items: list[FollowUpAction]
    done: int

    @property
    def percent(self) -> int:
        return self.done * 100 // len(self.items) if self.items else 0


def follow_up_plan(*, period: Period) -> FollowUpPlan:
    """The follow-up items of surveys whose period overlaps `period`."""
    items = list(
        FollowUpAction.objects.filter(
            Q(period_start__lte=period.end) & Q(period_end__gte=period.start)
        )
    )
    return FollowUpPlan(items, sum(1 for i in items if i.status == FollowUpStatus.DONE))


class ScopeUnknown(ValueError):
    code = "skm.scope_unknown"


@dataclass(frozen=True)
class Scope:
    """Which responses an index covers: every one, or one agency, service or location."""

    agency_ids: set[int] | None = None
    service_id: int | None = None
    location_id: int | None = None
    label: str = ""

    def narrowed(self, agency_ids: set[int] | None) -> Scope:
        """This scope within an agency admin's agencies (None: no narrowing)."""
        if agency_ids is None:
            return self
        mine = agency_ids if self.agency_ids is None else self.agency_ids & agency_ids
        return Scope(mine, self.service_id, self.location_id, self.label)


def scope_resolve(*, agency: str = "", service: str = "", location: str = "") -> Scope:
    """The scope named by catalogue keys (any of them empty: not filtered on)."""
    found = Scope()
    labels = []
    if agency:
        row = Agency.objects.filter(key=agency[:100]).values_list("id", "name").first()
        if row is None:
            raise ScopeUnknown(_("Instansi tidak dikenal."))
        found = Scope({row[0]}, None, None)
        labels.append(row[1])
    if service:
        srow = Service.objects.filter(key=service[:100]).values_list("id", "name").first()
        if srow is None:
            raise ScopeUnknown(_("Layanan tidak dikenal."))
        found = Scope(found.agency_ids, srow[0], None)
        labels.append(srow[1])
    if location:
        lrow = Location.objects.filter(key=location[:100]).values_list("id", "name").first()
        if lrow is None:
            raise ScopeUnknown(_("Lokasi tidak dikenal."))
        found = Scope(found.agency_ids, found.service_id, lrow[0])
        labels.append(lrow[1])
    return Scope(found.agency_ids, found.service_id, found.location_id, " · ".join(labels))


def scope_choices() -> dict[str, list[tuple[str, str]]]:
    """Agencies, services and locations for the results page's filters (three small queries)."""
    return {
        "agencies": list(
            Agency.objects.filter(live=True, is_active=True)
            .order_by("name")
            .values_list("key", "name")
        ),
        "services": list(
            Service.objects.filter(live=True, is_active=True)
            .order_by("name")
            .values_list("key", "name")
        ),
        "locations": list(
            Location.objects.filter(live=True, is_active=True)
            .order_by("name")
            .values_list("key", "name")
        ),
    }
