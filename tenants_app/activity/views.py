"""The trail's read-only listing in a portal's Wagtail admin. Schema: tenant."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activity.selectors import activity_entries, activity_verbs

VIEW_PERMISSION = "activity.view_activityentry"
PER_PAGE = 50


class ActivityFilterForm(forms.Form):
    verb = forms.ChoiceField(label=_("Tindakan"), required=False)
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", gettext("Semua tindakan"))] + [(v, v) for v in activity_verbs()]
        self.fields["verb"].choices = choices  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("Tanggal awal harus sama dengan atau sebelum tanggal akhir.")
            )
        return data


def activity_list_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied(gettext("Hanya admin MPP yang dapat melihat jejak aktivitas."))
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = activity_entries(
        verb=filters.get("verb", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "activity/admin/activity_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
