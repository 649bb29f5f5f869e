"""Widgets of the catalogue's admin forms. Schema: tenant."""

from __future__ import annotations

from django import forms
from wagtail.snippets.widgets import AdminSnippetChooser


class ServicePicker(forms.CheckboxSelectMultiple):
    """A counter's services as checkboxes grouped by agency, with a filter box (a few lines of
    JS narrow the list; without JS the whole grouped list is there), instead of a long
    multi-select."""

    template_name = "tenants_app/admin/service_picker.html"

    class Media:
        js = ["catalogue/service_picker.js"]
        css = {"all": ["catalogue/service_picker.css"]}


def services_grouped_by_agency(queryset) -> list[tuple[str, list[tuple[int, str]]]]:
    """[(agency's full name, [(service id, service name), ...]), ...] for the picker."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, name, agency in queryset.order_by(
        "agency__sort_order", "agency__name", "name"
    ).values_list("pk", "name", "agency__name"):
        groups.setdefault(agency, []).append((pk, name))
    return list(groups.items())


class AgencyChooser(AdminSnippetChooser):
    """An agency shown by its full name (and abbreviation), not the abbreviation alone."""

    def get_display_title(self, instance) -> str:
        if instance.abbreviation:
            return f"{instance.name} ({instance.abbreviation})"
        return instance.name
