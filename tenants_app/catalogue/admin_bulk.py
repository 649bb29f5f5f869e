"""Bulk actions of the catalogue admin: switch rows on and off without deleting their history
(registered in wagtail_hooks). Schema: tenant.
"""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from catalogue.admin_actions import rows_active_set
from catalogue.admin_views import LIMITED
from catalogue.limits import LimitExceeded, limit_check
from catalogue.models import Agency, Counter, Location, Service


class _ActiveBulkAction(SnippetBulkAction):
    models = [Service, Agency, Counter, Location]
    target_state = True

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        view = kwargs["self"]
        model = view.model
        if cls.target_state and model in LIMITED:
            try:
                limit_check(
                    resource=LIMITED[model], adding=sum(1 for o in objects if not o.is_active)
                )
            except LimitExceeded as exc:
                messages.error(view.request, str(exc))
                return 0, 0
        count = rows_active_set(
            user=view.request.user, model=model, objects=objects, target_state=cls.target_state
        )
        return count, 0


class ActivateBulkAction(_ActiveBulkAction):
    display_name = _("Aktifkan")
    action_type = "activate"
    aria_label = _("Aktifkan yang dipilih")
    template_name = "tenants_app/admin/confirm_bulk_active.html"
    action_priority = 40
    target_state = True

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d baris diaktifkan.", "%(n)d baris diaktifkan.", num_parent_objects
        ) % {"n": num_parent_objects}


class DeactivateBulkAction(_ActiveBulkAction):
    display_name = _("Nonaktifkan")
    action_type = "deactivate"
    aria_label = _("Nonaktifkan yang dipilih")
    template_name = "tenants_app/admin/confirm_bulk_active.html"
    action_priority = 41
    target_state = False

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d baris dinonaktifkan.", "%(n)d baris dinonaktifkan.", num_parent_objects
        ) % {"n": num_parent_objects}
