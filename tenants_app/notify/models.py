"""A regency's provider settings (secrets encrypted) and its outbox of messages. Schema: tenant."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")


class ChannelSetting(models.Model):
    """One row per channel. `account_id` is WhatsApp's phone number id or Twilio's Account SID;
    `sender` is Twilio's From number (unused for WhatsApp). The token is Fernet-encrypted
    (notify/crypto.py) and only its last four characters are kept in the clear."""

    channel = models.CharField(_("saluran"), max_length=16, choices=Channel.choices, unique=True)
    enabled = models.BooleanField(_("aktif"), default=False)
    account_id = models.CharField(_("ID akun"), max_length=64, blank=True)
    sender = models.CharField(_("pengirim"), max_length=32, blank=True)
    token_encrypted = models.TextField(_("token (terenkripsi)"), blank=True)
    token_hint = models.CharField(_("4 karakter terakhir token"), max_length=4, blank=True)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("pengaturan saluran notifikasi")
        verbose_name_plural = _("pengaturan saluran notifikasi")

    def __str__(self) -> str:
        return self.get_channel_display()


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("menunggu")
    SENDING = "sending", _("sedang dikirim")
    SENT = "sent", _("terkirim")
    FAILED = "failed", _("gagal")
    SKIPPED = "skipped", _("tidak dikirim (tidak ada saluran aktif)")


class OutboxMessage(models.Model):
    """One notification; `dedupe_key` makes a repeated request the same row (sent once)."""

    dedupe_key = models.CharField(_("kunci unik"), max_length=200, unique=True)
    channel_hint = models.CharField(_("saluran pilihan"), max_length=16, choices=Channel.choices)
    to = models.CharField(_("nomor tujuan"), max_length=16)
    template = models.CharField(_("templat"), max_length=64)
    params = models.JSONField(_("parameter"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    rounds = models.PositiveSmallIntegerField(_("putaran pengiriman"), default=0)
    attempts = models.PositiveSmallIntegerField(_("permintaan ke penyedia"), default=0)
    channel_used = models.CharField(_("saluran terpakai"), max_length=16, blank=True)
    provider_message_id = models.CharField(_("ID pesan penyedia"), max_length=128, blank=True)
    last_error = models.CharField(_("galat terakhir"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("coba berikutnya"), default=timezone.now)
    claimed_at = models.DateTimeField(_("diambil pekerja"), null=True, blank=True)
    # Set (committed) just before each provider request, cleared by the result: a dead worker's
    # row with this set may have been accepted by the provider (the at-least-once window).
    inflight_at = models.DateTimeField(_("permintaan berjalan sejak"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("kotak keluar")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="notify_outbox_due_idx",
                condition=Q(status__in=["pending", "sending"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} → {self.to} ({self.status})"
