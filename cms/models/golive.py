"""A portal's go-live state: the values adoption held back for the admin to confirm, and whether
the admin has published the portal (docs/adr/0035, 0040). Schema: tenant.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HeldSection(models.TextChoices):
    LOCATIONS = "locations", _("Lokasi")
    AGENCIES = "agencies", _("Instansi")
    STANDARDS = "standards", _("Standar pelayanan")
    PLEDGES = "pledges", _("Maklumat pelayanan")
    CONTACTS = "contacts", _("Kontak MPP")


class HeldValue(models.Model):
    """One value of the template adoption held back (a `Held` item of onboarding.localise): the
    row it belongs to (section + key), the field, the template's own value, a localised proposal
    where one can be guessed, and who confirmed what."""

    section = models.CharField(_("bagian"), max_length=20, choices=HeldSection.choices)
    key = models.CharField(_("kunci"), max_length=100)
    field_name = models.CharField(_("isian"), max_length=40)
    template_value = models.JSONField(_("nilai di templat"), null=True, blank=True)
    proposal = models.JSONField(_("saran"), null=True, blank=True)
    confirmed_value = models.JSONField(_("nilai yang dikonfirmasi"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikonfirmasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("isian yang ditahan")
        verbose_name_plural = _("isian yang ditahan")
        ordering = ("section", "key", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "key", "field_name"], name="cms_heldvalue_unique_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section}:{self.key}.{self.field_name}"


class PortalLaunch(models.Model):
    """At most one row. No row: the portal is public (every portal made before go-live existed).
    A row with `published_at` empty: the portal is being prepared and citizens see the
    "sedang disiapkan" page."""

    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    with_unconfirmed = models.PositiveIntegerField(
        _("isian belum dikonfirmasi saat terbit"), default=0
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penerbitan portal")
        verbose_name_plural = _("penerbitan portal")

    def __str__(self) -> str:
        return f"published {self.published_at}" if self.published_at else "preparing"
