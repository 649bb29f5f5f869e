"""Wagtail's in-process index updates, run once per object after a burst of saves. Schema: both.

Wagtail's reference index and modelsearch's search index are kept by django-tasks tasks enqueued
on every save (`update_reference_index_task`, `insert_or_update_object_task`); without a TASKS
setting they run at once, in the saving process, inside its transaction. A catalogue import
(a template adopted by a new regency, docs/adr/0060) saves a page several times while it builds
it, so the same object was indexed up to five times, ~30 statements each.

`tasks_coalesced()` holds the tasks enqueued inside it (in this thread or task only) and, when
its block ends without an exception, runs each distinct (task, arguments) once, in the order of
their last enqueue, still inside the caller's transaction: each update reads the object as it is
then, so the indexes end as they would after every update, and a killed process leaves both the
rows and their index entries rolled back together. A block that raises drops what it held (its
transaction is rolled back). Outside the block the backend is django-tasks' immediate backend.

A reference-index update of an inline child (an FAQ item) indexes its parent page, so those are
gathered by the object actually indexed: ten FAQ items and their page are one update, not eleven
(the resolution is `wagtail.tasks.update_reference_index_task`'s, for Wagtail 8).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

_held: ContextVar[dict[tuple, tuple] | None] = ContextVar("tasks_coalesced_held", default=None)


class CoalescingImmediateBackend(ImmediateBackend):
    """The immediate backend; inside `tasks_coalesced()` it holds tasks instead of running them."""

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        held = _held.get()
        if held is None:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        key = (task.module_path, _frozen(args), _frozen(kwargs))
        held.pop(key, None)  # kept in the order of the last enqueue
        held[key] = (self, task, args, kwargs)
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


@contextmanager
def tasks_coalesced() -> Iterator[None]:
    if _held.get() is not None:  # nested: the outer block runs them
        yield
        return
    held: dict[tuple, tuple] = {}
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
    references: dict[tuple[str, str], list[Any]] = {}
    for backend, task, args, kwargs in held.values():
        if task.module_path == REFERENCE_TASK and len(args) == 3 and not kwargs:
            references.setdefault((args[0], args[1]), []).append(args[2])
        else:
            ImmediateBackend.enqueue(backend, task, args, kwargs)
    _references_update(references)


REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


def _references_update(pks_by_model: dict[tuple[str, str], list[Any]]) -> None:
    """Wagtail's reference-index task for many objects: each child resolved to the parent it
    stands for, each indexed object updated once."""
    if not pks_by_model:
        return
    from django.apps import apps
    from django.db import transaction
    from modelcluster.fields import ParentalKey
    from wagtail.models import ReferenceIndex

    roots: dict[tuple[str, Any], Any] = {}
    for (app_label, model_name), pks in pks_by_model.items():
        model = apps.get_model(app_label, model_name)
        for instance in model.objects.filter(pk__in=pks):
            while instance is not None:
                parental = [f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)]
                if not parental:
                    break
                instance = getattr(instance, parental[0].name)
            if instance is not None and ReferenceIndex.is_indexed(instance._meta.model):
                roots.pop((instance._meta.label, instance.pk), None)
                roots[(instance._meta.label, instance.pk)] = instance
    for instance in roots.values():
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(instance)


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value
