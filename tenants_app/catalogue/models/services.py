"""Catalogue services, their legal service standard, counters and service pledges.
Schema: tenant.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.models.agencies import Agency, EnglishText
from catalogue.models.common import (
    Drafted,
    ServiceChannel,
    TimeUnit,
    drafted_permissions,
    key_field,
)
from catalogue.models.locations import Location
from catalogue.previews import CataloguePreviewable


class ServiceCategory(models.Model):
    key = key_field()
    name = models.CharField(_("nama kategori"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori layanan")
        verbose_name_plural = _("kategori layanan")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


# --- services and their standard -----------------------------------------------------------------
class Service(CataloguePreviewable, Drafted, EnglishText):
    """The row is the live (published) service; drafts are Wagtail revisions (ADR 0032). The
    standard edited with it travels in the revision as `standard_draft` and becomes a new
    ServiceStandard version when the revision is published (catalogue.publishing)."""

    key = key_field()
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="services"
    )
    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    name = models.CharField(_("nama layanan"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    channel = models.CharField(
        _("kanal"), max_length=20, choices=ServiceChannel.choices, default=ServiceChannel.IN_PERSON
    )
    external_url = models.URLField(
        _("tautan layanan daring"),
        max_length=500,
        blank=True,
        help_text=_(
            "Untuk kanal daring: alamat sistem tempat warga mengajukan (kami hanya menautkan)."
        ),
    )
    external_system = models.CharField(_("nama sistem daring"), max_length=100, blank=True)
    keywords = ArrayField(
        models.CharField(max_length=60), verbose_name=_("kata kunci"), default=list, blank=True
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_popular = models.BooleanField(_("layanan populer"), default=False)
    current_standard = models.ForeignKey(
        "ServiceStandard",
        verbose_name=_("standar pelayanan berlaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Maintained by catalogue.actions.service_search_refresh: the ranked document, and the
    # normalised words the spelling correction draws its vocabulary from.
    search_document = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    # The standard's fields as edited in the admin form; carried by revisions, applied on publish.
    standard_draft = models.JSONField(
        _("standar pelayanan (draf)"),
        default=dict,
        blank=True,
        editable=False,
        encoder=DjangoJSONEncoder,
    )

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["name"]
        permissions = drafted_permissions("service")
        indexes = [
            GinIndex(fields=["search_document"], name="service_search_document"),
            models.Index(fields=["agency", "is_active"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel=ServiceChannel.EXTERNAL_ONLINE) | ~Q(external_url=""),
                name="service_external_channel_has_url",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.channel == ServiceChannel.EXTERNAL_ONLINE and not self.external_url:
            raise ValidationError(
                {
                    "external_url": _(
                        "Layanan pada sistem daring eksternal wajib mencantumkan tautannya."
                    )
                }
            )


class ServiceStandard(models.Model):
    """One version of a service's *standar pelayanan* (UU 25/2009 art. 21; PermenPANRB 15/2014).

    Versions are never edited in place once superseded; `Service.current_standard` points at the one
    in force. Long fields hold sanitised rich text, because real standards are often free text.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="standards")
    version = models.PositiveIntegerField(_("versi"), default=1)
    # A. Published components (komponen penyampaian).
    requirements = ArrayField(models.TextField(), verbose_name=_("persyaratan"), default=list)
    procedure = ArrayField(
        models.TextField(), verbose_name=_("sistem, mekanisme, dan prosedur"), default=list
    )
    completion_time_value = models.PositiveIntegerField(_("jangka waktu"), default=1)
    completion_time_unit = models.CharField(
        _("satuan waktu"), max_length=16, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    completion_time_note = models.CharField(_("keterangan waktu"), max_length=300, blank=True)
    fee_is_free = models.BooleanField(_("gratis"), default=True)
    fee_amount = models.PositiveBigIntegerField(_("biaya (Rp)"), null=True, blank=True)
    fee_note = models.TextField(_("keterangan biaya"), blank=True)
    tariff_basis = models.CharField(_("dasar tarif"), max_length=500, blank=True)
    product = models.TextField(_("produk pelayanan"))
    complaint_handling = models.TextField(_("penanganan pengaduan, saran, dan masukan"))
    # B. Internal components (komponen pengelolaan).
    legal_basis = ArrayField(
        models.TextField(), verbose_name=_("dasar hukum"), default=list, blank=True
    )
    facilities = models.TextField(_("sarana, prasarana, dan/atau fasilitas"), blank=True)
    staff_competence = models.TextField(_("kompetensi pelaksana"), blank=True)
    internal_supervision = models.TextField(_("pengawasan internal"), blank=True)
    staff_count = models.CharField(_("jumlah pelaksana"), max_length=500, blank=True)
    service_guarantee = models.TextField(_("jaminan pelayanan"), blank=True)
    safety_guarantee = models.TextField(_("jaminan keamanan dan keselamatan"), blank=True)
    performance_evaluation = models.TextField(_("evaluasi kinerja pelaksana"), blank=True)
    # Adoption.
    decree_number = models.CharField(_("nomor SK"), max_length=200, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    review_date = models.DateField(_("tanggal peninjauan berikutnya"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by_id = models.BigIntegerField(_("dibuat oleh"), null=True, blank=True)

    class Meta:
        verbose_name = _("standar pelayanan")
        verbose_name_plural = _("standar pelayanan")
        ordering = ["service", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "version"], name="service_standard_version_unique"
            ),
            models.CheckConstraint(
                condition=(Q(fee_is_free=True) & (Q(fee_amount__isnull=True) | Q(fee_amount=0)))
                | (Q(fee_is_free=False) & (Q(fee_amount__gt=0) | ~Q(fee_note=""))),
                name="service_standard_fee_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} v{self.version}"

    def clean(self) -> None:
        errors = {}
        if not [r for r in self.requirements if r.strip()]:
            errors["requirements"] = _("Isi paling sedikit satu persyaratan.")
        if not [p for p in self.procedure if p.strip()]:
            errors["procedure"] = _("Isi paling sedikit satu langkah prosedur.")
        if self.fee_is_free and self.fee_amount:
            errors["fee_amount"] = _("Layanan gratis tidak boleh memiliki nominal biaya.")
        if not self.fee_is_free and not self.fee_amount and not self.fee_note.strip():
            errors["fee_amount"] = _(
                "Isi nominal biaya atau keterangan biaya untuk layanan berbayar."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def completion_time_display(self) -> str:
        """'1 hari kerja' / '1 working day', '3 working days': the unit with its plural form."""
        n = self.completion_time_value
        forms: dict[str, str] = {
            TimeUnit.MINUTES: ngettext("%(n)s menit", "%(n)s menit", n),
            TimeUnit.HOURS: ngettext("%(n)s jam", "%(n)s jam", n),
            TimeUnit.DAYS: ngettext("%(n)s hari", "%(n)s hari", n),
            TimeUnit.WORKING_DAYS: ngettext("%(n)s hari kerja", "%(n)s hari kerja", n),
        }
        text = forms.get(str(self.completion_time_unit))
        if text is None:
            return f"{n} {self.get_completion_time_unit_display()}"
        return text % {"n": n}


class Counter(models.Model):
    key = key_field()
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="counters"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("lokasi"), on_delete=models.PROTECT, related_name="counters"
    )
    code = models.CharField(_("kode loket"), max_length=20)
    name = models.CharField(_("nama loket"), max_length=160)
    queue_prefix = models.CharField(
        _("huruf antrean"),
        max_length=1,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]$", _("Huruf antrean berupa satu huruf kapital A-Z."))],
    )
    floor = models.CharField(_("lantai/zona"), max_length=80, blank=True)
    services = models.ManyToManyField(
        Service, verbose_name=_("layanan"), blank=True, related_name="counters"
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("loket")
        verbose_name_plural = _("loket")
        ordering = ["location__sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "code"], name="counter_code_unique_per_location"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ServicePledge(Drafted):
    """Maklumat pelayanan: the regency's public service promise, or one agency's (drafted: its
    text goes public when an Admin MPP publishes it)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pledges",
        help_text=_("Kosongkan untuk maklumat pelayanan MPP (seluruh daerah)."),
    )
    title = models.CharField(_("judul"), max_length=200, default="Maklumat Pelayanan")
    text = models.TextField(_("isi maklumat"))
    signatory = models.CharField(_("penanda tangan"), max_length=200, blank=True)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    signed_on = models.DateField(_("tanggal"), null=True, blank=True)
    is_active = models.BooleanField(_("berlaku"), default=True)

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = _("maklumat pelayanan")
        ordering = ["agency__sort_order", "-signed_on"]
        permissions = drafted_permissions("servicepledge")
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(is_active=True, agency__isnull=False),
                name="pledge_one_active_per_agency",
                violation_error_message=_(
                    "Instansi ini sudah memiliki maklumat yang berlaku; nonaktifkan yang lama dulu."
                ),
            ),
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True, agency__isnull=True),
                name="pledge_one_active_regency_wide",
                violation_error_message=_(
                    "MPP sudah memiliki maklumat yang berlaku; nonaktifkan yang lama dulu."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.agency or _('MPP')})"


# --- opening hours -------------------------------------------------------------------------------
