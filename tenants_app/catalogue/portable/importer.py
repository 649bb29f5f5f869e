"""Importing a portable catalogue into the current regency's schema.

Rows are matched by `key`: an import creates what is new, updates what differs and, in `replace`
mode, deactivates (never deletes) catalogue rows the document no longer has. The whole import is
one transaction; a dry run performs it and rolls back, so its report is exactly what would
change. Rows are written in bulk (a template of 150 services is a few dozen queries), because
provisioning a regency from a template must take seconds. The CSV import and the template
library use this same path.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from catalogue.portable.sections import SectionImporter
from catalogue.portable.validation import SECTIONS, validate_document
from satupintu.page_cache import portal_cache_bump
from satupintu.tasks_coalesce import tasks_coalesced

ALL_PARTS = frozenset(SECTIONS)


@dataclass
class ImportReport:
    created: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    updated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    deactivated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unchanged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    dry_run: bool = False

    @property
    def has_changes(self) -> bool:
        return (
            any(self.created.values())
            or any(self.updated.values())
            or any(self.deactivated.values())
        )

    def summary(self) -> dict[str, dict[str, int]]:
        sections = (
            set(self.created) | set(self.updated) | set(self.deactivated) | set(self.unchanged)
        )
        return {
            s: {
                "created": len(self.created.get(s, [])),
                "updated": len(self.updated.get(s, [])),
                "deactivated": len(self.deactivated.get(s, [])),
                "unchanged": self.unchanged.get(s, 0),
            }
            for s in sorted(sections)
        }


class _DryRunRollback(Exception):
    pass


def catalogue_import(
    *,
    document: dict[str, Any],
    parts: frozenset[str] | set[str] = ALL_PARTS,
    replace: bool = False,
    dry_run: bool = False,
    user_id: int | None = None,
    skip_keys: dict[str, set[str]] | None = None,
    known_keys: dict[str, set[str]] | None = None,
    pages_live: bool = True,
) -> ImportReport:
    """Validate and import; raise CatalogueInvalid (nothing changed) when the document is wrong.

    `skip_keys` leaves out rows by section and key (a template's agencies the applicant switched
    off, and everything that belongs to them).
    """
    validate_document(document, known=known_keys)
    document = _without_skipped(document, skip_keys or {})
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            # Pages are saved several times while built; each is indexed once (docs/adr/0060).
            with tasks_coalesced():
                SectionImporter(document, set(parts), replace, report, user_id, pages_live).run()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        return report
    if report.has_changes:
        portal_cache_bump()
    return report


def _without_skipped(document: dict[str, Any], skip: dict[str, set[str]]) -> dict[str, Any]:
    if not any(skip.values()):
        return document
    agencies = skip.get("agencies", set())
    doc = dict(document)
    doc["agencies"] = [a for a in document.get("agencies", []) if a["key"] not in agencies]
    doc["services"] = [
        s
        for s in document.get("services", [])
        if s["agency"] not in agencies and s["key"] not in skip.get("services", set())
    ]
    kept_services = {s["key"] for s in doc["services"]}
    doc["counters"] = [
        {**c, "services": [k for k in c.get("services", []) if k in kept_services]}
        for c in document.get("counters", [])
        if c["agency"] not in agencies and c["key"] not in skip.get("counters", set())
    ]
    doc["pledges"] = [p for p in document.get("pledges", []) if p.get("agency") not in agencies]
    return doc
