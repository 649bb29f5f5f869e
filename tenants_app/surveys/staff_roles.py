"""What each staff role may do with the SKM (synced by the `staff` registry app)."""

from __future__ import annotations

ROLE_REGENCY_ADMIN = "Admin MPP"  # staff.roles.ROLE_REGENCY_ADMIN once `staff` is on main

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_REGENCY_ADMIN: (
        "surveys.view_surveyresponse",
        "surveys.add_surveyresponse",
        "surveys.change_surveyresponse",
        "surveys.add_followupaction",
        "surveys.change_followupaction",
        "surveys.delete_followupaction",
        "surveys.view_followupaction",
        "surveys.add_samplepopulation",
        "surveys.change_samplepopulation",
        "surveys.delete_samplepopulation",
        "surveys.view_samplepopulation",
        "surveys.change_surveysettings",
    ),
}
