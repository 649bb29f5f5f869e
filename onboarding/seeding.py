"""The one place public-schema code writes into a regency's schema: applying a catalogue
document (a template version, or a demo catalogue). Schema: public -> tenant.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from django_tenants.utils import schema_context

if TYPE_CHECKING:
    from regencies.models import Regency
    from tenants_app.portable import ImportReport

SEED_TEMPLATES = ("badung", "bandung", "soppeng")


def seed_template_document(name: str) -> dict[str, Any]:
    """One of the curated seed catalogues shipped with SatuPintu (onboarding/seed_templates/)."""
    if name not in SEED_TEMPLATES:
        raise ValueError(f"unknown seed template {name!r}")
    text = resources.files("onboarding").joinpath(f"seed_templates/{name}.json").read_text("utf-8")
    return json.loads(text)


def template_apply_for_tenant(
    regency: Regency,
    *,
    document: dict[str, Any],
    parts: frozenset[str] | None = None,
    skip_keys: dict[str, set[str]] | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    from tenants_app.portable import ALL_PARTS, catalogue_import

    with schema_context(regency.schema_name):
        return catalogue_import(
            document=document,
            parts=parts or ALL_PARTS,
            skip_keys=skip_keys,
            replace=replace,
            dry_run=dry_run,
        )
