"""What a regency's portal may read of the template library from its own schema: the template it
adopted, that template's newest approved version, and the diff of two versions' rows. The door
between schemas for templates (docs/adr/0027): tenant code imports this module, never
onboarding.library. Schema: tenant -> public (each read switches to the public schema).
"""

from __future__ import annotations

import dataclasses

from django_tenants.utils import schema_context

from onboarding.library import (
    DIFF_SECTIONS,
    SectionDiff,
    adoption_for_regency,
    section_diff,
    template_latest_version,
)
from onboarding.localise import source_region
from onboarding.models import TemplateAdoption, TemplateVersion
from onboarding.template_marks import Proposals, marks_propose, placeholders_apply

__all__ = [
    "DIFF_SECTIONS",
    "Proposals",
    "SectionDiff",
    "adoption_with_latest",
    "marks_apply_for_regency",
    "marks_propose_for_regency",
    "section_diff",
    "template_documents_for_regency",
]


def adoption_with_latest(
    *, regency_id: int
) -> tuple[TemplateAdoption | None, TemplateVersion | None]:
    """The regency's adopted template version and the template's newest approved version."""
    with schema_context("public"):
        adoption = adoption_for_regency(regency_id=regency_id)
        if adoption is None:
            return None, None
        return adoption, template_latest_version(template=adoption.template)


def template_documents_for_regency(*, regency, versions: list[TemplateVersion]) -> list[dict]:
    """The versions' documents localised for `regency` (docs/adr/0035), to compare and pull."""
    from onboarding.provisioning_steps import template_document_localised

    with schema_context("public"):
        return [template_document_localised(v, regency=regency) for v in versions]


def marks_propose_for_regency(*, regency, document: dict) -> Proposals:
    """What the publish page proposes to mark as regional in `regency`'s own catalogue document
    (its names as placeholders; its capital, places, phones and domains), read with the names
    adoption will use for it (`meta.region` of the template it would publish)."""
    from onboarding.provisioning_steps import region_meta_for

    with schema_context("public"):
        region = source_region({"meta": {"region": region_meta_for(regency)}})
    assert region is not None
    return marks_propose(document, region)


def marks_apply_for_regency(*, regency, document: dict, accepted: set[str], capital: str) -> dict:
    """`document` with the accepted names (`Term.id`) replaced by their placeholders, the capital
    being the one the admin confirmed."""
    from onboarding.provisioning_steps import region_meta_for

    with schema_context("public"):
        region = source_region({"meta": {"region": region_meta_for(regency)}})
    assert region is not None
    marked = dataclasses.replace(region, capital=capital)
    return placeholders_apply(document, marked, accepted=accepted)
