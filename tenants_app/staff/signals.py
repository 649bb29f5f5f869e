"""Keeping the roles in step with the code after every migrate of a regency's schema.
Schema: tenant."""

from __future__ import annotations

from django.db import connections


def roles_sync_after_migrate(sender, *, using: str = "default", **kwargs) -> None:
    from staff.actions import roles_sync  # actions import models: not while apps load

    schema = getattr(connections[using], "schema_name", "public")
    if schema == "public":
        return  # the roles live in each regency's schema only
    roles_sync()
