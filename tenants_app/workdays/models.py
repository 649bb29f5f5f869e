"""A regency's own closure days (a local holiday, a regional event) and its cuti bersama choice.
Schema: tenant."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Closure(models.Model):
    """A day the regency's offices do not work, beyond national holidays and cuti bersama."""

    date = models.DateField(
        _("tanggal"),
        unique=True,
        error_messages={"unique": _("Tanggal ini sudah tercatat sebagai hari libur daerah.")},
    )
    reason = models.CharField(
        _("keterangan"),
        max_length=160,
        help_text=_("Misalnya: Hari Jadi Kabupaten."),
    )

    class Meta:
        verbose_name = _("hari libur daerah")
        verbose_name_plural = _("hari libur daerah")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.reason}"


@register_setting(icon="date", order=20)
class CalendarSetting(BaseGenericSetting):
    """The regency's choice about cuti bersama (Pengaturan > Kalender kerja); national holidays
    always close. One row per regency schema."""

    closed_on_cuti_bersama = models.BooleanField(
        _("tutup pada cuti bersama"),
        default=True,
        help_text=_("Hari libur nasional selalu tutup; cuti bersama mengikuti pilihan ini."),
    )

    panels = [FieldPanel("closed_on_cuti_bersama")]

    class Meta:
        verbose_name = _("kalender kerja")
