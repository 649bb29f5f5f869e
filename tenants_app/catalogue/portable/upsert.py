"""The generic engine of the portable catalogue's import: rows matched by `key`, created, updated
only where a value differs, and (in `replace` mode) deactivated when the document no longer has
them, all in bulk. It knows nothing of the catalogue's sections; portable.sections maps the
document's sections onto it. Schema: tenant.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from catalogue.portable.validation import CatalogueInvalid


def as_time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def check(instance: Model, where: str) -> None:
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


def attnames(model, names: set[str]) -> set[str]:
    return {model._meta.get_field(name).name for name in names}


class KeyedUpsert:
    """Bulk upsert by key into the current schema, counting what it did in `report`."""

    related: dict[type, tuple[str, ...]] = {}

    def __init__(self, *, report, replace: bool) -> None:
        self.report, self.replace = report, replace
        self.rows: dict[type, dict[str, Any]] = {}

    def existing(self, model) -> dict[str, Any]:
        """Every row of `model` by key, loaded once (with `related` followed)."""
        if model not in self.rows:
            queryset = model.objects.all()
            if model in self.related:
                queryset = queryset.select_related(*self.related[model])
            self.rows[model] = {obj.key: obj for obj in queryset}
        return self.rows[model]

    def sync(self, model, section: str, items: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
        existing = self.existing(model)
        to_create, to_update, changed_fields = [], [], set()
        for index, (key, values) in enumerate(items):
            obj = existing.get(key)
            if obj is None:
                obj = model(key=key, **values)
                check(obj, f"{section}[{index}]")
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
            check(obj, f"{section}[{index}]")
            to_update.append(obj)
            changed_fields.update(changed)
            self.report.updated[section].append(key)
        model.objects.bulk_create(to_create)
        if to_update:
            model.objects.bulk_update(to_update, sorted(attnames(model, changed_fields)))
        if self.replace and any(f.name == "is_active" for f in model._meta.fields):
            keep = {key for key, _values in items}
            stale = model.objects.filter(is_active=True).exclude(key__in=keep)
            self.report.deactivated[section].extend(stale.values_list("key", flat=True))
            stale.update(is_active=False)
        return existing
