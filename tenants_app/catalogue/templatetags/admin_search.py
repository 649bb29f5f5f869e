"""Where the admin dashboard's search box leads, per user (issue 16)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.views.pages.search import SearchView
from wagtail.permission_policies.pages import PagePermissionPolicy

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_search(context) -> dict | None:
    """The admin's search (pages and the catalogue's areas) for those who may search pages. An
    agency admin may not (Wagtail sends them back to the dashboard, a search that goes nowhere):
    their box searches the services listing, which shows their agency's rows. Nothing for a user
    who may do neither."""
    user = context["request"].user
    if PagePermissionPolicy().user_has_any_permission(user, SearchView.any_permission_required):
        return {"url": reverse("wagtailadmin_pages:search"), "form": context["search_form"]}
    if user.has_perm("tenants_app.view_service"):
        return {
            "url": reverse("wagtailsnippets_tenants_app_service:list"),
            "form": SearchForm(placeholder=_("Cari layanan…")),
        }
    return None
