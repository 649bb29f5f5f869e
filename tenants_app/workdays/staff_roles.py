"""What each staff role may do with the regency's calendar. Schema: tenant."""

from staff.roles import ROLE_REGENCY_ADMIN

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_REGENCY_ADMIN: tuple(f"workdays.{a}_closure" for a in ("add", "change", "delete", "view")),
}
