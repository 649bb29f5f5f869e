"""The names of a regency's staff roles (Wagtail groups). Schema: tenant.

The names are what a regency's staff see in the admin; they are stable keys too, so renaming one
needs a data migration in every schema.
"""

ROLE_REGENCY_ADMIN = "Admin MPP"
ROLE_AGENCY_ADMIN = "Admin Instansi"
ROLE_CONTENT_EDITOR = "Editor Konten"
ROLE_COUNTER_OFFICER = "Petugas Loket"
ROLE_COMPLAINT_VERIFIER = "Admin Koordinator"

ROLES = (
    ROLE_REGENCY_ADMIN,
    ROLE_AGENCY_ADMIN,
    ROLE_CONTENT_EDITOR,
    ROLE_COUNTER_OFFICER,
    ROLE_COMPLAINT_VERIFIER,
)

# Roles whose holders act only for the agencies they are members of (catalogue's
# AgencyMembership); the others act for the whole regency.
AGENCY_SCOPED_ROLES = frozenset({ROLE_AGENCY_ADMIN, ROLE_COUNTER_OFFICER})
