"""Staff roles written as groups from the registry. Schema: tenant."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction
from django.db.models import Q

from staff.registry import role_grants

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def permissions_get(*specs: str) -> list[Permission]:
    """The Permission rows for "app_label.codename" specs (unknown ones are left out)."""
    query = Q(pk__in=[])
    for spec in specs:
        app_label, codename = spec.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Every role's group holds exactly its registered permissions (idempotent).

    Content types and permissions of all apps are made first: after a `migrate`, Django creates
    them app by app, and a role may hold permissions of an app migrated after this one.
    """
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    counts = {}
    for role, specs in role_grants().items():
        group = Group.objects.get_or_create(name=role)[0]
        permissions = permissions_get(*sorted(specs))
        group.permissions.set(permissions)
        counts[role] = len(permissions)
    return counts
