"""The complaint screens in a portal's Wagtail admin (hidden when the plan lacks the module)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from complaints import admin_views
from complaints.models import ComplaintSettings, ResponseTemplate
from complaints.selectors import complaint_deadline_counts, complaints_enabled


@hooks.register("register_admin_urls")
def complaint_urls():
    return [
        path("pengaduan/", admin_views.complaint_admin_list, name="complaints_admin_list"),
        path(
            "pengaduan/catat/", admin_views.complaint_admin_record, name="complaints_admin_record"
        ),
        path(
            "pengaduan/<int:pk>/",
            admin_views.complaint_admin_detail,
            name="complaints_admin_detail",
        ),
        path(
            "pengaduan/<int:pk>/tindakan/",
            admin_views.complaint_admin_move,
            name="complaints_admin_move",
        ),
        path(
            "pengaduan/lampiran/<str:token>/",
            admin_views.complaint_admin_attachment,
            name="complaints_admin_attachment",
        ),
    ]


class _ComplaintMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("complaints.view_complaint") and complaints_enabled()


@hooks.register("register_admin_menu_item")
def complaint_menu_item():
    return _ComplaintMenuItem(
        _("Pengaduan"), reverse("complaints_admin_list"), icon_name="mail", order=250
    )


class _ModulePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and none at all while the plan lacks the complaints module."""

    def user_has_permission(self, user, action):
        return complaints_enabled() and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return complaints_enabled() and super().user_has_any_permission(user, actions)


register_permission_policy(ResponseTemplate, _ModulePermissionPolicy(ResponseTemplate))
register_permission_policy(ComplaintSettings, _ModulePermissionPolicy(ComplaintSettings))


class _GatedViewSet(ModelViewSet):
    add_to_admin_menu = False

    def get_menu_item_is_registered(self):
        return False


class ResponseTemplateViewSet(_GatedViewSet):
    model = ResponseTemplate
    icon = "doc-full"
    menu_label = _("Templat tanggapan")
    url_prefix = "pengaduan-templat"
    form_fields = ["status", "title", "text"]
    list_display = ["title", "status"]


class ComplaintSettingsViewSet(_GatedViewSet):
    model = ComplaintSettings
    icon = "cog"
    menu_label = _("Pengaturan pengaduan")
    url_prefix = "pengaduan-pengaturan"
    form_fields = ["reopen_days", "retention_days", "office_closes_at", "reminder_email"]
    list_display = ["reopen_days", "retention_days", "office_closes_at"]


@hooks.register("register_admin_viewset")
def complaint_viewsets():
    return [
        ResponseTemplateViewSet("complaint_templates"),
        ComplaintSettingsViewSet("complaint_settings"),
    ]


class ComplaintDeadlinesPanel(Component):
    """The dashboard's count of complaints overdue and due soon, for the user's own scope."""

    name = "complaint_deadlines"
    order = 90
    template_name = "complaints/admin/deadlines_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"counts": complaint_deadline_counts(self.user)}


@hooks.register("construct_homepage_panels")
def complaint_deadlines_panel(request, panels):
    if request.user.has_perm("complaints.view_complaint") and complaints_enabled():
        panels.append(ComplaintDeadlinesPanel(request.user))
