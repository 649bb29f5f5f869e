"""What a regency's portal may write into the template library from its own admin: recording the
parts it pulled from a newer version, and offering its own setup as a template. The door between
schemas for templates (docs/adr/0027); reads are in onboarding.selectors. Schema: tenant ->
public (each function switches to the public schema and writes only public rows).
"""

from __future__ import annotations

from typing import Any

from django_tenants.utils import schema_context

from onboarding.library import (
    TemplateError,
    template_adoption_advance,
    template_submit_from_regency,
)
from onboarding.models import TemplateVersion

__all__ = ["TemplateError", "template_pulled_from_portal", "template_submit_from_portal"]


def template_pulled_from_portal(
    *, regency, version: TemplateVersion, pulled: dict[str, list[str]], actor_email: str
) -> None:
    """The regency pulled parts of `version`: later versions are compared against it."""
    with schema_context("public"):
        template_adoption_advance(
            regency=regency, version=version, pulled=pulled, actor_email=actor_email
        )


def template_submit_from_portal(
    *,
    regency,
    name: str,
    description: str,
    document: dict[str, Any],
    actor_email: str,
    marks: dict[str, Any] | None = None,
) -> TemplateVersion:
    """A regency admin publishes the portal's setup; operators approve it first."""
    with schema_context("public"):
        return template_submit_from_regency(
            regency=regency,
            name=name,
            description=description,
            document=document,
            actor_email=actor_email,
            marks=marks,
        )
