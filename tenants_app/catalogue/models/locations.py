"""Catalogue locations: the MPP buildings and outlets of a regency. Schema: tenant."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models.common import (
    Drafted,
    Facility,
    LocationKind,
    drafted_permissions,
    key_field,
)


class Location(Drafted):
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
        permissions = drafted_permissions("location")
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
