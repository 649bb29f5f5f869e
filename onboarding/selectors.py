"""What a regency's portal may read of the template library from its own schema: the template it
adopted, that template's newest approved version, and the diff of two versions' rows. The door
between schemas for templates (docs/adr/0027): tenant code imports this module, never
onboarding.library. Schema: tenant -> public (each read switches to the public schema).
"""

from __future__ import annotations

from django_tenants.utils import schema_context

from onboarding.library import (
    DIFF_SECTIONS,
    SectionDiff,
    adoption_for_regency,
    section_diff,
    template_latest_version,
)
from onboarding.models import TemplateAdoption, TemplateVersion

__all__ = [
    "DIFF_SECTIONS",
    "SectionDiff",
    "adoption_with_latest",
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
