"""The regency admin's dashboard, as tasks: standards whose review date has passed or that have no
SK, and service drafts waiting to be published (scoped to the user's agencies). Each list is one
bounded query, whatever the size of the catalogue. Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from catalogue.models import Service
from catalogue.permissions import scope_queryset
from workdays.selectors import local_today, regency_timezone

LIST_LIMIT = 8
# Wagtail's own panels and summary items that speak of its upgrades and of page/image counts
# ("13 Pages"), not of a regency's work.
WAGTAIL_DEFAULT_PANELS = {"UpgradeNotificationPanel", "WhatsNewInWagtailVersionPanel"}
WAGTAIL_SUMMARY_ITEMS = {"PagesSummaryItem", "ImagesSummaryItem", "DocumentsSummaryItem"}


def is_wagtail_default(component: object, names: set[str]) -> bool:
    kind = type(component)
    return kind.__module__.startswith("wagtail.") and kind.__name__ in names


@dataclass(frozen=True)
class Task:
    label: str
    url: str
    detail: str


def _services(user) -> QuerySet[Service]:
    return scope_queryset(Service.objects.filter(is_active=True), user)


def standard_tasks(*, user) -> tuple[dict[str, int], list[Task]]:
    """Counts of standards past their review date and without an SK, and the first few."""
    today = local_today()
    overdue = Q(current_standard__review_date__lt=today)
    no_decree = Q(current_standard__decree_number="") | Q(current_standard__isnull=True)
    services = _services(user).filter(live=True)
    counts = services.aggregate(
        overdue=Count("pk", filter=overdue), no_decree=Count("pk", filter=no_decree)
    )
    rows = services.filter(overdue | no_decree).values(
        "pk", "name", "current_standard__review_date", "current_standard__decree_number"
    )[:LIST_LIMIT]
    tasks = []
    for row in rows:
        review = row["current_standard__review_date"]
        if review is not None and review < today:
            detail = _("peninjauan jatuh tempo %(date)s") % {"date": review.strftime("%d-%m-%Y")}
        else:
            detail = str(_("belum ada nomor SK"))
        tasks.append(Task(row["name"], _edit_url(row["pk"]), detail))
    return counts, tasks


def draft_tasks(*, user) -> tuple[int, list[Task]]:
    """Services with a draft not yet published, newest first, with who saved it and when."""
    drafts = _services(user).filter(has_unpublished_changes=True)
    count = drafts.count()
    zone = regency_timezone()
    rows = drafts.order_by("-latest_revision__created_at").values(
        "pk", "name", "latest_revision__created_at", "latest_revision__user__email"
    )[:LIST_LIMIT]
    tasks = [
        Task(
            row["name"],
            _edit_url(row["pk"]),
            _("draf oleh %(who)s, %(when)s")
            % {
                "who": row["latest_revision__user__email"] or _("sistem"),
                "when": row["latest_revision__created_at"]
                .astimezone(zone)
                .strftime("%d-%m-%Y %H.%M")
                if row["latest_revision__created_at"]
                else "",
            },
        )
        for row in rows
    ]
    return count, tasks


def _edit_url(pk: int) -> str:
    return reverse("wagtailsnippets_tenants_app_service:edit", args=[pk])


class CatalogueTasksPanel(Component):
    """The catalogue's tasks on the admin's dashboard."""

    name = "catalogue_tasks"
    order = 50
    template_name = "tenants_app/admin/tasks_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        counts, standards = standard_tasks(user=self.user)
        draft_count, drafts = draft_tasks(user=self.user)
        return {
            "standards": standards,
            "overdue_label": ngettext(
                "%(count)d standar lewat tanggal peninjauan",
                "%(count)d standar lewat tanggal peninjauan",
                counts["overdue"],
            )
            % {"count": counts["overdue"]},
            "no_decree_label": ngettext(
                "%(count)d standar belum ber-SK",
                "%(count)d standar belum ber-SK",
                counts["no_decree"],
            )
            % {"count": counts["no_decree"]},
            "drafts": drafts,
            "drafts_label": ngettext(
                "%(count)d draf layanan menunggu diterbitkan",
                "%(count)d draf layanan menunggu diterbitkan",
                draft_count,
            )
            % {"count": draft_count},
            "listing_url": reverse("wagtailsnippets_tenants_app_service:list"),
        }
