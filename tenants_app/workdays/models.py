"""A regency's own closure days (a local holiday, a regional event). Schema: tenant."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
