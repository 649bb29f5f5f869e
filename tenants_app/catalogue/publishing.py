"""Publishing a service's revision: what happens when a draft goes live (from the editor, a revert,
or Wagtail's `publish_scheduled` at its go-live time). Schema: tenant.

The row is the live service; the standard edited with it travels in the revision as
`standard_draft` and becomes the service's standard in force here (a new version when it changed).
Every publish is recorded in the regency's activity trail (ADR 0032).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.dispatch import receiver
from wagtail.signals import published

from activity.actions import activity_record
from catalogue.actions import STANDARD_FIELDS
from catalogue.admin_actions import service_standard_save
from catalogue.models import Service
from satupintu.page_cache import portal_cache_bump

DATE_FIELDS = ("decree_date", "review_date")


def standard_from_draft(draft: dict[str, Any]) -> dict[str, Any]:
    """The revision's JSON standard back in the types service_standard_publish expects."""
    data = dict(draft)
    for name in DATE_FIELDS:
        value = data.get(name)
        if isinstance(value, str):
            data[name] = datetime.date.fromisoformat(value) if value else None
    return data


def standard_as_draft(service: Service) -> dict[str, Any]:
    """The service's standard in force, in the JSON shape a revision carries."""
    standard = service.current_standard
    if standard is None:
        return {}
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name in STANDARD_FIELDS
        for value in [getattr(standard, name)]
    }


def service_baseline_revision(*, service: Service) -> None:
    """A service published before drafts existed gets a first revision holding what is live, so
    its first edit can be compared with and reverted to it (existing rows: live, no revision)."""
    if service.latest_revision_id is not None:
        return
    # A copy: the caller's instance may already carry the form's edits.
    live = Service.objects.select_related("current_standard").get(pk=service.pk)
    live.standard_draft = standard_as_draft(live)
    revision = live.save_revision(clean=False)
    Service.objects.filter(pk=service.pk).update(
        live_revision=revision, has_unpublished_changes=False, standard_draft=live.standard_draft
    )


# Who publishes, set by the admin's publish action around Wagtail's publish (whose log entry
# naming the user is written only after the signal); unset for scheduled publishing.
PUBLISHER: ContextVar[Any] = ContextVar("catalogue_publisher", default=None)


@contextmanager
def publishing_as(user) -> Iterator[None]:
    token = PUBLISHER.set(user)
    try:
        yield
    finally:
        PUBLISHER.reset(token)


@receiver(published, sender=Service)
def service_published(sender, instance: Service, revision=None, **kwargs) -> None:
    """Inside Wagtail's publish transaction: the standard, the trail, the portal's cache."""
    actor = PUBLISHER.get()
    if instance.standard_draft:
        service_standard_save(
            service=instance, data=standard_from_draft(instance.standard_draft), user=actor
        )
    activity_record(
        actor=actor,
        verb="service.publish",
        target=instance,
        summary=("" if actor is not None else "terjadwal ")
        + (f"revisi {revision.pk}" if revision is not None else ""),
    )
    portal_cache_bump()
