"""Forms of the operator console for regencies. Schema: public."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regencies.models import Regency
from regions.models import TimeZone


class RegencyCreateForm(forms.Form):
    code = forms.CharField(label=_("Kode Kemendagri"), max_length=5, help_text=_("Misalnya 51.03."))
    subdomain = forms.CharField(
        label=_("Subdomain"), max_length=40, help_text=_("Misalnya badung.")
    )
    brand_name = forms.CharField(label=_("Nama MPP"), max_length=80, required=False)


class DomainAddForm(forms.Form):
    hostname = forms.CharField(
        label=_("Domain sendiri"), max_length=253, help_text=_("Misalnya mpp.badungkab.go.id.")
    )
    make_primary = forms.BooleanField(label=_("Jadikan domain utama"), required=False)


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500, required=True)


class RegencyIdentityForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Zona waktu"), choices=TimeZone.choices)

    class Meta:
        model = Regency
        fields = ["brand_name", "time_zone"]
