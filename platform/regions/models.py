"""Indonesia's provinces and kabupaten/kota with their Kemendagri codes. Schema: public.

Codes are the dotted Kemendagri codes (`51`, `51.03`); BPS codes are only an alias. Rows are never
deleted: a code that a newer decree drops is marked inactive, so history keeps its meaning.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


class KabKotaKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class Province(models.Model):
    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    is_active = models.BooleanField(_("berlaku"), default=True)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class KabKota(models.Model):
    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=KabKotaKind.choices)
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), on_delete=models.PROTECT, related_name="kabkota"
    )
    is_active = models.BooleanField(_("berlaku"), default=True)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
