"""Which staff roles get which complaint permissions (collected by the `staff` registry).
Schema: tenant."""

from __future__ import annotations

from staff.roles import ROLE_AGENCY_ADMIN, ROLE_COMPLAINT_VERIFIER, ROLE_REGENCY_ADMIN

_COORDINATOR = (
    "wagtailadmin.access_admin",  # the coordinator's only screens are in the admin
    "complaints.view_complaint",
    "complaints.add_complaint",
    "complaints.coordinate_complaint",
    "complaints.view_responsetemplate",
    "complaints.add_responsetemplate",
    "complaints.change_responsetemplate",
    "complaints.delete_responsetemplate",
    "complaints.view_complaintsettings",
    "complaints.change_complaintsettings",
)

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_COMPLAINT_VERIFIER: _COORDINATOR,
    ROLE_REGENCY_ADMIN: _COORDINATOR,
    ROLE_AGENCY_ADMIN: ("complaints.view_complaint", "complaints.answer_complaint"),
}
