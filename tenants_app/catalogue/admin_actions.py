"""Writes the catalogue's admin screens ask for, apart from the screens: a service's standard
published with the service, and rows switched on or off in bulk; each records its activity.
Schema: tenant.
"""

from __future__ import annotations

from django.db import transaction

from catalogue.actions import service_search_refresh, service_standard_publish
from catalogue.admin_activity import bulk_active_record, standard_published_record
from catalogue.models import Service
from satupintu.page_cache import portal_cache_bump


def service_standard_save(*, service: Service, data: dict, user) -> None:
    """Publish the standard edited with `service` (a new version when it changed), record it and
    refresh the service's search text; inside the caller's transaction."""
    previous = service.current_standard
    standard = service_standard_publish(
        service=service, data=data, user_id=user.pk if user is not None else None
    )
    standard_published_record(user=user, service=service, previous=previous, standard=standard)
    service_search_refresh(service_ids=[service.pk])


def rows_active_set(*, user, model, objects, target_state: bool) -> int:
    """Switch the chosen rows on or off (their history stays), recorded in the trail."""
    with transaction.atomic():
        bulk_active_record(user=user, objects=objects, target_state=target_state)
        count = model.objects.filter(pk__in=[o.pk for o in objects]).update(is_active=target_state)
    portal_cache_bump()
    return count
