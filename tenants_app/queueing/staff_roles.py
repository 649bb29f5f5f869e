"""What each staff role may do in the queue (the `staff` registry syncs these into groups).

Role names are the `staff.roles` constants' values, written out so this module loads before the
registry app is merged. Schema: tenant.
"""

ROLE_REGENCY_ADMIN = "Admin MPP"
ROLE_AGENCY_ADMIN = "Admin Instansi"
ROLE_COUNTER_OFFICER = "Petugas Loket"

_MANAGE = tuple(
    f"queueing.{verb}_{model}"
    for model in ("queue", "device", "priorityrule", "servicequota")
    for verb in ("add", "change", "delete", "view")
)

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_REGENCY_ADMIN: (*_MANAGE, "queueing.view_ticket", "queueing.serve_counter"),
    ROLE_AGENCY_ADMIN: ("queueing.view_queue", "queueing.view_ticket", "queueing.serve_counter"),
    ROLE_COUNTER_OFFICER: ("queueing.serve_counter", "queueing.view_ticket"),
}
