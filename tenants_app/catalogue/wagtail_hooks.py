"""The catalogue in each portal's Wagtail admin, wired: the agency-scoped permission policies, the
listings (admin_viewsets), the bulk actions (admin_bulk), the import/export, template and billing
screens, their menu items and log actions. Only wiring lives here. Schema: tenant.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from catalogue import billing_views, hours_bulk_views, template_views, views
from catalogue.admin_bulk import ActivateBulkAction, DeactivateBulkAction
from catalogue.admin_viewsets import CatalogueGroup
from catalogue.dashboard import (
    WAGTAIL_DEFAULT_PANELS,
    WAGTAIL_SUMMARY_ITEMS,
    CatalogueTasksPanel,
    is_wagtail_default,
)
from catalogue.models import Agency, Counter, Location, Service, ServicePledge
from catalogue.permissions import (
    AgencyScopedPermissionPolicy,
    OwnAgencyPermissionPolicy,
    user_agency_ids,
)

# Agency admins act only for their own agencies, in listings, edits and bulk actions alike.
register_permission_policy(Service, AgencyScopedPermissionPolicy(Service))
register_permission_policy(Counter, AgencyScopedPermissionPolicy(Counter))
register_permission_policy(ServicePledge, AgencyScopedPermissionPolicy(ServicePledge))
register_permission_policy(Agency, OwnAgencyPermissionPolicy(Agency))

register_snippet(CatalogueGroup)
hooks.register("register_bulk_action", ActivateBulkAction)
hooks.register("register_bulk_action", DeactivateBulkAction)


# --- import and export ----------------------------------------------------------------------------
@hooks.register("register_admin_urls")
def catalogue_urls():
    return [
        path("katalog/impor/", views.catalogue_import_view, name="tenants_app_catalogue_import"),
        path(
            "katalog/impor/terapkan/",
            views.catalogue_import_apply_view,
            name="tenants_app_catalogue_apply",
        ),
        path("katalog/ekspor/", views.catalogue_export_view, name="tenants_app_catalogue_export"),
        path("templat/", template_views.template_updates_view, name="tenants_app_template_updates"),
        path("paket/", billing_views.billing_view, name="tenants_app_billing"),
        path(
            "katalog/jam-sekaligus/",
            hours_bulk_views.hours_bulk_view,
            name="tenants_app_hours_bulk",
        ),
        path("paket/kelola/", billing_views.billing_portal_view, name="tenants_app_billing_portal"),
        path(
            "templat/terbitkan/",
            template_views.template_publish_view,
            name="tenants_app_template_publish",
        ),
    ]


class RegencyAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return user_agency_ids(request.user) is None


@hooks.register("register_admin_menu_item")
def catalogue_import_menu_item():
    return RegencyAdminMenuItem(
        _("Impor / ekspor katalog"),
        reverse("tenants_app_catalogue_import"),
        icon_name="upload",
        order=160,
    )


@hooks.register("register_admin_menu_item")
def template_menu_item():
    return RegencyAdminMenuItem(
        _("Templat MPP"), reverse("tenants_app_template_updates"), icon_name="copy", order=161
    )


@hooks.register("register_admin_menu_item")
def hours_bulk_menu_item():
    return RegencyAdminMenuItem(
        _("Jam sekaligus"),
        reverse("tenants_app_hours_bulk"),
        icon_name="time",
        order=159,
    )


@hooks.register("register_admin_menu_item")
def billing_menu_item():
    return RegencyAdminMenuItem(
        _("Paket dan tagihan"), reverse("tenants_app_billing"), icon_name="tag", order=162
    )


# --- the dashboard: tasks instead of Wagtail's page counts ----------------------------------------
# Late (order): after Wagtail's own apps have added theirs.
@hooks.register("construct_homepage_panels", order=1000)
def catalogue_dashboard_panels(request, panels):
    panels[:] = [p for p in panels if not is_wagtail_default(p, WAGTAIL_DEFAULT_PANELS)]
    if request.user.has_perm("tenants_app.view_service"):
        panels.append(CatalogueTasksPanel(request.user))


@hooks.register("construct_homepage_summary_items", order=1000)
def catalogue_summary_items(request, items):
    items[:] = [i for i in items if not is_wagtail_default(i, WAGTAIL_SUMMARY_ITEMS)]


# --- the admin's search finds the catalogue, not only pages --------------------------------------
class CatalogueSearchArea(SearchArea):
    """A catalogue listing in the admin's search, shown to those who may view its rows; the
    listing searches its own fields (ServiceViewSet.search_fields, ...) with the query."""

    def __init__(self, model, label, icon_name, order):
        meta = model._meta
        super().__init__(
            label,
            reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list"),
            name=f"catalogue-{meta.model_name}",
            icon_name=icon_name,
            order=order,
        )
        self.permission = f"{meta.app_label}.view_{meta.model_name}"
        self.model = model

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

    def render_html(self, request, query, current=None):
        """The area's label with how many rows its listing finds for the query ("Layanan (3)"),
        counted by the listing's own view (its search backend, its agency scope), so a clerk
        sees where the results are before Wagtail's "no pages match" line."""
        html = super().render_html(request, query, current)
        if not query:
            return html
        view = self.model.snippet_viewset.index_view  # what the listing's URL runs
        listing = view.view_class(**view.view_initkwargs)
        listing.setup(request)
        listing.search_query = query
        found = listing.search_queryset(listing.get_base_queryset()).count()
        label = f"{self.label} ({found})"
        return html.replace(f"{self.label}</a>", f"{label}</a>", 1)


@hooks.register("register_admin_search_area")
def service_search_area():
    return CatalogueSearchArea(Service, _("Layanan"), "list-ul", 10)


@hooks.register("register_admin_search_area")
def agency_search_area():
    return CatalogueSearchArea(Agency, _("Instansi"), "group", 11)


@hooks.register("register_admin_search_area")
def location_search_area():
    return CatalogueSearchArea(Location, _("Lokasi"), "site", 12)


@hooks.register("register_admin_search_area")
def counter_search_area():
    return CatalogueSearchArea(Counter, _("Loket"), "desktop", 13)


@hooks.register("register_log_actions")
def catalogue_log_actions(actions):
    @actions.register_action("satupintu.catalogue_import")
    class CatalogueImportFormatter(LogFormatter):
        label = _("Impor katalog")

        def format_message(self, log_entry):
            return _("Katalog diimpor")
