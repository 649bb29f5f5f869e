"""The tenant: a regency (kabupaten/kota) and the hosts its portal answers on. Schema: public."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from regions.models import TimeZone

kabkota_code_validator = RegexValidator(
    r"^\d{2}\.\d{2}$", _("Kode Kemendagri kabupaten/kota berbentuk NN.NN, misalnya 51.03.")
)


class RegencyStatus(models.TextChoices):
    PROVISIONING = "provisioning", _("Sedang disiapkan")
    ACTIVE = "active", _("Aktif")
    SUSPENDED = "suspended", _("Ditangguhkan")
    ARCHIVED = "archived", _("Diarsipkan")
    FAILED = "failed", _("Gagal dibuat")


class Regency(TenantMixin):
    """One kabupaten/kota, its MPP and its own PostgreSQL schema."""

    # Creation is an action (regencies.actions.regency_create), never a side effect of save().
    auto_create_schema = False
    auto_drop_schema = False

    name = models.CharField(
        _("nama resmi"), max_length=120, help_text=_("Misalnya Kabupaten Badung.")
    )
    code = models.CharField(
        _("kode Kemendagri"), max_length=5, unique=True, validators=[kabkota_code_validator]
    )
    brand_name = models.CharField(
        _("nama MPP"), max_length=80, blank=True, help_text=_("Nama merek MPP, misalnya MPP TRUST.")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegencyStatus.choices,
        default=RegencyStatus.PROVISIONING,
    )
    status_reason = models.TextField(_("keterangan status"), blank=True)
    time_zone = models.CharField(_("zona waktu"), max_length=32, choices=TimeZone.choices)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    activated_at = models.DateTimeField(_("diaktifkan"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("ditangguhkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("daerah")
        verbose_name_plural = _("daerah")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RegencyStatus.values), name="regency_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_brand(self) -> str:
        return self.brand_name or f"MPP {self.name}"

    @property
    def is_serving(self) -> bool:
        return self.status == RegencyStatus.ACTIVE

    def primary_hostname(self) -> str | None:
        for domain in self.domains.all():
            if domain.is_primary:
                return domain.domain
        return None

    def portal_url(self) -> str:
        from satupintu.site_urls import base_url

        return base_url(self.primary_hostname() or "") + "/"


class DomainKind(models.TextChoices):
    SUBDOMAIN = "subdomain", _("Subdomain platform")
    CUSTOM = "custom", _("Domain sendiri")


class Domain(DomainMixin):
    kind = models.CharField(
        _("jenis"), max_length=12, choices=DomainKind.choices, default=DomainKind.SUBDOMAIN
    )
    created_at = models.DateTimeField(_("ditambahkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domain")
        ordering = ["-is_primary", "domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"],
                condition=models.Q(is_primary=True),
                name="domain_one_primary_per_regency",
            ),
        ]


class ImpersonationGrant(models.Model):
    """An operator's time-limited, read-only look at a regency's admin as one of its admins."""

    token = models.CharField(max_length=64, unique=True)
    regency = models.ForeignKey(Regency, on_delete=models.CASCADE, related_name="impersonations")
    operator_id = models.BigIntegerField()
    operator_email = models.CharField(max_length=254)
    admin_email = models.CharField(max_length=254)
    reason = models.CharField(_("alasan"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("akses dukungan (baca saja)")
        verbose_name_plural = _("akses dukungan (baca saja)")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.operator_email} → {self.admin_email} @ {self.regency}"
