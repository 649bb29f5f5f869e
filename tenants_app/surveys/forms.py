"""The questionnaire as a form (link, kiosk and an admin's paper entry); it never writes.

Schema: tenant.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Service
from surveys.actions import Answers
from surveys.questionnaire import AGE_MAX, AGE_MIN, UNSUR, Education, Gender, Occupation
from workdays.selectors import local_today


def _score_field(unsur) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=f"{unsur.code}. {unsur.question}",
        choices=[(i + 1, f"{i + 1}. {text}") for i, text in enumerate(unsur.answers)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih salah satu jawaban."),
            "invalid_choice": _("Jawaban harus 1, 2, 3, atau 4."),
        },
    )


class SurveyForm(forms.Form):
    """U1–U9 and the profile; `with_service` adds the service picker (kiosk, paper entry),
    `with_date` the date of a paper form."""

    def __init__(self, *args, with_service: bool = False, with_date: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_service:
            self.fields["service"] = forms.ModelChoiceField(
                label=_("Layanan yang digunakan"),
                queryset=Service.objects.filter(live=True, is_active=True).order_by("name"),
                error_messages={"invalid_choice": _("Layanan tidak dikenal.")},
            )
        if with_date:
            self.fields["answered_on"] = forms.DateField(
                label=_("Tanggal pengisian"), widget=forms.DateInput(attrs={"type": "date"})
            )
        for unsur in UNSUR:
            self.fields[unsur.field] = _score_field(unsur)
        self.fields["gender"] = forms.ChoiceField(
            label=_("Jenis kelamin"), choices=Gender.choices, widget=forms.RadioSelect
        )
        self.fields["age"] = forms.IntegerField(
            label=_("Usia (tahun)"), min_value=AGE_MIN, max_value=AGE_MAX
        )
        self.fields["education"] = forms.ChoiceField(
            label=_("Pendidikan terakhir"), choices=Education.choices
        )
        self.fields["occupation"] = forms.ChoiceField(
            label=_("Pekerjaan"), choices=Occupation.choices
        )
        self.fields["suggestion"] = forms.CharField(
            label=_("Saran (tidak wajib)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "Jangan menulis nama atau NIK. Saran ditampilkan ke publik "
                "hanya setelah disetujui admin."
            ),
        )

    def answers(
        self,
        *,
        service: Service | None = None,
        answered_on: date | None = None,
        location_id: int | None = None,
    ) -> Answers:
        data = self.cleaned_data
        return Answers(
            service=service or data["service"],
            answered_on=answered_on or data["answered_on"],
            scores={u.code: data[u.field] for u in UNSUR},
            gender=data["gender"],
            age=data["age"],
            education=data["education"],
            occupation=data["occupation"],
            suggestion=data.get("suggestion", ""),
            location_id=location_id,
        )

    def clean_answered_on(self):
        value = self.cleaned_data["answered_on"]
        if value > local_today():
            raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
        return value


class PeriodForm(forms.Form):
    periode = forms.CharField(required=False, max_length=40)
