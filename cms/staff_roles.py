"""What each staff role may do in the portal's admin. Schema: tenant.

Page and collection permissions are not model permissions: cms.actions.roles_ensure grants them.
"""

from staff.roles import ROLE_AGENCY_ADMIN, ROLE_CONTENT_EDITOR, ROLE_REGENCY_ADMIN

# Images and documents: model permissions of the regency admin here, and in the root collection
# permissions of both the regency admin and the content editor (cms.actions.roles_ensure).
MEDIA_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

GRANTS: dict[str, tuple[str, ...]] = {
    ROLE_REGENCY_ADMIN: (
        "wagtailadmin.access_admin",
        "cms.change_branding",
        "cms.view_branding",
        "cms.change_staffsecurity",
        "cms.view_staffsecurity",
        *MEDIA_PERMISSIONS,
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
    ),
    ROLE_AGENCY_ADMIN: ("wagtailadmin.access_admin", "wagtailimages.choose_image"),
    ROLE_CONTENT_EDITOR: (
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
}
