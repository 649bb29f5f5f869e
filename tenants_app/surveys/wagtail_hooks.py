"""The SKM in a portal's Wagtail admin: the dashboard, paper entry, import, moderation and the
evidence report under a "Kinerja & SKM" menu; follow-up plan and sample populations as snippets."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from activity.actions import activity_record, activity_snapshot
from catalogue.permissions import user_agency_ids
from surveys import admin_views
from surveys.models import FollowUpAction, SamplePopulation


@hooks.register("register_admin_urls")
def surveys_urls():
    return [
        path("kinerja/", admin_views.dashboard_view, name="skm_dashboard"),
        path("kinerja/csv/", admin_views.dashboard_csv_view, name="skm_dashboard_csv"),
        path("skm/entri/", admin_views.paper_entry_view, name="skm_paper_entry"),
        path("skm/impor/", admin_views.import_view, name="skm_import"),
        path("skm/saran/", admin_views.suggestion_list_view, name="skm_suggestions"),
        path(
            "skm/saran/<int:pk>/",
            admin_views.suggestion_moderate_view,
            name="skm_suggestion_moderate",
        ),
        path("skm/bukti/", admin_views.evidence_view, name="skm_evidence"),
        path("skm/bukti.pdf", admin_views.evidence_pdf_view, name="skm_evidence_pdf"),
    ]


class _ScopedItem(MenuItem):
    """Shown to regency admins, and (when `agencies_too`) to agency admins."""

    def __init__(self, *args, agencies_too: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies_too = agencies_too

    def is_shown(self, request):
        if not request.user.is_staff:
            return False
        agencies = user_agency_ids(request.user)
        return agencies is None or (self.agencies_too and bool(agencies))


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return _ScopedItem(
        _("Dasbor kinerja"),
        reverse("skm_dashboard"),
        icon_name="table",
        order=250,
        agencies_too=True,
    )


@hooks.register("register_reports_menu_item")
def skm_report_items():
    return _ScopedItem(
        _("Bukti evaluasi (PEKPPP/Ombudsman)"),
        reverse("skm_evidence"),
        icon_name="doc-full",
        order=910,
    )


@hooks.register("register_admin_menu_item")
def skm_entry_item():
    return _ScopedItem(
        _("Entri SKM kertas"), reverse("skm_paper_entry"), icon_name="form", order=260
    )


@hooks.register("register_admin_menu_item")
def skm_import_item():
    return _ScopedItem(_("Impor SKM (CSV)"), reverse("skm_import"), icon_name="upload", order=261)


@hooks.register("register_admin_menu_item")
def skm_suggestion_item():
    return _ScopedItem(
        _("Moderasi saran SKM"), reverse("skm_suggestions"), icon_name="comment", order=262
    )


class FollowUpViewSet(SnippetViewSet):
    model = FollowUpAction
    icon = "tasks"
    menu_label = _("Rencana tindak lanjut")
    list_display = ["unsur", "action", "owner", "due_date", "status"]
    list_filter = ["status", "unsur"]
    panels = [
        FieldPanel("period_start"),
        FieldPanel("period_end"),
        FieldPanel("unsur"),
        FieldPanel("action"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("status"),
        FieldPanel("done_on"),
    ]


class PopulationViewSet(SnippetViewSet):
    model = SamplePopulation
    icon = "group"
    menu_label = _("Populasi sampel SKM")
    list_display = ["period_start", "period_end", "service_users"]


class SurveySnippets(SnippetViewSetGroup):
    items = (FollowUpViewSet, PopulationViewSet)
    menu_label = _("SKM")
    menu_icon = "pick"
    menu_order = 263


register_snippet(SurveySnippets)


def _trail(request, instance, verb: str) -> None:
    if isinstance(instance, FollowUpAction | SamplePopulation):
        activity_record(
            actor=request.user,
            verb=f"skm.{instance._meta.model_name}.{verb}",
            target=instance if verb != "delete" else None,
            summary=str(instance)[:200],
            after=activity_snapshot(instance) if verb != "delete" else {},
        )


@hooks.register("after_create_snippet")
def skm_snippet_created(request, instance):
    _trail(request, instance, "create")


@hooks.register("after_edit_snippet")
def skm_snippet_edited(request, instance):
    _trail(request, instance, "edit")


@hooks.register("after_delete_snippet")
def skm_snippet_deleted(request, instances):
    for instance in instances:
        _trail(request, instance, "delete")
