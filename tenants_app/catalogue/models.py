"""A regency's MPP catalogue: locations, agencies, counters, services and their legal service
standard, service pledges, and opening hours. Schema: tenant.

Every row has a `key`: a stable slug that names it in URLs and in the portable catalogue format
(docs/catalogue.md), so a template's agency stays the same agency after a regency renames it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
key_validator = RegexValidator(
    KEY_PATTERN,
    _("Kunci hanya boleh berisi huruf kecil, angka, dan tanda hubung (maks. 80 karakter)."),
)


def key_field() -> models.CharField:
    return models.CharField(
        _("kunci"),
        max_length=80,
        unique=True,
        validators=[key_validator],
        help_text=_("Pengenal tetap untuk alamat halaman dan impor/ekspor, misalnya ktp-el-baru."),
    )


def opens_before_closes(name: str, message: StrOrPromise) -> models.CheckConstraint:
    """A day's hours: either closed, or an opening time before the closing time. Admin forms check
    it and show `message`; documents are checked before they are imported (portable.validation)."""
    return models.CheckConstraint(
        condition=Q(is_closed=True) | (Q(opens__isnull=False) & Q(closes__gt=models.F("opens"))),
        name=name,
        violation_error_message=message,
    )


# --- choices -------------------------------------------------------------------------------------


class LocationKind(models.TextChoices):
    MAIN = "main", _("Gedung MPP")
    DISTRICT = "district", _("Gerai kecamatan")
    VILLAGE = "village", _("Gerai desa/kelurahan")
    MARKET = "market", _("Gerai pasar")
    MOBILE = "mobile", _("Layanan keliling")
    DIGITAL = "digital", _("Layanan digital")


class Facility(models.TextChoices):
    WAITING_ROOM = "waiting_room", _("Ruang tunggu")
    NURSING_ROOM = "nursing_room", _("Ruang laktasi")
    PLAY_AREA = "play_area", _("Ruang bermain anak")
    DISABILITY_ACCESS = "disability_access", _("Akses disabilitas (ramp)")
    WHEELCHAIR = "wheelchair", _("Kursi roda")
    PRIORITY_SEATS = "priority_seats", _("Kursi prioritas")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Toilet disabilitas")
    TOILET = "toilet", _("Toilet")
    CONSULTATION = "consultation", _("Pojok konsultasi")
    HELP_DESK = "help_desk", _("Meja informasi")
    SELF_SERVICE_KIOSK = "self_service_kiosk", _("Anjungan layanan mandiri")
    PRAYER_ROOM = "prayer_room", _("Musala")
    PARKING = "parking", _("Parkir")
    WIFI = "wifi", _("Wi-Fi")
    ATM = "atm", _("ATM")
    READING_CORNER = "reading_corner", _("Pojok baca")
    PHOTOCOPY = "photocopy", _("Fotokopi")
    CAFETERIA = "cafeteria", _("Kantin")
    HEALTH_POST = "health_post", _("Pos kesehatan")
    CHARGING_STATION = "charging_station", _("Tempat pengisian daya")
    DRINKING_WATER = "drinking_water", _("Air minum")
    SATISFACTION_KIOSK = "satisfaction_kiosk", _("Anjungan survei kepuasan")
    WEDDING_ROOM = "wedding_room", _("Bilik nikah")


class AgencyKind(models.TextChoices):
    OPD = "opd", _("Perangkat daerah kabupaten/kota")
    PROVINCIAL = "provincial", _("Pemerintah provinsi")
    VERTICAL = "vertical", _("Instansi vertikal / kementerian")
    BUMN = "bumn", _("BUMN")
    BUMD = "bumd", _("BUMD")
    PRIVATE = "private", _("Swasta / lainnya")


class ServiceChannel(models.TextChoices):
    IN_PERSON = "in_person", _("Tatap muka di loket")
    AGENCY_ONLINE = "agency_online", _("Daring melalui instansi")
    EXTERNAL_ONLINE = "external_online", _("Sistem daring eksternal")


class TimeUnit(models.TextChoices):
    MINUTES = "minutes", _("menit")
    HOURS = "hours", _("jam")
    DAYS = "days", _("hari")
    WORKING_DAYS = "working_days", _("hari kerja")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Senin")
    TUESDAY = 1, _("Selasa")
    WEDNESDAY = 2, _("Rabu")
    THURSDAY = 3, _("Kamis")
    FRIDAY = 4, _("Jumat")
    SATURDAY = 5, _("Sabtu")
    SUNDAY = 6, _("Minggu")


# --- places and agencies -------------------------------------------------------------------------
class Location(models.Model):
    key = key_field()
    name = models.CharField(_("nama"), max_length=160)
    kind = models.CharField(
        _("jenis"), max_length=12, choices=LocationKind.choices, default=LocationKind.MAIN
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    description = models.TextField(_("keterangan"), blank=True)
    facilities = ArrayField(
        models.CharField(max_length=32, choices=Facility.choices),
        verbose_name=_("fasilitas"),
        default=list,
        blank=True,
    )
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("lokasi")
        verbose_name_plural = _("lokasi")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-11.5, latitude__lte=6.5),
                name="location_latitude_in_indonesia",
                violation_error_message=_("Lintang harus di wilayah Indonesia (-11,5 sampai 6,5)."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=94.5, longitude__lte=141.5),
                name="location_longitude_in_indonesia",
                violation_error_message=_("Bujur harus di wilayah Indonesia (94,5 sampai 141,5)."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."))
        unknown = set(self.facilities or []) - set(Facility.values)
        if unknown:
            raise ValidationError(
                {"facilities": _("Fasilitas tidak dikenal: %s") % ", ".join(sorted(unknown))}
            )

    def facility_labels(self) -> list[str]:
        labels = dict(Facility.choices)
        return [str(labels[f]) for f in self.facilities if f in labels]


class EnglishText(models.Model):
    """Optional English name and description, shown on the portal's /en/ pages where filled in."""

    name_en = models.CharField(
        _("nama dalam bahasa Inggris"),
        max_length=200,
        blank=True,
        help_text=_("Opsional. Tampil di halaman berbahasa Inggris (/en/)."),
    )
    description_en = models.TextField(_("keterangan dalam bahasa Inggris"), blank=True)

    class Meta:
        abstract = True

    @property
    def in_english(self) -> bool:
        """True on an English page where the regency wrote this row's English name."""
        return bool(self.name_en) and (get_language() or "").startswith("en")

    @property
    def name_local(self) -> str:
        return self.name_en if self.in_english else self.name  # type: ignore[attr-defined]

    @property
    def description_local(self) -> str:
        if self.in_english:
            return self.description_en
        return self.description  # type: ignore[attr-defined]


class Agency(EnglishText):
    key = key_field()
    name = models.CharField(_("nama instansi"), max_length=200)
    abbreviation = models.CharField(_("singkatan"), max_length=40, blank=True)
    kind = models.CharField(_("jenis instansi"), max_length=12, choices=AgencyKind.choices)
    parent_institution = models.CharField(
        _("induk instansi"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya Kementerian Imigrasi dan Pemasyarakatan."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("profil singkat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def short_name(self) -> str:
        return self.abbreviation or self.name


class AgencyMembership(models.Model):
    """An agency admin (admin instansi): manages only this agency's services and counters."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="agency_memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = _("admin instansi")
        verbose_name_plural = _("admin instansi")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="agency_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.agency}"


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
class Service(DraftStateMixin, LockableMixin, RevisionMixin, EnglishText):
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
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="service")

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["name"]
        permissions = [
            ("publish_service", "Can publish service"),
            ("lock_service", "Can lock service"),
            ("unlock_service", "Can unlock service"),
        ]
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

    @property
    def revisions(self):
        return self._revisions

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


class ServicePledge(models.Model):
    """Maklumat pelayanan: the regency's public service promise, or one agency's."""

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
class ScheduleProfile(models.Model):
    """A named set of weekly hours (Normal, Ramadan); the default applies outside other profiles'
    date ranges."""

    key = key_field()
    name = models.CharField(_("nama"), max_length=80)
    is_default = models.BooleanField(_("profil bawaan"), default=False)
    starts_on = models.DateField(_("berlaku mulai"), null=True, blank=True)
    ends_on = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("profil jam layanan")
        verbose_name_plural = _("profil jam layanan")
        ordering = ["-is_default", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_profile",
                violation_error_message=_("Sudah ada profil bawaan; hanya boleh satu."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="profile_dates_ordered",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.is_default and not (self.starts_on and self.ends_on):
            raise ValidationError(
                _("Profil selain profil bawaan wajib memiliki tanggal mulai dan selesai.")
            )


class WeeklyHours(ClusterableModel):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="weekly_hours")
    profile = models.ForeignKey(
        ScheduleProfile, on_delete=models.CASCADE, related_name="weekly_hours"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("khusus instansi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="weekly_hours",
        help_text=_("Kosongkan untuk jam lokasi; isi untuk pengecualian satu instansi."),
    )
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    is_closed = models.BooleanField(_("tutup"), default=False)
    opens = models.TimeField(_("buka"), null=True, blank=True)
    closes = models.TimeField(_("tutup pukul"), null=True, blank=True)

    class Meta:
        verbose_name = _("jam layanan mingguan")
        verbose_name_plural = _("jam layanan mingguan")
        ordering = ["location", "profile", "agency", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "profile", "weekday"],
                condition=Q(agency__isnull=True),
                name="weekly_hours_unique_per_location",
                violation_error_message=_(
                    "Hari ini sudah memiliki jam layanan untuk lokasi dan profil ini."
                ),
            ),
            models.UniqueConstraint(
                fields=["location", "profile", "weekday", "agency"],
                condition=Q(agency__isnull=False),
                name="weekly_hours_unique_per_agency",
                violation_error_message=_(
                    "Hari ini sudah memiliki jam layanan untuk instansi, lokasi, dan profil ini."
                ),
            ),
            opens_before_closes(
                "weekly_hours_open_before_close",
                _("Jam buka harus sebelum jam tutup, atau tandai hari ini tutup."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.get_weekday_display()}"


class BreakWindow(models.Model):
    weekly_hours = ParentalKey(WeeklyHours, on_delete=models.CASCADE, related_name="breaks")
    starts = models.TimeField(_("istirahat mulai"))
    ends = models.TimeField(_("istirahat selesai"))

    class Meta:
        verbose_name = _("jam istirahat")
        verbose_name_plural = _("jam istirahat")
        ordering = ["starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")),
                name="break_starts_before_it_ends",
                violation_error_message=_("Istirahat harus selesai setelah mulai."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts:%H.%M}-{self.ends:%H.%M}"


class DateOverride(models.Model):
    """A regency's own closure or special hours on one date (all locations, or one)."""

    date = models.DateField(_("tanggal"))
    location = models.ForeignKey(
        Location,
        verbose_name=_("lokasi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="date_overrides",
        help_text=_("Kosongkan untuk semua lokasi."),
    )
    name = models.CharField(_("keterangan"), max_length=160)
    is_closed = models.BooleanField(_("tutup"), default=True)
    opens = models.TimeField(_("buka"), null=True, blank=True)
    closes = models.TimeField(_("tutup pukul"), null=True, blank=True)

    class Meta:
        verbose_name = _("penutupan / jam khusus")
        verbose_name_plural = _("penutupan / jam khusus")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(location__isnull=True),
                name="override_unique_all",
                violation_error_message=_("Tanggal ini sudah diatur untuk semua lokasi."),
            ),
            models.UniqueConstraint(
                fields=["date", "location"],
                condition=Q(location__isnull=False),
                name="override_unique_location",
                violation_error_message=_("Tanggal ini sudah diatur untuk lokasi ini."),
            ),
            opens_before_closes(
                "override_open_before_close",
                _("Untuk jam khusus, isi jam buka sebelum jam tutup."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"
