"""Pulling chosen rows of a template's newer version into the portal. Schema: tenant."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from catalogue.portable import catalogue_import
from catalogue.template_diff import SECTION_MODELS, RowChange
from satupintu.page_cache import portal_cache_bump


@transaction.atomic
def template_pull(*, new: dict[str, Any], chosen: list[RowChange]) -> dict[str, list[str]]:
    """Apply the chosen rows of the template's new version; rows it dropped are deactivated."""
    wanted = {
        section: {c.key for c in chosen if c.section == section and c.kind != "removed"}
        for section in SECTION_MODELS
    }
    document = {
        "format": new["format"],
        "version": new["version"],
        "categories": new.get("categories", []),
        **{
            section: [r for r in new.get(section, []) if r["key"] in keys]
            for section, keys in wanted.items()
        },
    }
    _keep_own_identity(document)
    known = {
        section: set(model.objects.values_list("key", flat=True))
        for section, model in SECTION_MODELS.items()
    }
    known["categories"] = set()
    parts = {"categories", *(section for section, keys in wanted.items() if keys)}
    catalogue_import(document=document, parts=parts, known_keys=known)
    for change in chosen:
        if change.kind == "removed":
            SECTION_MODELS[change.section].objects.filter(key=change.key).update(is_active=False)
    portal_cache_bump()
    return {
        section: sorted(c.key for c in chosen if c.section == section) for section in SECTION_MODELS
    }


def _keep_own_identity(document: dict[str, Any]) -> None:
    """What a template cannot know stays the regency's own: its SK numbers and dates, and the
    name and on/off state of its agencies (renamed, or a branch office it confirmed)."""
    from catalogue.models import Agency, Service

    services = {
        s.key: s.current_standard
        for s in Service.objects.filter(
            key__in=[r["key"] for r in document.get("services", [])]
        ).select_related("current_standard")
    }
    for row in document.get("services", []):
        own = services.get(row["key"])
        if own is not None and own.decree_number and row.get("standard"):
            row["standard"]["decree_number"] = own.decree_number
            row["standard"].pop("decree_date", None)
            if own.decree_date:
                row["standard"]["decree_date"] = own.decree_date.isoformat()
    agencies = {
        a.key: a
        for a in Agency.objects.filter(key__in=[r["key"] for r in document.get("agencies", [])])
    }
    for row in document.get("agencies", []):
        own_agency = agencies.get(row["key"])
        if own_agency is not None:
            row["name"], row["is_active"] = own_agency.name, own_agency.is_active
