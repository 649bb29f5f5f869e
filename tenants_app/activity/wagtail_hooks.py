"""The "Jejak aktivitas" listing in a portal's Wagtail admin, under Reports, for regency admins."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from activity import views


@hooks.register("register_admin_urls")
def activity_urls():
    return [path("aktivitas/", views.activity_list_view, name="activity_list")]


class _ActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def activity_menu_item():
    return _ActivityMenuItem(
        _("Jejak aktivitas"), reverse("activity_list"), icon_name="history", order=900
    )
