"""The go-live checklist as a panel on the regency admin's Wagtail dashboard (docs/adr/0035,
0040): each group's to-do, the template's suggestions for held values with a confirm form, and
the "Terbitkan portal" action. Registered by importing this module from cms.wagtail_hooks.
Schema: tenant.
"""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.ui.components import Component

from catalogue.models import Location
from cms.golive import golive_checklist, portal_is_public, portal_launch
from cms.golive_views import is_regency_admin


class GoLiveChecklistPanel(Component):
    name = "golive_checklist"
    order = 20
    template_name = "cms/admin/golive_panel.html"

    def __init__(self, *, can_act: bool) -> None:
        self.can_act = can_act

    def get_context_data(self, parent_context=None):
        groups = golive_checklist()
        return {
            "groups": groups,
            "done": sum(1 for g in groups if g.done),
            "total": len(groups),
            "todo": sum(g.todo for g in groups),
            "can_act": self.can_act,
            "public": portal_is_public(),
            "launch": portal_launch(),
        }


@hooks.register("construct_homepage_panels")
def golive_checklist_panel(request, panels):
    if request.user.has_perm(f"{Location._meta.app_label}.change_location"):
        panels.append(GoLiveChecklistPanel(can_act=is_regency_admin(request.user)))
