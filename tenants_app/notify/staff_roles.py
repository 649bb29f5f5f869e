"""Which staff roles may do what in notify (read by the `staff` registry's roles_sync)."""

ROLE_REGENCY_ADMIN = "Admin MPP"  # staff.roles.ROLE_REGENCY_ADMIN once the registry is on main

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_REGENCY_ADMIN: (
        "notify.change_channelsetting",
        "notify.view_channelsetting",
        "notify.view_outboxmessage",
    ),
}
