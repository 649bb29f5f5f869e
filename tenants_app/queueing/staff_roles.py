"""What each staff role may do in the queue (the `staff` registry syncs these into groups).
Agency admins and counter officers act only for their agencies' counters and queues
(catalogue.permissions). Schema: tenant.
"""

from staff.roles import ROLE_AGENCY_ADMIN, ROLE_COUNTER_OFFICER, ROLE_REGENCY_ADMIN

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
