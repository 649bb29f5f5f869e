"""Comparing catalogue rows by meaning, not by formatting: a template's hand-written row and the
same row exported from a portal compare equal when they would import to the same data."""

from __future__ import annotations

import json
from typing import Any

from catalogue.actions import clean_plain, clean_plain_list, standard_values
from catalogue.portable.standard import standard_data

SECTION_FIELDS = {
    "agencies": (
        "name",
        "abbreviation",
        "kind",
        "parent",
        "description",
        "phone",
        "email",
        "website",
    ),
    "locations": ("name", "kind", "address", "phone", "description"),
    "counters": ("agency", "location", "code", "name", "queue_prefix", "floor"),
    "services": (
        "name",
        "agency",
        "category",
        "channel",
        "external_url",
        "external_system",
        "description",
    ),
}


def _text(value: Any) -> Any:
    return clean_plain(value) if isinstance(value, str) else value


def canonical_row(section: str, row: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {name: _text(row.get(name) or "") for name in SECTION_FIELDS[section]}
    if section == "locations":
        data["facilities"] = sorted(row.get("facilities", []))
        for name in ("latitude", "longitude"):
            data[name] = round(float(row[name]), 6) if row.get(name) is not None else None
    elif section == "counters":
        data["services"] = sorted(row.get("services", []))
    elif section == "services":
        data["keywords"] = clean_plain_list(row.get("keywords"))  # as the importer stores them
        data["is_popular"] = bool(row.get("is_popular"))
        data["standard"] = _canonical_standard(row.get("standard", {}))
    return data


def _canonical_standard(standard: dict[str, Any]) -> dict[str, Any]:
    if not standard:
        return {}
    values = standard_values(standard_data(standard))
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in sorted(values.items())}


def row_fingerprints(document: dict[str, Any], section: str) -> dict[str, str]:
    """Each row of a section by key, as canonical JSON."""
    return {
        row["key"]: json.dumps(canonical_row(section, row), sort_keys=True, ensure_ascii=False)
        for row in document.get(section, [])
    }
