"""The shape of complaint input (citizen and staff forms); forms never write. Schema: tenant."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Agency, Service
from complaints.attachments import MAX_FILES
from complaints.models import Channel, Classification, Identity

CONTACT = re.compile(r"^(\+?[0-9][0-9 \-]{6,18}|[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,20})$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Paling banyak 3 lampiran."))
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ComplaintForm(forms.Form):
    classification = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=Classification.choices,
        widget=forms.RadioSelect,
        initial=Classification.COMPLAINT,
    )
    subject = forms.CharField(label=_("Perihal"), max_length=160)
    body = forms.CharField(
        label=_("Isi laporan"),
        max_length=5000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan apa yang terjadi, kapan, dan di mana."),
    )
    service = forms.ModelChoiceField(
        label=_("Layanan terkait (opsional)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— Tidak memilih layanan —"),
    )
    about_agency = forms.ModelChoiceField(
        label=_("Instansi terkait (opsional)"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("— Tidak memilih instansi —"),
    )
    location_text = forms.CharField(label=_("Lokasi (opsional)"), max_length=200, required=False)
    identity = forms.ChoiceField(
        label=_("Identitas pelapor"),
        choices=Identity.choices,
        widget=forms.RadioSelect,
        initial=Identity.NAMED,
        help_text=_(
            "Anonim: tanpa nama dan kontak. Rahasiakan identitas: hanya admin koordinator yang "
            "melihat nama dan kontak Anda, instansi tidak."
        ),
    )
    reporter_name = forms.CharField(label=_("Nama"), max_length=120, required=False)
    reporter_contact = forms.CharField(
        label=_("Nomor HP/WhatsApp atau e-mail"),
        max_length=120,
        required=False,
        help_text=_("Dipakai untuk menghubungi Anda dan untuk meminta salinan data Anda."),
    )
    attachments = MultipleFileField(
        label=_("Lampiran (opsional)"),
        required=False,
        help_text=_("Foto (JPG, PNG, WebP) atau PDF, paling banyak 3 berkas, masing-masing 5 MB."),
    )
    input_fields = (
        "classification",
        "subject",
        "body",
        "identity",
        "reporter_name",
        "reporter_contact",
        "location_text",
        "service",
        "about_agency",
    )
    # Honeypot: hidden from people (and from screen readers); bots fill it in.
    website = forms.CharField(required=False, label=_("Jangan diisi"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(live=True).order_by("name")
        self.fields["about_agency"].queryset = Agency.objects.filter(
            live=True, is_active=True
        ).order_by("name")

    def clean_reporter_contact(self) -> str:
        value = self.cleaned_data["reporter_contact"].strip()
        if value and not CONTACT.match(value):
            raise forms.ValidationError(_("Tulis nomor HP (angka) atau alamat e-mail yang benar."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("identity") in (Identity.NAMED, Identity.CONFIDENTIAL):
            if not data.get("reporter_name", "").strip():
                self.add_error("reporter_name", _("Isi nama Anda, atau pilih Anonim."))
            if not data.get("reporter_contact"):
                self.add_error("reporter_contact", _("Isi kontak Anda, atau pilih Anonim."))
        return data


class StaffComplaintForm(ComplaintForm):
    """A complaint received by phone, WhatsApp, letter or in person, with its real time."""

    channel = forms.ChoiceField(
        label=_("Diterima melalui"), choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    received_at = forms.DateTimeField(
        label=_("Waktu diterima (waktu setempat)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    lapor_id = forms.CharField(label=_("ID SP4N-LAPOR! (bila ada)"), max_length=40, required=False)

    def __init__(self, *args, zone: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        del self.fields["website"]

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        # The browser sends a wall-clock time without zone: it is the regency's local time (Django
        # has read it in the server's zone; take the wall clock back out).
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return naive.replace(tzinfo=self.zone)


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Pesan"), max_length=3000, min_length=3, widget=forms.Textarea(attrs={"rows": 4})
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Penilaian penanganan"),
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Komentar (opsional)"), max_length=500, required=False)


class CopyRequestForm(forms.Form):
    contact = forms.CharField(label=_("Kontak yang Anda tulis saat melapor"), max_length=120)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode lacak"), max_length=20)
