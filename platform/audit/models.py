"""The operators' audit trail: who did what, when, to which regency. Schema: public."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    # No foreign key to the user: the user table exists in every schema, and an audit row must
    # survive its actor (docs/adr/0002).
    actor_id = models.BigIntegerField(_("id pelaku"), null=True, blank=True)
    actor_email = models.CharField(_("pelaku"), max_length=254, blank=True)
    action = models.CharField(_("tindakan"), max_length=64, db_index=True)
    regency = models.ForeignKey(
        "regencies.Regency",
        verbose_name=_("daerah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    regency_code = models.CharField(_("kode daerah"), max_length=5, blank=True)
    detail = models.JSONField(_("rincian"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("entri audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["regency", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_email or 'sistem'} {self.action}"
