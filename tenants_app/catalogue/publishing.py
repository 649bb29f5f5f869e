"""Publishing a catalogue row's revision: what happens when a draft goes live (from the editor, a
revert, or Wagtail's `publish_scheduled` at its go-live time). Schema: tenant.

One path for every drafted model (catalogue.models.Drafted: services, agencies, locations, the
pledge, weekly hours, date overrides; ADR 0032, 0042): the row is the live version; publishing
records `<model>.publish` in the regency's activity trail and bumps the portal's cache. What a
model needs besides (a service's standard becomes the standard in force, an agency's new name
reaches its services' search text) is its entry in `PUBLISH_EFFECTS`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from wagtail.signals import published

from activity.actions import activity_record
from catalogue.actions import STANDARD_FIELDS, service_search_refresh_for_sources
from catalogue.admin_actions import service_standard_save
from catalogue.admin_activity import catalogue_verb
from catalogue.models import (
    Agency,
    DateOverride,
    Drafted,
    Location,
    Service,
    ServicePledge,
    WeeklyHours,
)
from satupintu.page_cache import portal_cache_bump

DRAFTED_MODELS: tuple[type[Drafted], ...] = (
    Service,
    Agency,
    Location,
    ServicePledge,
    WeeklyHours,
    DateOverride,
)
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


def _service_baseline(service: Service) -> dict[str, Any]:
    service.standard_draft = standard_as_draft(service)
    return {"standard_draft": service.standard_draft}


# What a model's live copy carries into its baseline revision besides its fields.
BASELINE_EXTRAS: dict[type, Callable[[Any], dict[str, Any]]] = {Service: _service_baseline}


def baseline_revision(*, instance: Drafted) -> None:
    """A row published before drafts existed gets a first revision holding what is live, so its
    first edit can be compared with and reverted to it (existing rows: live, no revision)."""
    if instance.latest_revision_id is not None:
        return
    model = type(instance)
    # A copy: the caller's instance may already carry the form's edits.
    live = model.objects.get(pk=instance.pk)
    extra = BASELINE_EXTRAS.get(model, lambda _row: {})(live)
    revision = live.save_revision(clean=False)
    model.objects.filter(pk=instance.pk).update(
        live_revision=revision, has_unpublished_changes=False, **extra
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


def _service_effects(service: Service, actor) -> None:
    if service.standard_draft:
        service_standard_save(
            service=service, data=standard_from_draft(service.standard_draft), user=actor
        )


def _agency_effects(agency: Agency, actor) -> None:
    service_search_refresh_for_sources(agency_keys=[agency.key])


PUBLISH_EFFECTS: dict[type, Callable[[Any, Any], None]] = {
    Service: _service_effects,
    Agency: _agency_effects,
}


def catalogue_published(sender, instance: Drafted, revision=None, **kwargs) -> None:
    """Inside Wagtail's publish transaction: the model's effects, the trail, the portal's cache."""
    actor = PUBLISHER.get()
    effects = PUBLISH_EFFECTS.get(type(instance))
    if effects is not None:
        effects(instance, actor)
    activity_record(
        actor=actor,
        verb=catalogue_verb(instance, "publish"),
        target=instance,
        summary=("" if actor is not None else "terjadwal ")
        + (f"revisi {revision.pk}" if revision is not None else ""),
    )
    portal_cache_bump()


for _model in DRAFTED_MODELS:
    published.connect(
        catalogue_published, sender=_model, dispatch_uid=f"catalogue-published-{_model.__name__}"
    )
