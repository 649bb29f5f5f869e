"""Shared pieces of the catalogue models: the `key` field, constraint helpers and choices.
Schema: tenant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
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


class Drafted(DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A catalogue row with drafts (ADR 0032, 0042): the row is what citizens see (`live=False`
    only for a row created as a draft and never published); drafts, history, scheduling and
    locking are Wagtail revisions. Publishing is `publish_<model>` (`drafted_permissions`)."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


def drafted_permissions(model_name: str) -> list[tuple[str, StrOrPromise]]:
    """The permissions Wagtail asks for on a Drafted model, made by its migration in every
    regency schema (Wagtail would otherwise add them only after a full `migrate`)."""
    return [
        (f"{action}_{model_name}", f"Can {action} {model_name}")
        for action in ("publish", "lock", "unlock")
    ]


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
