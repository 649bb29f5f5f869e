"""Catalogue agencies (instansi), their English texts and staff memberships. Schema: tenant."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalogue.models.common import AgencyKind, Drafted, drafted_permissions, key_field
from catalogue.previews import CataloguePreviewable


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


class Agency(CataloguePreviewable, Drafted, EnglishText):
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
        permissions = drafted_permissions("agency")

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
