"""What each staff role may do with the catalogue. Schema: tenant."""

from staff.roles import ROLE_AGENCY_ADMIN, ROLE_REGENCY_ADMIN

_MODELS = (
    "location",
    "agency",
    "agencymembership",
    "servicecategory",
    "service",
    "servicestandard",
    "counter",
    "servicepledge",
    "scheduleprofile",
    "weeklyhours",
    "breakwindow",
    "dateoverride",
)

# The models with drafts (catalogue.publishing.DRAFTED_MODELS); agency admins draft, never publish.
DRAFTED = ("service", "agency", "location", "servicepledge", "weeklyhours", "dateoverride")

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_REGENCY_ADMIN: (
        *(
            f"tenants_app.{action}_{model}"
            for model in _MODELS
            for action in ("add", "change", "delete", "view")
        ),
        # Drafts go live only when an Admin MPP publishes them (ADR 0032, 0042).
        *(
            f"tenants_app.{action}_{model}"
            for model in DRAFTED
            for action in ("publish", "lock", "unlock")
        ),
    ),
    # Narrowed to their own agencies by catalogue.permissions.
    ROLE_AGENCY_ADMIN: (
        *(
            f"tenants_app.{a}_{m}"
            for m in ("service", "counter", "servicepledge")
            for a in ("add", "change", "view")
        ),
        "tenants_app.view_servicestandard",
        "tenants_app.add_servicestandard",
        "tenants_app.view_agency",
        "tenants_app.change_agency",
        "tenants_app.view_location",
        "tenants_app.view_servicecategory",
    ),
}
