"""The wizard's forms: they check input (messages in Indonesian) and never write. Schema: public."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onboarding.models import Application
from onboarding.provisioning import DEFAULT_PARTS
from onboarding.wizard import kabkota_unavailable_reason, subdomain_unavailable_reason
from regencies.selectors import domain_is_taken
from regencies.validation import validate_custom_domain, validate_subdomain
from regions.models import KabKota
from satupintu.colors import branding_colour_problems

MAX_LETTER_BYTES = 5 * 1024 * 1024
MAX_LOGO_BYTES = 2 * 1024 * 1024
AGENCY_KIND_CHOICES = [
    ("opd", _("Perangkat daerah kabupaten/kota")),
    ("provincial", _("Pemerintah provinsi")),
    ("vertical", _("Instansi vertikal / kementerian")),
    ("bumn", _("BUMN")),
    ("bumd", _("BUMD")),
    ("private", _("Swasta / lainnya")),
]


class _ApplicationForm(forms.Form):
    def __init__(self, *args, application: Application, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)


class RegencyStepForm(_ApplicationForm):
    kabkota = forms.CharField(label=_("Kode kabupaten/kota"), max_length=5)
    applicant_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    applicant_position = forms.CharField(label=_("Jabatan"), max_length=150)
    applicant_office = forms.CharField(
        label=_("Unit kerja"), max_length=200, help_text=_("Misalnya DPMPTSP Kabupaten Soppeng.")
    )
    request_letter = forms.FileField(
        label=_("Surat permohonan resmi (PDF)"),
        required=False,
        help_text=_("Surat dari bupati/wali kota atau kepala dinas, PDF paling besar 5 MB."),
    )

    def clean_kabkota(self):
        code = self.cleaned_data["kabkota"].strip()
        kabkota = KabKota.objects.filter(code=code, is_active=True).first()
        if kabkota is None:
            raise ValidationError(_("Pilih kabupaten/kota dari daftar."))
        reason = kabkota_unavailable_reason(kabkota=kabkota, application=self.application)
        if reason:
            raise ValidationError(reason)
        return kabkota

    def clean_request_letter(self):
        upload = self.cleaned_data.get("request_letter")
        if upload is None:
            if not self.application.request_letter:
                raise ValidationError(_("Unggah surat permohonan resmi dalam bentuk PDF."))
            return None
        if upload.size > MAX_LETTER_BYTES:
            raise ValidationError(
                _("Berkas terlalu besar (%(mb).1f MB); paling besar 5 MB.")
                % {"mb": upload.size / 2**20}
            )
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-" or not upload.name.lower().endswith(".pdf"):
            raise ValidationError(
                _("Berkas harus berupa PDF (bukan gambar, Word, atau berkas lain).")
            )
        return upload


class AddressStepForm(_ApplicationForm):
    subdomain = forms.CharField(label=_("Subdomain"), max_length=40)
    custom_domain = forms.CharField(
        label=_("Domain sendiri (opsional)"),
        max_length=253,
        required=False,
        help_text=_(
            "Misalnya mpp.soppengkab.go.id. Arahkan DNS-nya ke SatuPintu setelah portal aktif."
        ),
    )

    def clean_subdomain(self):
        value = validate_subdomain(self.cleaned_data["subdomain"])
        reason = subdomain_unavailable_reason(subdomain=value, application=self.application)
        if reason:
            raise ValidationError(reason)
        return value

    def clean_custom_domain(self):
        value = self.cleaned_data.get("custom_domain", "").strip()
        if not value:
            return ""
        value = validate_custom_domain(value)
        if domain_is_taken(value):
            raise ValidationError(_("Domain '%(value)s' sudah dipakai.") % {"value": value})
        return value


class LogoField(forms.ImageField):
    """A raster logo the portal can show. The file's type is judged by its name before Pillow
    opens it, so an SVG or a PDF gets its own message instead of "not a valid image" or Django's
    list of every format Pillow can read."""

    default_validators: list = []  # replaced by the check below
    ALLOWED = (".png", ".jpg", ".jpeg", ".webp")

    def to_python(self, data):
        suffix = Path(getattr(data, "name", "") or "").suffix.lower()
        if data and suffix == ".svg":
            raise ValidationError(
                _("Logo SVG tidak diterima; unggah PNG, JPG, atau WebP."), code="svg"
            )
        if data and suffix not in self.ALLOWED:
            raise ValidationError(_("Unggah logo PNG, JPG, atau WebP."), code="type")
        return super().to_python(data)


class BrandingStepForm(_ApplicationForm):
    brand_name = forms.CharField(
        label=_("Nama MPP"), max_length=80, help_text=_("Misalnya MPP Mappatabe.")
    )
    logo = LogoField(
        label=_("Logo (opsional)"),
        required=False,
        help_text=_("PNG, JPG, atau WebP, paling besar 2 MB."),
    )
    primary_color = forms.CharField(
        label=_("Warna utama"), max_length=7, widget=forms.TextInput(attrs={"type": "color"})
    )
    accent_color = forms.CharField(
        label=_("Warna aksen"), max_length=7, widget=forms.TextInput(attrs={"type": "color"})
    )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo.size > MAX_LOGO_BYTES:
            raise ValidationError(_("Logo terlalu besar; paling besar 2 MB."))
        return logo

    def clean(self):
        cleaned = super().clean()
        problems = branding_colour_problems(
            primary=cleaned.get("primary_color", ""), accent=cleaned.get("accent_color", "")
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return cleaned


PART_CHOICES = [
    ("catalogue", _("Instansi, layanan dengan standar pelayanan, loket, lokasi, dan jam layanan")),
    ("pledges", _("Maklumat pelayanan")),
    ("pages", _("Halaman profil, tanya jawab, dan berita (sebagai draf untuk disesuaikan)")),
    ("closures", _("Hari tutup khusus daerah asal templat")),
]


class TemplateStepForm(_ApplicationForm):
    template_version = forms.TypedChoiceField(
        label=_("Templat"), coerce=int, empty_value=None, required=False
    )
    parts = forms.MultipleChoiceField(
        label=_("Bagian yang disalin"),
        choices=PART_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=DEFAULT_PARTS,
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {v.pk: v for v in versions}
        self.fields["template_version"].choices = [("", _("Mulai dari katalog kosong"))] + [
            (v.pk, f"{v.template.name} (v{v.number})") for v in versions
        ]

    def clean(self):
        cleaned = super().clean()
        version = cleaned.get("template_version")
        if version:
            cleaned["template_version"] = self.versions[version]
            if "catalogue" not in cleaned.get("parts", []) and cleaned.get("parts"):
                self.add_error(
                    "parts",
                    _("Maklumat dan halaman hanya dapat disalin bersama instansi dan layanannya."),
                )
        else:
            cleaned["template_version"] = None
            cleaned["parts"] = []
        return cleaned


class AddedAgencyForm(forms.Form):
    name = forms.CharField(label=_("Nama instansi"), max_length=200, required=False)
    abbreviation = forms.CharField(label=_("Singkatan"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Jenis"), choices=AGENCY_KIND_CHOICES, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and not cleaned.get("kind"):
            self.add_error("kind", _("Pilih jenis instansi."))
        return cleaned


AddedAgencyFormSet = forms.formset_factory(AddedAgencyForm, extra=3, max_num=20)


class ConfirmStepForm(_ApplicationForm):
    agree = forms.BooleanField(
        label=_("Saya menyatakan data ini benar dan saya berwenang mendaftarkan daerah ini."),
        error_messages={"required": _("Centang pernyataan ini untuk melanjutkan.")},
    )


class PlanStepForm(_ApplicationForm):
    plan = forms.ChoiceField(label=_("Paket"), widget=forms.RadioSelect)
    billing_interval = forms.ChoiceField(
        label=_("Periode tagihan"),
        choices=[("year", _("Tahunan (sesuai tahun anggaran)")), ("month", _("Bulanan"))],
        widget=forms.RadioSelect,
    )
    billing_collection = forms.ChoiceField(
        label=_("Cara bayar"),
        choices=[
            ("trial", _("Uji coba gratis dulu; setelah itu tagihan untuk transfer bank")),
            (
                "invoice",
                _("Langsung berlangganan; tagihan untuk transfer bank (jatuh tempo 30 hari)"),
            ),
            ("card", _("Bayar sekarang dengan kartu (Stripe Checkout)")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from billing.selectors import plan_list_public

        self.plans = plan_list_public()
        self.fields["plan"].choices = [(p.code, p.name) for p in self.plans]
