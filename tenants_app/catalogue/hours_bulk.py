"""Setting the hours of several locations at once (issue 16): the same weekly hours, or the same
closure or special hours on a date, for every chosen location. Each row changes through the
drafted path (catalogue.publishing): saved as a draft, or published by whoever may publish, so a
bulk change is as reviewable, comparable and revertible as one made row by row. Schema: tenant.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from activity.actions import activity_record
from catalogue.admin_activity import catalogue_verb
from catalogue.models import DateOverride, Drafted, WeeklyHours
from catalogue.publishing import baseline_revision, publishing_as


@dataclass(frozen=True)
class DayTimes:
    is_closed: bool
    opens: datetime.time | None = None
    closes: datetime.time | None = None

    def values(self) -> dict[str, Any]:
        if self.is_closed:
            return {"is_closed": True, "opens": None, "closes": None}
        return {"is_closed": False, "opens": self.opens, "closes": self.closes}


def _drafted_set(*, model: type[Drafted], lookup: dict, values: dict, user, publish: bool) -> None:
    """One row found by `lookup` (or a new one, created as a draft) takes `values` in a new
    revision, published when `publish`; the trail records the draft, the publish receiver the
    publish. Raises ValidationError (the row's constraints) before anything is written for it."""
    found = model._default_manager.filter(**lookup).order_by().select_for_update().first()
    created = found is None
    if found is None:
        row = model(**lookup, **values, live=False)
        row.full_clean()
        row.save()
    else:
        row = found
        baseline_revision(instance=row)
        row.refresh_from_db()
        for name, value in values.items():
            setattr(row, name, value)
    revision = row.save_revision(user=user, clean=not created)
    activity_record(
        actor=user,
        verb=catalogue_verb(row, "bulk_draft"),
        target=row,
        summary=f"revisi {revision.pk}",
        after={name: str(value) if value is not None else None for name, value in values.items()},
    )
    if publish:
        revision.publish(user=user)


def weekly_hours_bulk_set(
    *,
    user,
    places: list[tuple[int, int | None]],
    profile_id: int,
    weekdays: list[int],
    times: DayTimes,
    publish: bool,
) -> int:
    """The same hours on `weekdays` of `profile` at every place: (location, None) for the
    location's hours, (location, agency) for a counter's agency there; all rows or none."""
    with transaction.atomic(), publishing_as(user):
        for location_id, agency_id in places:
            for weekday in weekdays:
                _drafted_set(
                    model=WeeklyHours,
                    lookup={
                        "location_id": location_id,
                        "profile_id": profile_id,
                        "agency_id": agency_id,
                        "weekday": weekday,
                    },
                    values=times.values(),
                    user=user,
                    publish=publish,
                )
    return len(places) * len(weekdays)


def date_override_bulk_set(
    *,
    user,
    location_ids: list[int],
    date: datetime.date,
    name: str,
    times: DayTimes,
    publish: bool,
) -> int:
    """The same closure or special hours on `date` at every location; all rows or none."""
    with transaction.atomic(), publishing_as(user):
        for location_id in location_ids:
            _drafted_set(
                model=DateOverride,
                lookup={"location_id": location_id, "date": date},
                values={"name": name, **times.values()},
                user=user,
                publish=publish,
            )
    return len(location_ids)
