"""What each staff role may do with the SKM; synced into the regency's groups by `staff`.

The dashboard and the evidence report need no model permission: a regency admin sees the whole
regency, an agency admin their agencies (catalogue.permissions.user_agency_ids). The snippets
(follow-up plan, sample population) and the SKM setting need these.
"""

from __future__ import annotations

from staff.roles import ROLE_REGENCY_ADMIN

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
