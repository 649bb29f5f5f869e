"""The regency's audit trail: one row per change made in its admin. Schema: tenant."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActivityEntry(models.Model):
    # Python's clock, never the database's (tests pin it; the convention test forbids DB now()).
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    # No foreign key to the user: a row must survive its actor (see platform/audit/models.py);
    # the label keeps the actor's e-mail as it was at the time.
    actor_id = models.BigIntegerField(_("id pelaku"), null=True, blank=True)
    actor_label = models.CharField(_("pelaku"), max_length=254, blank=True)
    verb = models.CharField(_("tindakan"), max_length=64)
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("jenis objek"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.CharField(_("id objek"), max_length=64, blank=True)
    target_label = models.CharField(_("objek"), max_length=255, blank=True)
    summary = models.CharField(_("ringkasan"), max_length=500, blank=True)
    before = models.JSONField(_("sebelum"), default=dict, blank=True)
    after = models.JSONField(_("sesudah"), default=dict, blank=True)

    class Meta:
        verbose_name = _("entri aktivitas")
        verbose_name_plural = _("jejak aktivitas")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["created_at"], name="activity_created_idx"),
            models.Index(fields=["target_type", "target_id"], name="activity_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label or 'sistem'} {self.verb}"
