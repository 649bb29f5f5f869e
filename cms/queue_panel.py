"""Today's queue as a panel on the regency admin's dashboard (issue 16): per location with an
active queue, tickets waiting and served today, the longest wait and the counters open; shown
only when the regency's plan has the queue module (billing.selectors.regency_modules) to those
who may see tickets, an agency admin's figures narrowed to their agencies' services. It only
reads the queue (queueing.selectors.queue_today_by_location). Registered by importing this
module from cms.wagtail_hooks. Schema: tenant.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from catalogue.permissions import user_agency_ids
from queueing.gating import queue_enabled
from queueing.selectors import queue_today_by_location


class TodaysQueuePanel(Component):
    name = "todays_queue"
    order = 30
    template_name = "cms/admin/queue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        rows = queue_today_by_location(agency_ids=user_agency_ids(self.user))
        waits = [row["longest_wait"] for row in rows if row["longest_wait"] is not None]
        return {
            "rows": rows,
            "longest_wait": max(waits) if waits else None,
            "caption": _("Antrean hari ini per lokasi"),
        }


@hooks.register("construct_homepage_panels")
def todays_queue_panel(request, panels):
    if request.user.has_perm("queueing.view_ticket") and queue_enabled():
        panels.append(TodaysQueuePanel(request.user))
