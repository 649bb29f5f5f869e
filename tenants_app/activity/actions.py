"""Writing the regency's audit trail: `activity_record` and the snapshots it compares.

Actions call `activity_record` after a change; `before` and `after` hold the changed fields only
(`activity_changes`), made JSON-safe (dates as ISO text, decimals as text).

Schema: tenant.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from activity.models import ActivityEntry


class _Encoder(DjangoJSONEncoder):
    """Django's encoder (dates, times, decimals, UUIDs, lazy text), plus sets and model rows."""

    def default(self, o: Any) -> Any:
        if isinstance(o, set | frozenset):
            return sorted(o, key=str)
        if isinstance(o, models.Model):
            return o.pk
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def json_safe(value: Any) -> Any:
    """`value` as plain JSON types: what the JSON column will give back when read."""
    return json.loads(json.dumps(value, cls=_Encoder))


def activity_snapshot(instance: models.Model) -> dict[str, Any]:
    """The row's editable fields by name (a foreign key as its id), JSON-safe."""
    values = {
        field.name: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.editable and not field.primary_key
    }
    return json_safe(values)


def activity_changes(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields whose values differ, as (before, after)."""
    keys = [key for key in {**before, **after} if before.get(key) != after.get(key)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _actor_label(actor) -> str:
    return (getattr(actor, "email", "") or str(actor))[:254]


def activity_record(
    *,
    actor,
    verb: str,
    target: models.Model | None = None,
    summary: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> ActivityEntry:
    """Write one entry of the trail; `actor` is a user (or None for the system)."""
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    entry = ActivityEntry(
        actor_id=actor.pk if signed_in else None,
        actor_label=_actor_label(actor) if signed_in else "",
        verb=verb[:64],
        summary=summary[:500],
        before=json_safe(before or {}),
        after=json_safe(after or {}),
    )
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        entry.target_id = str(target.pk) if target.pk is not None else ""
        entry.target_label = str(target)[:255]
    entry.save()
    return entry
