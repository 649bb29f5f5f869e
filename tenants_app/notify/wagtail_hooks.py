"""The notification settings screen in a portal's Wagtail admin, under Settings, for regency
admins."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from notify import views


@hooks.register("register_admin_urls")
def notify_urls():
    return [
        path("notifikasi/", views.settings_view, name="notify_settings"),
        path("notifikasi/uji/<str:channel>/", views.test_send_view, name="notify_test_send"),
    ]


class _NotifyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.CHANGE_PERMISSION)


@hooks.register("register_settings_menu_item")
def notify_menu_item():
    return _NotifyMenuItem(
        _("Notifikasi WhatsApp & SMS"), reverse("notify_settings"), icon_name="mail", order=800
    )
