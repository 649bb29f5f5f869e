"""Who may set up the regency's notification channels and see its outbox. Schema: tenant."""

from staff.roles import ROLE_REGENCY_ADMIN

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_REGENCY_ADMIN: (
        "notify.change_channelsetting",
        "notify.view_channelsetting",
        "notify.view_outboxmessage",
    ),
}
