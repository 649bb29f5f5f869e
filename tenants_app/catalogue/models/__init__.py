"""A regency's MPP catalogue: locations, agencies, counters, services and their legal service
standard, service pledges, and opening hours. Schema: tenant.

Every row has a `key`: a stable slug that names it in URLs and in the portable catalogue format
(docs/catalogue.md), so a template's agency stays the same agency after a regency renames it.

A package split by domain (issue #10); every model and helper stays importable from here, which
is also the module path Django and the migrations know them by.
"""

from catalogue.models.agencies import (
    Agency,
    AgencyMembership,
    EnglishText,
)
from catalogue.models.common import (
    KEY_PATTERN,
    AgencyKind,
    Drafted,
    Facility,
    LocationKind,
    ServiceChannel,
    TimeUnit,
    Weekday,
    drafted_permissions,
    key_field,
    key_validator,
    opens_before_closes,
)
from catalogue.models.locations import (
    Location,
)
from catalogue.models.schedules import (
    BreakWindow,
    DateOverride,
    ScheduleProfile,
    WeeklyHours,
)
from catalogue.models.services import (
    Counter,
    Service,
    ServiceCategory,
    ServicePledge,
    ServiceStandard,
)

__all__ = [
    "KEY_PATTERN",
    "Agency",
    "AgencyKind",
    "AgencyMembership",
    "BreakWindow",
    "Counter",
    "DateOverride",
    "Drafted",
    "EnglishText",
    "Facility",
    "Location",
    "LocationKind",
    "ScheduleProfile",
    "Service",
    "ServiceCategory",
    "ServiceChannel",
    "ServicePledge",
    "ServiceStandard",
    "TimeUnit",
    "Weekday",
    "WeeklyHours",
    "drafted_permissions",
    "key_field",
    "key_validator",
    "opens_before_closes",
]
