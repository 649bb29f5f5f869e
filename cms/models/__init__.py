"""The citizen portal: branding (a Wagtail site setting) and the page types. Schema: tenant.

Catalogue pages (services, agencies, locations) are routable index pages that render rows of
`tenants_app`; editors never copy catalogue data into pages.

A package split by domain (issue #10): `branding` (site settings), `portal_pages` (home and the
catalogue index pages), `content_pages` (pledge, news, FAQ, standard pages). Every name stays
importable from here, the module path Django, Wagtail and the migrations know.
"""

from cms.models.branding import (
    SOCIAL_HELP,
    Branding,
    StaffSecurity,
)
from cms.models.content_pages import (
    RICH_FEATURES,
    FaqItem,
    FaqPage,
    NewsIndexPage,
    NewsKind,
    NewsPage,
    PledgePage,
    StandardPage,
    StandardPageKind,
)
from cms.models.golive import HeldSection, HeldValue, PortalLaunch
from cms.models.portal_pages import (
    AgencyIndexPage,
    CataloguePage,
    HomePage,
    LocationIndexPage,
    ServiceIndexPage,
)

__all__ = [
    "RICH_FEATURES",
    "SOCIAL_HELP",
    "AgencyIndexPage",
    "Branding",
    "CataloguePage",
    "FaqItem",
    "FaqPage",
    "HeldSection",
    "HeldValue",
    "HomePage",
    "LocationIndexPage",
    "NewsIndexPage",
    "NewsKind",
    "NewsPage",
    "PledgePage",
    "PortalLaunch",
    "ServiceIndexPage",
    "StaffSecurity",
    "StandardPage",
    "StandardPageKind",
]
