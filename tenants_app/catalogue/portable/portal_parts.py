"""The parts of the portable document the portal layer owns: its branding and its pages.

cms sits above the catalogue and owns those rows, so it contributes their export and import when
Django starts (CmsConfig.ready calls `portal_parts_provide`); the catalogue never imports cms
(docs/adr/0027). Schema: tenant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_provided: dict[str, Callable[..., Any]] = {}


def portal_parts_provide(
    *, export: Callable[[], dict[str, Any]], import_: Callable[..., None]
) -> None:
    _provided["export"] = export
    _provided["import"] = import_


def _provider(name: str) -> Callable[..., Any]:
    try:
        return _provided[name]
    except KeyError:
        raise ImproperlyConfigured(
            "The portal's branding and pages have no provider: is cms installed?"
        ) from None


def portal_content_export() -> dict[str, Any]:
    """The portal's branding and pages, as sections of the portable document."""
    return _provider("export")()


def portal_content_import(
    *, branding: dict[str, Any] | None, pages: list[dict[str, Any]] | None, report, pages_live: bool
) -> None:
    """Write the document's branding and pages into the portal (only the parts given)."""
    _provider("import")(branding=branding, pages=pages, report=report, pages_live=pages_live)
