"""Who may change which catalogue rows in a portal's admin. Schema: tenant.

A regency admin (superuser or the "Admin MPP" group) manages everything; an agency admin (a user
with an AgencyMembership) manages only the services and counters of their own agencies, and
their agency's profile.
"""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet
from wagtail.permission_policies.base import ModelPermissionPolicy

from staff.roles import ROLE_REGENCY_ADMIN

_UNKNOWN = object()


def user_agency_ids(user) -> set[int] | None:
    """`None` when the user may act for every agency; otherwise the agencies they manage.

    Worked out once per user object (a request's user): the admin asks for every menu item and
    every row of a bulk action.
    """
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_agency_ids", _UNKNOWN)
    if cached is _UNKNOWN:
        if user.is_superuser or user.groups.filter(name=ROLE_REGENCY_ADMIN).exists():
            cached = None
        else:
            from catalogue.models import AgencyMembership

            cached = set(
                AgencyMembership.objects.filter(user=user).values_list("agency_id", flat=True)
            )
        user._agency_ids = cached
    return cast(set[int] | None, cached)


class AgencyScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the user's agencies for rows that belong to an agency."""

    agency_attname = "agency_id"

    def _in_scope(self, user, instance) -> bool:
        agencies = user_agency_ids(user)
        return agencies is None or getattr(instance, self.agency_attname) in agencies

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        queryset = super().instances_user_has_any_permission_for(user, actions)
        agencies = user_agency_ids(user)
        if agencies is None:
            return queryset
        return queryset.filter(**{f"{self.agency_attname}__in": agencies})


class OwnAgencyPermissionPolicy(AgencyScopedPermissionPolicy):
    """For the Agency model itself: an agency admin may edit only their own agency."""

    agency_attname = "pk"


def scope_queryset(queryset: QuerySet, user, field: str = "agency_id") -> QuerySet:
    agencies = user_agency_ids(user)
    return queryset if agencies is None else queryset.filter(**{f"{field}__in": agencies})
