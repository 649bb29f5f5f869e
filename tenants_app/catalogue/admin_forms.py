"""Admin forms of the catalogue; they shape and check input, and never write. Schema: tenant."""

from __future__ import annotations

import datetime
import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.permissions import policy_registry
from wagtail.snippets.widgets import AdminSnippetChooser

from catalogue.actions import LIST_FIELDS, STANDARD_FIELDS
from catalogue.admin_widgets import AgencyChooser, ServicePicker, services_grouped_by_agency
from catalogue.models import Agency, Facility, ServiceStandard, TimeUnit
from catalogue.permissions import user_agency_ids

LINES_HELP = _("Satu butir per baris.")


def _lines(value: str) -> list[str]:
    return [line.strip(" \t-•") for line in (value or "").splitlines() if line.strip(" \t-•")]


KEY_TRIES = 50


def key_from_name(*, model, name: str, exclude_pk=None) -> str:
    """A free key (slug) for a row of `model` named `name`: "penerbitan-skck", "-2", "-3", ..."""
    base = slugify(name)[:72].strip("-") or model._meta.model_name
    taken = set(
        model.objects.filter(key__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("key", flat=True)[: KEY_TRIES + 1]
    )
    for n in range(1, KEY_TRIES + 1):
        candidate = base if n == 1 else f"{base}-{n}"
        if candidate not in taken:
            return candidate
    raise ValidationError(_("Nama ini sudah dipakai terlalu banyak baris; isi kunci sendiri."))


class ChooserEditLinksMixin:
    """A chooser's "Ubah … ini" link only for a user who may edit rows of the chosen model.
    Wagtail's choosers do not know the user and link every chosen row to its edit screen, which
    sends an agency admin who may not edit categories or locations back to the dashboard
    (issue 16)."""

    for_user: Any
    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, BaseChooser) and widget.show_edit_link:
                policy = policy_registry.get_by_type(widget.model_class)
                widget.show_edit_link = policy.user_has_permission(user, "change")


def with_chooser_edit_links(form_class: type) -> type:
    """`form_class` with ChooserEditLinksMixin in front (built per request, like the admin's
    own form classes)."""
    if issubclass(form_class, ChooserEditLinksMixin):
        return form_class
    return type(
        form_class.__name__,
        (ChooserEditLinksMixin, form_class),
        {"__module__": form_class.__module__},
    )


class AgencyScopedForm(WagtailAdminModelForm):
    """Agency admins may only choose their own agencies. A row's key (slug) is derived from its
    name when left empty; the key field is shown only to regency admins (KEY_PERMISSION), and
    an existing row keeps its key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = user_agency_ids(self.for_user) if getattr(self, "for_user", None) else None
        if agencies is not None and "agency" in self.fields:
            self.fields["agency"].queryset = self.fields["agency"].queryset.filter(pk__in=agencies)
            self.fields["agency"].required = True
        if "agency" in self.fields and isinstance(
            self.fields["agency"].widget, AdminSnippetChooser
        ):
            self.fields["agency"].widget = AgencyChooser(Agency)
        if "key" in self.fields:
            self.fields["key"].required = False
            self.fields["key"].help_text = _(
                "Kosongkan agar dibuat dari nama. Pengenal tetap untuk alamat halaman dan "
                "impor/ekspor, misalnya ktp-el-baru."
            )

    def clean(self):
        cleaned = super().clean()
        if not hasattr(self.instance, "key") or cleaned.get("key"):
            return cleaned
        key = self.instance.key
        if not key:
            try:
                key = key_from_name(
                    model=type(self.instance),
                    name=cleaned.get("name") or "",
                    exclude_pk=self.instance.pk,
                )
            except ValidationError as exc:
                self.add_error("key" if "key" in self.fields else None, exc)
                return cleaned
        if "key" in self.fields:
            cleaned["key"] = key
        else:
            self.instance.key = key
        return cleaned


class LocationAdminForm(AgencyScopedForm):
    """A location: its facilities as labelled checkboxes, not a comma-separated list of codes."""

    facilities = forms.MultipleChoiceField(
        label=_("Fasilitas"),
        choices=Facility.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CounterAdminForm(AgencyScopedForm):
    """A counter: its services picked from a grouped, searchable list (admin_widgets)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("services")
        if field is not None:
            field.widget = ServicePicker()
            field.choices = services_grouped_by_agency(field.queryset)


class ServiceAdminForm(AgencyScopedForm):
    """A service and its current standard, edited together. The standard's fields go into the
    service's revision (`standard_draft`); publishing makes them a new standard version
    (catalogue.publishing)."""

    keywords_text = forms.CharField(
        label=_("Kata kunci"),
        required=False,
        help_text=_("Pisahkan dengan koma, misalnya: ktp, e-ktp, ktp-el."),
    )
    requirements_text = forms.CharField(
        label=_("Persyaratan"), widget=forms.Textarea, help_text=LINES_HELP
    )
    procedure_text = forms.CharField(
        label=_("Alur / prosedur"), widget=forms.Textarea, help_text=LINES_HELP
    )
    completion_time_value = forms.IntegerField(
        label=_("Jangka waktu"), min_value=0, max_value=1000, initial=1
    )
    completion_time_unit = forms.ChoiceField(
        label=_("Satuan waktu"), choices=TimeUnit.choices, initial=TimeUnit.WORKING_DAYS
    )
    completion_time_note = forms.CharField(
        label=_("Keterangan waktu"), required=False, max_length=300
    )
    fee_is_free = forms.BooleanField(label=_("Gratis"), required=False, initial=True)
    fee_amount = forms.IntegerField(label=_("Biaya (Rp)"), required=False, min_value=1)
    fee_note = forms.CharField(
        label=_("Keterangan biaya"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tariff_basis = forms.CharField(label=_("Dasar tarif"), required=False, max_length=500)
    product = forms.CharField(label=_("Produk pelayanan"), widget=forms.Textarea(attrs={"rows": 2}))
    complaint_handling = forms.CharField(
        label=_("Penanganan pengaduan, saran, dan masukan"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    legal_basis_text = forms.CharField(
        label=_("Dasar hukum"), required=False, widget=forms.Textarea, help_text=LINES_HELP
    )
    facilities = forms.CharField(
        label=_("Sarana, prasarana, dan/atau fasilitas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    staff_competence = forms.CharField(
        label=_("Kompetensi pelaksana"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    internal_supervision = forms.CharField(
        label=_("Pengawasan internal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    staff_count = forms.CharField(label=_("Jumlah pelaksana"), required=False, max_length=500)
    service_guarantee = forms.CharField(
        label=_("Jaminan pelayanan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    safety_guarantee = forms.CharField(
        label=_("Jaminan keamanan dan keselamatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    performance_evaluation = forms.CharField(
        label=_("Evaluasi kinerja pelaksana"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decree_number = forms.CharField(label=_("Nomor SK"), required=False, max_length=200)
    decree_date = forms.DateField(label=_("Tanggal SK"), required=False)
    review_date = forms.DateField(label=_("Tanggal peninjauan berikutnya"), required=False)

    # The list components have their own one-per-line fields (requirements_text, ...).
    STANDARD_FORM_FIELDS = [name for name in STANDARD_FIELDS if name not in LIST_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keywords_text"].initial = ", ".join(self.instance.keywords or [])
        # A revision (a pending draft, or one being reverted to) carries its own standard; the
        # live row's may be older than an import's, so the standard in force is shown for it.
        in_revision = getattr(self.instance, "standard_in_revision", False)
        draft = self.instance.standard_draft if in_revision else None
        standard = self.instance.current_standard if self.instance.pk else None
        if draft:
            # A draft's standard travels in its revision (catalogue.publishing).
            self.fields["requirements_text"].initial = "\n".join(draft.get("requirements", []))
            self.fields["procedure_text"].initial = "\n".join(draft.get("procedure", []))
            self.fields["legal_basis_text"].initial = "\n".join(draft.get("legal_basis", []))
            for name in self.STANDARD_FORM_FIELDS:
                self.fields[name].initial = draft.get(name)
        elif standard is not None:
            self.fields["requirements_text"].initial = "\n".join(standard.requirements)
            self.fields["procedure_text"].initial = "\n".join(standard.procedure)
            self.fields["legal_basis_text"].initial = "\n".join(standard.legal_basis)
            for name in self.STANDARD_FORM_FIELDS:
                self.fields[name].initial = getattr(standard, name)

    def clean(self):
        cleaned = super().clean()
        self.instance.keywords = [
            k.strip() for k in cleaned.get("keywords_text", "").split(",") if k.strip()
        ]
        data = self.standard_data()
        self.instance.standard_draft = {
            name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in data.items()
        }
        probe = ServiceStandard(**data)
        try:
            probe.clean()
        except ValidationError as exc:
            mapping = {"requirements": "requirements_text", "procedure": "procedure_text"}
            for field, errors in exc.message_dict.items():
                for error in errors:
                    self.add_error(
                        mapping.get(field, field if field in self.fields else None), error
                    )
        return cleaned

    def standard_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.STANDARD_FORM_FIELDS}
        for name in self.STANDARD_FORM_FIELDS:
            if isinstance(self.fields[name], forms.CharField):
                data[name] = data[name] or ""  # a text field left invalid is empty, not None
        data["completion_time_value"] = data["completion_time_value"] or 0
        data["fee_is_free"] = bool(data["fee_is_free"])
        data["requirements"] = _lines(self.cleaned_data.get("requirements_text", ""))
        data["procedure"] = _lines(self.cleaned_data.get("procedure_text", ""))
        data["legal_basis"] = _lines(self.cleaned_data.get("legal_basis_text", ""))
        return data


class CatalogueUploadForm(forms.Form):
    KIND_CHOICES = [
        ("agencies", _("Instansi (CSV)")),
        ("services", _("Layanan beserta standar pelayanan (CSV)")),
        ("catalogue", _("Katalog lengkap (JSON format SatuPintu)")),
    ]
    kind = forms.ChoiceField(label=_("Jenis berkas"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=_("Berkas"), help_text=_("CSV (UTF-8) atau JSON, paling besar 5 MB.")
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Berkas terlalu besar (paling besar 5 MB)."))
        raw = upload.read()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                _("Berkas harus berupa teks UTF-8 (simpan ulang sebagai CSV UTF-8).")
            ) from exc


PLACE_MAX = 60
PLACES_MAX = 40
_PLACE = re.compile(r"[^\W\d_][\w .'()-]*")


def _place_checked(value: str) -> str:
    value = " ".join(value.split())
    if len(value) > PLACE_MAX or not _PLACE.fullmatch(value):
        raise ValidationError(
            _("Nama tempat hanya huruf, spasi, titik, tanda hubung (paling panjang 60): %(v)s"),
            params={"v": value[:60]},
        )
    return value


class TemplatePublishForm(forms.Form):
    """Offering the portal's setup to other regencies as a template, with what it marks as
    regional: the proposed placeholders, capital, places, phones and domains (each offered list
    is the regency's own proposals; a value not offered is refused)."""

    name = forms.CharField(label=_("Nama templat"), max_length=160)
    description = forms.CharField(
        label=_("Keterangan untuk daerah lain"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    terms = forms.MultipleChoiceField(
        label=_("Nama daerah menjadi penanda"), required=False, widget=forms.CheckboxSelectMultiple
    )
    capital = forms.CharField(
        label=_("Ibu kota kabupaten/kota"),
        required=False,
        max_length=200,
        help_text=_(
            "Ditandai sebagai {ibukota}; daerah yang mencontoh memakai ibu kotanya sendiri."
        ),
    )
    places = forms.MultipleChoiceField(
        label=_("Nama tempat di katalog"), required=False, widget=forms.CheckboxSelectMultiple
    )
    extra_places = forms.CharField(
        label=_("Nama tempat lain"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu nama per baris, misalnya kecamatan atau desa yang disebut di teks."),
    )
    phones = forms.MultipleChoiceField(
        label=_("Nomor telepon"), required=False, widget=forms.CheckboxSelectMultiple
    )
    domains = forms.MultipleChoiceField(
        label=_("Domain situs dan email"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, proposals=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        if proposals is None:
            return
        cast(forms.ChoiceField, self.fields["terms"]).choices = [
            (t.id, t.term) for t in proposals.terms
        ]
        for name in ("places", "phones", "domains"):
            cast(forms.ChoiceField, self.fields[name]).choices = [
                (v, v) for v in getattr(proposals, name)
            ]
        if not self.is_bound:  # all proposals ticked: the admin unticks what is not regional
            self.initial.update(
                terms=[t.id for t in proposals.terms],
                capital=proposals.capital,
                places=list(proposals.places),
                phones=list(proposals.phones),
                domains=list(proposals.domains),
            )

    def clean_capital(self) -> str:
        value = self.cleaned_data.get("capital", "").strip()
        return _place_checked(value) if value else ""

    def clean_extra_places(self) -> list[str]:
        text = self.cleaned_data.get("extra_places", "")
        lines = [v for v in re.split(r"[\n,;]", text) if v.strip()]
        if len(lines) > PLACES_MAX:
            raise ValidationError(_("Paling banyak 40 nama tempat."))
        return [_place_checked(v) for v in lines]

    def marks(self) -> dict[str, Any]:
        """What goes into the published template's `meta.region`."""
        data = self.cleaned_data
        places = list(dict.fromkeys([*data.get("places", []), *data.get("extra_places", [])]))
        capital = data.get("capital", "")
        return {
            "capital": capital,
            "places": [p for p in places if p.lower() != capital.lower()],
            "phones": list(data.get("phones", [])),
            "domains": list(data.get("domains", [])),
        }
