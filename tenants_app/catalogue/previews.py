"""Previews of a catalogue draft as citizens would see it (Wagtail's PreviewableMixin on the
snippets, issue 16). The citizen pages belong to the portal (cms), which the catalogue never
imports: the portal plugs its renderers in from above (`preview_renderers_provide`, from
cms.apps), as it does for the portable document's portal parts. Schema: tenant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.models import PreviewableMixin

Renderer = Callable[[HttpRequest, Any], HttpResponse]
_RENDERERS: dict[str, Renderer] = {}


def preview_renderers_provide(**renderers: Renderer) -> None:
    """`agency=...`, `service=...`: how the portal renders a draft of that model."""
    _RENDERERS.update(renderers)


class CataloguePreviewable(PreviewableMixin):
    """A draft shown with the portal's own page template, before it is published."""

    def serve_preview(self, request, mode_name):
        renderer = _RENDERERS.get(self._meta.model_name)  # type: ignore[attr-defined]
        if renderer is None:
            return HttpResponse(_("Pratinjau tidak tersedia."), content_type="text/plain")
        return renderer(request, self)
