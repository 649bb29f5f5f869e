"""The queue in a portal's Wagtail admin ("Antrean"): queues, quotas, the priority rule and
devices for Admin MPP; an agency admin sees only queues serving its agencies. Hidden entirely
when the regency's plan has no queue module."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from catalogue.admin_activity import ActivityCreateMixin, ActivityDeleteMixin, ActivityEditMixin
from catalogue.admin_viewsets import YesNoColumn
from catalogue.permissions import user_agency_ids
from queueing import admin_views
from queueing.gating import queue_enabled
from queueing.models import PriorityRule, Queue, ServiceQuota


class _Create(ActivityCreateMixin, CreateView):
    pass


class _Edit(ActivityEditMixin, EditView):
    pass


class _Delete(ActivityDeleteMixin, DeleteView):
    def form_valid(self, form):
        """A queue that already has tickets is not deleted (switch it off instead)."""
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("%(object)s sudah memiliki tiket; nonaktifkan saja, jangan dihapus.")
                % {"object": self.object},
            )
            return redirect(self.get_success_url())


class _Audited(SnippetViewSet):
    """Every create, edit and delete written to the regency's activity trail."""

    add_view_class = _Create
    edit_view_class = _Edit
    delete_view_class = _Delete


class QueueViewSet(_Audited):
    model = Queue
    icon = "list-ol"
    menu_label = _("Antrean")
    menu_name = "queues"
    list_display = ["prefix", "name", "location", YesNoColumn("is_active", label=_("Aktif"))]
    panels = [
        FieldPanel("location"),
        FieldPanel("prefix"),
        FieldPanel("name"),
        FieldPanel("services"),
        FieldPanel("counters"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
        FieldPanel("overnight"),
    ]

    def get_queryset(self, request):
        agencies = user_agency_ids(request.user)
        queues = Queue.objects.select_related("location")
        if agencies is None:
            return queues
        return queues.filter(
            Q(services__agency_id__in=agencies) | Q(counters__agency_id__in=agencies)
        ).distinct()


class QuotaViewSet(_Audited):
    model = ServiceQuota
    icon = "order"
    menu_label = _("Kuota layanan")
    menu_name = "queue_quotas"
    list_display = ["service", "location", "walk_in_daily", "online_daily", "online_per_slot"]


class RuleViewSet(_Audited):
    model = PriorityRule
    icon = "cog"
    menu_label = _("Aturan antrean")
    menu_name = "queue_rule"
    list_display = ["every_nth", "booking_window_days", "notify_position"]


class QueueGroup(SnippetViewSetGroup):
    items = (QueueViewSet, QuotaViewSet, RuleViewSet)
    menu_icon = "list-ol"
    menu_label = _("Antrean")
    menu_name = "queueing"

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        shown = item.is_shown
        item.is_shown = lambda request: queue_enabled() and shown(request)  # type: ignore[method-assign]
        return item


register_snippet(QueueGroup)


@hooks.register("register_admin_urls")
def queueing_admin_urls():
    return [
        path("antrean/perangkat/", admin_views.devices_view, name="queueing_devices"),
        path("antrean/angka.csv", admin_views.figures_csv_view, name="queueing_figures_csv"),
    ]


class _GatedItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission) and queue_enabled()


@hooks.register("register_admin_menu_item")
def queueing_devices_menu_item():
    return _GatedItem(
        _("Perangkat antrean"),
        reverse("queueing_devices"),
        icon_name="desktop",
        order=520,
        permission=admin_views.DEVICE_PERMISSION,
    )
