"""The bulk actions a listing offers, per user (issue 16). Schema: tenant.

Wagtail offers every registered bulk action to everyone who sees a listing, and checks the user's
permission only on the confirmation screen, which then refuses every chosen row ("You don't have
permission to delete these"): an agency admin, who deletes nothing, was offered "Hapus" on every
catalogue listing, and "Aktifkan"/"Nonaktifkan" on locations they may only view. An action needing
a model permission the user lacks altogether is left out; Wagtail's screen still checks each row.
"""

from __future__ import annotations

from django import template
from django.apps import apps
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page
from wagtail.permissions import policy_registry

register = template.Library()

# The model permission each kind of bulk action needs on its rows (Wagtail's snippet, image and
# document actions, and catalogue.admin_bulk's); other kinds are left to their own screens.
ACTION_PERMISSIONS = {
    "delete": "delete",
    "activate": "change",
    "deactivate": "change",
    "add_tags": "change",
    "add_to_collection": "change",
}


def refused_action_urls(user, app_label: str, model_name: str) -> set[str]:
    """The confirmation screens of the model's bulk actions that `user` may use on no row."""
    model = apps.get_model(app_label, model_name)
    if issubclass(model, Page):
        return set()  # page actions depend on each page's own permissions
    policy = policy_registry.get_by_type(model)
    return {
        reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
        if action.action_type in ACTION_PERMISSIONS
        and not policy.user_has_permission(user, ACTION_PERMISSIONS[action.action_type])
    }


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def bulk_action_choices_for_user(context, app_label, model_name):
    """Wagtail's `bulk_action_choices`, without the actions the user may use on no row."""
    choices = bulk_action_choices(context, app_label, model_name)
    refused = refused_action_urls(context["request"].user, app_label, model_name)
    buttons = []
    for button in choices["buttons"]:
        if getattr(button, "url", None) in refused:
            continue
        inner = getattr(button, "dropdown_buttons", None)
        if inner is not None:
            button.dropdown_buttons = [b for b in inner if b.url not in refused]
            if not button.dropdown_buttons:
                continue
        buttons.append(button)
    return {**choices, "buttons": buttons}


def bulk_actions_offered_to(user, app_label: str, model_name: str) -> bool:
    """Whether `user` is offered any of the model's bulk actions."""
    registered = list(bulk_action_registry.get_bulk_actions_for_model(app_label, model_name))
    return len(registered) > len(refused_action_urls(user, app_label, model_name))
