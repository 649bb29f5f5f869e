"""Opening hours: schedule profiles, weekly hours, breaks and date overrides. Schema: tenant."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from catalogue.models.agencies import Agency
from catalogue.models.common import (
    Drafted,
    Weekday,
    drafted_permissions,
    key_field,
    opens_before_closes,
)
from catalogue.models.locations import Location


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


class WeeklyHours(Drafted, ClusterableModel):
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
        permissions = drafted_permissions("weeklyhours")
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


class DateOverride(Drafted):
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
        permissions = drafted_permissions("dateoverride")
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
