"""Who holds which staff role. Schema: tenant."""

from __future__ import annotations

from staff.roles import AGENCY_SCOPED_ROLES


def user_roles(user) -> frozenset[str]:
    """The staff roles (group names) a signed-in user holds; none for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_staff_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._staff_roles = cached
    return cached


def user_has_role(user, role: str) -> bool:
    return role in user_roles(user)


def role_is_agency_scoped(role: str) -> bool:
    return role in AGENCY_SCOPED_ROLES
