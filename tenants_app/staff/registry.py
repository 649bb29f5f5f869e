"""Which permissions each staff role holds: collected from every installed app. Schema: tenant.

An app contributes by a module `<app>/staff_roles.py` holding
`GRANTS: dict[str, tuple[str, ...]]`, role name -> "app_label.codename" permissions. A role's
permissions are the union of all apps' grants, so a new tenant app never edits another app to give
a role access to its models.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from staff.roles import ROLES

MODULE = "staff_roles"


def role_grants() -> dict[str, frozenset[str]]:
    """Every role's permissions, merged from the installed apps' `staff_roles` modules."""
    merged: dict[str, set[str]] = {role: set() for role in ROLES}
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.{MODULE}"
        if find_spec(app_config.name) is None or find_spec(name) is None:
            continue
        grants = getattr(import_module(name), "GRANTS", None)
        if not isinstance(grants, dict):
            raise ImproperlyConfigured(
                f"{name} must define GRANTS as a dict of role -> permissions"
            )
        for role, permissions in grants.items():
            if role not in merged:
                raise ImproperlyConfigured(f"{name} grants to unknown role {role!r}")
            for permission in permissions:
                if permission.count(".") != 1:
                    raise ImproperlyConfigured(f"{name}: {permission!r} is not app_label.codename")
            merged[role].update(permissions)
    return {role: frozenset(permissions) for role, permissions in merged.items()}
