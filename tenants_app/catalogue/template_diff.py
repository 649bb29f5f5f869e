"""What changed in the template a portal came from, row by row: a three-way comparison of the
adopted version, the template's newest version and the portal as it is. Pure: reads documents
only. Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from catalogue.models import Agency, Counter, Location, Service
from catalogue.portable.compare import row_fingerprints
from onboarding.selectors import DIFF_SECTIONS, section_diff

SECTION_MODELS: dict[str, Any] = {
    "agencies": Agency,
    "services": Service,
    "counters": Counter,
    "locations": Location,
}
SECTION_LABELS = {
    "agencies": gettext_lazy("Instansi"),
    "services": gettext_lazy("Layanan"),
    "counters": gettext_lazy("Loket"),
    "locations": gettext_lazy("Lokasi"),
}


@dataclass
class RowChange:
    section: str
    key: str
    name: str
    kind: str  # "added", "changed" or "removed"
    edited_here: bool  # the regency changed this row since adopting the template

    @property
    def field_name(self) -> str:
        return f"pull-{self.section}-{self.key}"

    @property
    def default_on(self) -> bool:
        return self.kind != "removed" and not self.edited_here


def template_changes(
    *, base: dict[str, Any], new: dict[str, Any], current: dict[str, Any]
) -> list[RowChange]:
    """Three-way: the adopted version, the template's newest version, and the portal as it is."""
    changes = []
    for section in DIFF_SECTIONS:
        theirs = row_fingerprints(base, section)  # each fingerprint cleans every row: once
        diff = section_diff(theirs, row_fingerprints(new, section))
        ours = row_fingerprints(current, section)
        names = {
            r["key"]: r.get("name", r["key"])
            for r in [*base.get(section, []), *new.get(section, [])]
        }
        for kind in ("added", "changed", "removed"):
            for key in getattr(diff, kind):
                edited = key in theirs and ours.get(key) not in (None, theirs[key])
                changes.append(RowChange(section, key, names.get(key, key), kind, edited))
    return changes
