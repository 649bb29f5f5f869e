"""The go-live checklist as a panel on the regency admin's Wagtail dashboard (docs/adr/0035).
Registered by importing this module from cms.wagtail_hooks. Schema: tenant.
"""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.ui.components import Component

from catalogue.models import Location
from cms.golive import golive_checklist


class GoLiveChecklistPanel(Component):
    name = "golive_checklist"
    order = 20
    template_name = "cms/admin/golive_panel.html"

    def get_context_data(self, parent_context=None):
        groups = golive_checklist()
        return {
            "groups": groups,
            "done": sum(1 for g in groups if g.done),
            "total": len(groups),
        }


@hooks.register("construct_homepage_panels")
def golive_checklist_panel(request, panels):
    if request.user.has_perm(f"{Location._meta.app_label}.change_location"):
        panels.append(GoLiveChecklistPanel())
