"""The regency's own closure days in its Wagtail admin (Pengaturan > Hari libur daerah)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from workdays.models import Closure


class ClosureViewSet(SnippetViewSet):
    model = Closure
    icon = "date"
    menu_label = _("Hari libur daerah")
    menu_name = "closures"
    add_to_settings_menu = True
    list_display = ["date", "reason"]
    ordering = ["-date"]
    panels = [FieldPanel("date"), FieldPanel("reason")]


register_snippet(ClosureViewSet)
