"""Who may read the regency's activity trail. Schema: tenant."""

from staff.roles import ROLE_REGENCY_ADMIN

GRANTS: dict[str, tuple[str, ...]] = {ROLE_REGENCY_ADMIN: ("activity.view_activityentry",)}
