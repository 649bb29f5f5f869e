"""The admin screen "Ubah jam layanan sekaligus": choose locations or counters, then set the same
weekly hours, or a closure or special hours on a date, for all of them (catalogue.hours_bulk).
Regency admins only; saved as drafts, or published by whoever may publish. Schema: tenant.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue.hours_bulk import DayTimes, date_override_bulk_set, weekly_hours_bulk_set
from catalogue.models import Counter, Location, ScheduleProfile, Weekday

NEEDED = tuple(
    f"tenants_app.{action}_{model}"
    for model in ("weeklyhours", "dateoverride")
    for action in ("add", "change")
)
WEEKLY, DATE = "weekly", "date"


class CounterChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.name} ({obj.location.name})"


WEEKLY_ONLY = gettext_lazy("Untuk jam layanan mingguan.")
DATE_ONLY = gettext_lazy("Untuk penutupan atau jam khusus.")


class HoursBulkForm(forms.Form):
    mode = forms.ChoiceField(
        label=gettext_lazy("Yang diubah"),
        choices=[
            (WEEKLY, gettext_lazy("Jam layanan mingguan")),
            (DATE, gettext_lazy("Penutupan atau jam khusus pada satu tanggal")),
        ],
        widget=forms.RadioSelect,
        initial=WEEKLY,
    )
    locations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Lokasi"),
        queryset=Location.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    counters = CounterChoice(
        label=gettext_lazy("Loket"),
        queryset=Counter.objects.select_related("agency", "location").order_by(
            "location__sort_order", "code"
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Jam mingguan loket menjadi jam khusus instansinya di lokasi loket itu; penutupan "
            "berlaku untuk seluruh lokasi loket itu."
        ),
    )
    profile = forms.ModelChoiceField(
        label=gettext_lazy("Profil jam layanan"),
        queryset=ScheduleProfile.objects.all(),
        required=False,
        empty_label=gettext_lazy("Pilih profil"),
        help_text=WEEKLY_ONLY,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Hari"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=WEEKLY_ONLY,
    )
    date = forms.DateField(
        label=gettext_lazy("Tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=DATE_ONLY,
    )
    name = forms.CharField(
        label=gettext_lazy("Keterangan"), max_length=160, required=False, help_text=DATE_ONLY
    )
    is_closed = forms.BooleanField(label=gettext_lazy("Tutup sepanjang hari"), required=False)
    opens = forms.TimeField(
        label=gettext_lazy("Buka"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes = forms.TimeField(
        label=gettext_lazy("Tutup pukul"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean(self):
        data = super().clean()
        if not data.get("locations") and not data.get("counters"):
            raise ValidationError(_("Pilih paling sedikit satu lokasi atau loket."))
        if data.get("mode") == WEEKLY:
            if not data.get("profile"):
                self.add_error("profile", _("Pilih profil jam layanan."))
            if not data.get("weekdays"):
                self.add_error("weekdays", _("Pilih paling sedikit satu hari."))
        elif data.get("mode") == DATE:
            if not data.get("date"):
                self.add_error("date", _("Isi tanggal."))
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Isi keterangan, misalnya Hari jadi kabupaten."))
        if not data.get("is_closed"):
            opens, closes = data.get("opens"), data.get("closes")
            if opens is None or closes is None or closes <= opens:
                self.add_error("closes", _("Isi jam buka sebelum jam tutup, atau centang Tutup."))
        return data

    def places(self) -> list[tuple[int, int | None]]:
        """(location, None) per chosen location, (location, agency) per chosen counter."""
        found = {(loc.pk, None) for loc in self.cleaned_data["locations"]}
        found |= {(c.location_id, c.agency_id) for c in self.cleaned_data["counters"]}
        return sorted(found, key=lambda place: (place[0], place[1] or 0))

    def times(self) -> DayTimes:
        return DayTimes(
            is_closed=self.cleaned_data["is_closed"],
            opens=self.cleaned_data.get("opens"),
            closes=self.cleaned_data.get("closes"),
        )


def hours_bulk_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perms(NEEDED):
        raise PermissionDenied
    form = HoursBulkForm(request.POST or None)
    mode = form.data.get("mode", WEEKLY)
    model = "weeklyhours" if mode == WEEKLY else "dateoverride"
    may_publish = request.user.has_perm(f"tenants_app.publish_{model}")
    if request.method == "POST" and form.is_valid():
        publish = "action-publish" in request.POST and may_publish
        try:
            count = _apply(form, user=request.user, publish=publish)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            text = (
                ngettext("%(n)d baris diterbitkan.", "%(n)d baris diterbitkan.", count)
                if publish
                else ngettext(
                    "%(n)d baris disimpan sebagai draf.",
                    "%(n)d baris disimpan sebagai draf.",
                    count,
                )
            )
            messages.success(request, text % {"n": count})
            return redirect("tenants_app_hours_bulk")
    return TemplateResponse(
        request,
        "tenants_app/admin/hours_bulk.html",
        {"form": form, "may_publish": request.user.has_perm("tenants_app.publish_weeklyhours")},
    )


def _apply(form: HoursBulkForm, *, user, publish: bool) -> int:
    data = form.cleaned_data
    if data["mode"] == WEEKLY:
        return weekly_hours_bulk_set(
            user=user,
            places=form.places(),
            profile_id=data["profile"].pk,
            weekdays=data["weekdays"],
            times=form.times(),
            publish=publish,
        )
    return date_override_bulk_set(
        user=user,
        location_ids=sorted({location_id for location_id, _agency in form.places()}),
        date=data["date"],
        name=data["name"].strip(),
        times=form.times(),
        publish=publish,
    )
