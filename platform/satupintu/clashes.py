"""Uniqueness clashes and broken rules in our words, for every admin form. Schema: both.

Django words a uniqueness clash generically ("Loket with this Location and Kode loket already
exists"), and the Indonesian catalogue loaded last even turns it into "... tidak ada" ("does not
exist"). A form with `ClashMessagesMixin` checks every unique field, `unique_together` and
`UniqueConstraint` of its model itself, finds the row the input clashes with, and names it: "Kode
loket M1 sudah dipakai oleh loket “M1 Loket Dukcapil” di Gedung MPP Alpha." A model's rule can
have its own sentence (`clash_messages`, keyed by constraint name, formatted with the input's
field values and `existing`); every other rule gets the general one. A check constraint without
its own message gets the one named in `clash_messages`.

`with_clash_messages(form_class)` adds the mixin to a form class; the portal's catalogue viewsets
and every ModelAdmin of the operator console use it, so a new model is covered without a step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import Q, UniqueConstraint
from django.db.models.constraints import BaseConstraint
from django.utils.text import capfirst
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class UniqueRule:
    """One way rows of a model must differ: these fields, among the rows matching `condition`."""

    name: str
    fields: tuple[str, ...]
    condition: Q | None = None


def unique_rules(model: type[models.Model]) -> list[UniqueRule]:
    """Every uniqueness rule of `model` that names fields (not expressions)."""
    opts = model._meta
    rules = [
        UniqueRule(name=f"{opts.label_lower}.{field.name}", fields=(field.name,))
        for field in opts.concrete_fields
        if field.unique and not field.primary_key
    ]
    rules += [
        UniqueRule(name=f"{opts.label_lower}.{'_'.join(together)}", fields=tuple(together))
        for together in opts.unique_together
    ]
    rules += [
        UniqueRule(name=c.name, fields=tuple(c.fields), condition=c.condition)
        for c in opts.constraints
        if isinstance(c, UniqueConstraint) and c.fields and not c.expressions
    ]
    return rules


def _q_fields(condition: Q) -> set[str]:
    names: set[str] = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _q_fields(child)
        else:
            names.add(child[0].split("__", 1)[0])  # type: ignore[index]  # a (lookup, value)
    return names


def clash_find(
    instance: models.Model, rule: UniqueRule, *, exclude: set[str] | frozenset[str] = frozenset()
) -> models.Model | None:
    """The saved row `instance` would duplicate under `rule`, or None. Rules touching a field the
    form leaves out are skipped, as Django skips them; NULLs never clash."""
    model = type(instance)
    touched = set(rule.fields) | (_q_fields(rule.condition) if rule.condition else set())
    if touched & set(exclude):
        return None
    lookup: dict[str, Any] = {}
    for name in rule.fields:
        field = model._meta.get_field(name)
        value = getattr(instance, field.attname)  # type: ignore[union-attr]
        if value is None:
            return None
        lookup[field.attname] = value  # type: ignore[union-attr]
    rows = model._default_manager.filter(**lookup)
    if rule.condition is not None:
        using = router.db_for_write(model, instance=instance)
        # What Django's own UniqueConstraint.validate checks the condition against.
        against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)  # type: ignore[attr-defined]
        if not rule.condition.check(against, using=using):
            return None
        rows = rows.filter(rule.condition)
    if not instance._state.adding and instance.pk is not None:
        rows = rows.exclude(pk=instance.pk)
    return rows.order_by("pk").first()


def field_shown(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    if field.is_relation:
        return str(getattr(instance, name))
    if getattr(field, "choices", None):
        return str(getattr(instance, f"get_{name}_display")())
    value = getattr(instance, name)
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def clash_message(
    instance: models.Model,
    rule: UniqueRule,
    existing: models.Model,
    messages: Mapping[str, StrOrPromise] = {},
) -> str:
    """The sentence naming the clash: the model's own for this rule, or the general one."""
    model = type(instance)
    values = {name: field_shown(instance, name) for name in rule.fields}
    if rule.name in messages:
        return str(messages[rule.name]) % {**values, "existing": existing}
    fields = [model._meta.get_field(name) for name in rule.fields]
    own = [
        f"{f.verbose_name} {values[f.name]}"  # type: ignore[union-attr]
        for f in fields
        if not f.is_relation and not isinstance(f, models.BooleanField)
    ]
    scope = ", ".join(values[f.name] for f in fields if f.is_relation)
    params = {
        "model": model._meta.verbose_name,
        "existing": existing,
        "fields": capfirst(_(" dan ").join(own)),
        "scope": scope,
    }
    if own and scope:
        return _("%(fields)s sudah dipakai oleh %(model)s “%(existing)s” di %(scope)s.") % params
    if own:
        return _("%(fields)s sudah dipakai oleh %(model)s “%(existing)s”.") % params
    if scope:
        return capfirst(_("%(model)s “%(existing)s” sudah ada untuk %(scope)s.") % params)
    return capfirst(_("%(model)s “%(existing)s” sudah ada; hanya boleh satu.") % params)


def clash_errors(
    instance: models.Model,
    *,
    exclude: set[str] | frozenset[str] = frozenset(),
    messages: Mapping[str, StrOrPromise] = {},
    form_fields: Mapping[str, Any] | None = None,
) -> dict[str | None, list[str]]:
    """Every clash of `instance`, by the form field it belongs to (None: the whole form)."""
    errors: dict[str | None, list[str]] = {}
    for rule in unique_rules(type(instance)):
        existing = clash_find(instance, rule, exclude=exclude)
        if existing is None:
            continue
        fields = [instance._meta.get_field(name) for name in rule.fields]
        typed = [f.name for f in fields if not f.is_relation] + [f.name for f in fields]
        target = next((name for name in typed if form_fields is None or name in form_fields), None)
        errors.setdefault(target, []).append(clash_message(instance, rule, existing, messages))
    return errors


def _default_message(constraint: BaseConstraint) -> bool:
    return constraint.violation_error_message == constraint.default_violation_error_message


class ClashMessagesMixin:
    """For ModelForms: uniqueness clashes name the row clashed with; check constraints speak ours.

    `clash_messages` maps a constraint's name (or `app.model.field` for a unique field) to the
    sentence for it."""

    clash_messages: Mapping[str, StrOrPromise] = {}

    def validate_unique(self) -> None:
        form: Any = self
        exclude = set(form._get_validation_exclusions())
        errors = clash_errors(
            form.instance, exclude=exclude, messages=self.clash_messages, form_fields=form.fields
        )
        for field, messages in errors.items():
            for message in messages:
                form.add_error(field, message)

    def validate_constraints(self) -> None:
        """The model's other constraints (its unique ones were checked above)."""
        form: Any = self
        instance = form.instance
        exclude = set(form._get_validation_exclusions())
        using = router.db_for_write(type(instance), instance=instance)
        for constraint in instance._meta.constraints:
            if isinstance(constraint, UniqueConstraint) and constraint.fields:
                continue
            try:
                constraint.validate(type(instance), instance, exclude=exclude, using=using)
            except ValidationError as exc:
                error = exc
                if _default_message(constraint) and constraint.name in self.clash_messages:
                    error = ValidationError(str(self.clash_messages[constraint.name]))
                form.add_error(None, error)


def with_clash_messages(form_class: type, mixin: type[ClashMessagesMixin] = ClashMessagesMixin):
    """`form_class` with `mixin` in front (the class itself if it has it already). Admins build
    their form classes per request, and so does this: nothing is kept."""
    if issubclass(form_class, mixin):
        return form_class
    return type(form_class.__name__, (mixin, form_class), {"__module__": form_class.__module__})
