"""The catalogue admin's writes, recorded in the regency's trail (activity). Schema: tenant.

Mixed into the snippet views of wagtail_hooks: a create records the new row's fields, an edit the
changed fields only (before/after), a delete the row's fields as they were.
"""

from __future__ import annotations

from django.db import models

from activity.actions import activity_changes, activity_record, activity_snapshot


def catalogue_verb(instance: models.Model, what: str) -> str:
    """ "service.update", "agency.delete", ... named after the model."""
    return f"{instance._meta.model_name}.{what}"


class ActivityCreateMixin:
    def save_instance(self):
        instance = super().save_instance()  # type: ignore[misc]
        activity_record(
            actor=self.request.user,  # type: ignore[attr-defined]
            verb=catalogue_verb(instance, "create"),
            target=instance,
            after=activity_snapshot(instance),
        )
        return instance


class ActivityEditMixin:
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)  # type: ignore[misc]
        self._activity_before = activity_snapshot(instance)
        return instance

    def save_instance(self):
        instance = super().save_instance()  # type: ignore[misc]
        before, after = activity_changes(self._activity_before, activity_snapshot(instance))
        if before or after:
            activity_record(
                actor=self.request.user,  # type: ignore[attr-defined]
                verb=catalogue_verb(instance, "update"),
                target=instance,
                before=before,
                after=after,
            )
        return instance


class ActivityDeleteMixin:
    def delete_action(self):
        """Recorded first, while the row still has its id; a refused delete rolls both back."""
        instance = self.object  # type: ignore[attr-defined]
        activity_record(
            actor=self.request.user,  # type: ignore[attr-defined]
            verb=catalogue_verb(instance, "delete"),
            target=instance,
            before=activity_snapshot(instance),
        )
        super().delete_action()  # type: ignore[misc]


def standard_published_record(*, user, service, previous, standard) -> None:
    """A new version of a service's standard: its changed fields against the previous one."""
    if previous is not None and standard.pk == previous.pk:
        return
    old = activity_snapshot(previous) if previous is not None else {}
    before, after = activity_changes(old, activity_snapshot(standard))
    for unchanged_by_nature in ("service", "version", "created_by_id", "created_by"):
        before.pop(unchanged_by_nature, None)
        after.pop(unchanged_by_nature, None)
    activity_record(
        actor=user,
        verb="servicestandard.publish",
        target=service,
        summary=f"v{standard.version}",
        before=before,
        after=after,
    )


def bulk_active_record(*, user, objects, target_state: bool) -> None:
    """One entry per row whose state the bulk action switched."""
    what = "activate" if target_state else "deactivate"
    for instance in objects:
        if instance.is_active == target_state:
            continue
        activity_record(
            actor=user,
            verb=catalogue_verb(instance, what),
            target=instance,
            before={"is_active": instance.is_active},
            after={"is_active": target_state},
        )
