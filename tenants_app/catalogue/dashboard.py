"""The regency admin's dashboard, as tasks: standards whose review date has passed or that have no
SK, and catalogue drafts (services, agencies, locations, pledges, hours) waiting to be published
(scoped to the user's agencies). Each list is a bounded number of queries, whatever the size of
the catalogue. Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, F, Model, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from catalogue.models import (
    Agency,
    DateOverride,
    Location,
    Service,
    ServicePledge,
    Weekday,
    WeeklyHours,
)
from catalogue.permissions import scope_queryset, user_agency_ids
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


def _weekday_name() -> Case:
    return Case(
        *(When(weekday=value, then=Value(str(label))) for value, label in Weekday.choices),
        output_field=CharField(),
    )


def _draft_sources() -> list[tuple[type[Model], str | None, Any]]:
    """Each drafted model (catalogue.publishing.DRAFTED_MODELS): the field scoping its rows to
    an agency admin's agencies (None: regency admins only), and its name in the list."""
    return [
        (Service, "agency_id", F("name")),
        (Agency, "pk", F("name")),
        (ServicePledge, "agency_id", F("title")),
        (Location, None, F("name")),
        (WeeklyHours, None, Concat(F("location__name"), Value(" · "), _weekday_name())),
        (DateOverride, None, F("name")),
    ]


def _drafts(user) -> QuerySet | None:
    """One union of every drafted model's rows with a draft pending, that the user may see."""
    parts = []
    regency_wide = user_agency_ids(user) is None
    for model, scope, label in _draft_sources():
        name = model._meta.model_name
        if not user.has_perm(f"tenants_app.view_{name}") or (scope is None and not regency_wide):
            continue
        rows = model._default_manager.filter(has_unpublished_changes=True)
        if scope is not None:
            rows = scope_queryset(rows, user, field=scope)
        parts.append(
            rows.annotate(
                draft_kind=Value(name, output_field=CharField()),
                draft_title=Cast(label, CharField()),
                draft_at=F("latest_revision__created_at"),
                draft_by=F("latest_revision__user__email"),
            ).values("pk", "draft_kind", "draft_title", "draft_at", "draft_by")
        )
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def draft_tasks(*, user) -> tuple[int, list[Task]]:
    """Catalogue rows with a draft not yet published, newest first, with who saved it and when:
    two queries however many drafted models there are."""
    drafts = _drafts(user)
    if drafts is None:
        return 0, []
    count = drafts.count()
    zone = regency_timezone()
    kinds = {model._meta.model_name: model._meta.verbose_name for model, *_rest in _draft_sources()}
    tasks = [
        Task(
            f"{capfirst(kinds[row['draft_kind']])}: {row['draft_title']}",
            reverse(f"wagtailsnippets_tenants_app_{row['draft_kind']}:edit", args=[row["pk"]]),
            _("draf oleh %(who)s, %(when)s")
            % {
                "who": row["draft_by"] or _("sistem"),
                "when": row["draft_at"].astimezone(zone).strftime("%d-%m-%Y %H.%M")
                if row["draft_at"]
                else "",
            },
        )
        for row in drafts.order_by("-draft_at")[:LIST_LIMIT]
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
                "%(count)d draf katalog menunggu diterbitkan",
                "%(count)d draf katalog menunggu diterbitkan",
                draft_count,
            )
            % {"count": draft_count},
            "listing_url": reverse("wagtailsnippets_tenants_app_service:list"),
        }
