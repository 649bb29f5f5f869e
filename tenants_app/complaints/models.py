"""Complaints (pengaduan), their history, attachments, templates and reminders. Schema: tenant.

The reporter's name and contact live on the complaint itself so that erasing them after the
retention period (UU 27/2022) is one update; nothing else stores them.
"""

from __future__ import annotations

from datetime import time

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    COMPLAINT = "pengaduan", _("Pengaduan")
    ASPIRATION = "aspirasi", _("Aspirasi")
    INFORMATION = "informasi", _("Permintaan informasi")


class Channel(models.TextChoices):
    WEB = "web", _("Situs web")
    PHONE = "telepon", _("Telepon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LETTER = "surat", _("Surat")
    IN_PERSON = "langsung", _("Datang langsung")


class Identity(models.TextChoices):
    NAMED = "nama", _("Dengan nama")
    ANONYMOUS = "anonim", _("Anonim")
    CONFIDENTIAL = "rahasia", _("Rahasiakan identitas")


class Status(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    VERIFIED = "diverifikasi", _("Diverifikasi")
    FORWARDED = "diteruskan", _("Diteruskan")
    IN_PROGRESS = "diproses", _("Diproses")
    FOLLOWED_UP = "ditindaklanjuti", _("Ditindaklanjuti")
    CLOSED = "selesai", _("Selesai")
    OUT_OF_REMIT = "bukan_wewenang", _("Bukan Wewenang")
    POSTPONED = "ditunda", _("Ditunda")
    ARCHIVED = "diarsipkan", _("Diarsipkan")


class ComplaintSettings(models.Model):
    """The regency's complaint settings (one row; defaults when there is none)."""

    reopen_days = models.PositiveSmallIntegerField(
        _("batas membuka kembali (hari)"),
        default=10,
        help_text=_("Berapa hari setelah Selesai pelapor masih dapat membuka kembali pengaduan."),
    )
    retention_days = models.PositiveIntegerField(
        _("masa simpan kontak pelapor (hari)"),
        default=365,
        help_text=_("Setelah pengaduan selesai atau diarsipkan, nama dan kontak pelapor dihapus."),
    )
    office_closes_at = models.TimeField(
        _("jam tutup layanan"),
        default=time(16, 0),
        help_text=_(
            "Pengaduan yang diterima sesudah jam ini dihitung mulai hari kerja berikutnya."
        ),
    )
    reminder_email = models.EmailField(
        _("e-mail pengingat koordinator"),
        blank=True,
        help_text=_("Pengingat tenggat verifikasi dikirim ke alamat ini."),
    )

    class Meta:
        verbose_name = _("pengaturan pengaduan")
        verbose_name_plural = _("pengaturan pengaduan")

    def __str__(self) -> str:
        return str(_("Pengaturan pengaduan"))


class Complaint(models.Model):
    tracking_code = models.CharField(_("kode lacak"), max_length=10, unique=True)
    classification = models.CharField(
        _("klasifikasi"), max_length=12, choices=Classification.choices
    )
    subject = models.CharField(_("perihal"), max_length=160)
    body = models.TextField(_("isi"), max_length=5000)
    location_text = models.CharField(_("lokasi kejadian"), max_length=200, blank=True)
    service = models.ForeignKey(
        "tenants_app.Service",
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_agency = models.ForeignKey(
        "tenants_app.Agency",
        verbose_name=_("instansi yang diadukan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    identity = models.CharField(
        _("identitas"), max_length=8, choices=Identity.choices, default=Identity.NAMED
    )
    reporter_name = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    reporter_contact = models.CharField(_("kontak pelapor"), max_length=120, blank=True)
    contact_erased_at = models.DateTimeField(_("kontak dihapus"), null=True, blank=True)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("diterima pada"))
    created_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    lapor_id = models.CharField(_("ID SP4N-LAPOR!"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status berubah"), default=timezone.now)
    agency = models.ForeignKey(
        "tenants_app.Agency",
        verbose_name=_("diteruskan ke"),
        null=True,
        blank=True,
        # Not PROTECT: a catalogue import that replaces agencies must not fail on complaints;
        # a complaint whose agency vanished waits for the coordinator to forward it again.
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    # Deadlines as local dates, fixed when the step starts (docs/adr/0023).
    forward_due = models.DateField(_("tenggat disposisi"))
    forwarded_at = models.DateTimeField(_("diteruskan pada"), null=True, blank=True)
    followup_due = models.DateField(_("tenggat tindak lanjut"), null=True, blank=True)
    followed_up_at = models.DateTimeField(_("ditindaklanjuti pada"), null=True, blank=True)
    autoclose_on = models.DateField(_("selesai otomatis pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    within_deadlines = models.BooleanField(_("selesai dalam tenggat"), null=True, blank=True)
    reporter_replied_at = models.DateTimeField(_("pelapor menanggapi"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("penilaian"), null=True, blank=True)
    rating_comment = models.CharField(_("komentar penilaian"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("coordinate_complaint", _("Dapat memverifikasi, meneruskan, dan menutup pengaduan")),
            ("answer_complaint", _("Dapat menjawab pengaduan yang diteruskan ke instansinya")),
        ]
        indexes = [
            models.Index(fields=["status", "forward_due"], name="complaint_status_due_idx"),
            models.Index(fields=["agency", "status"], name="complaint_agency_idx"),
            models.Index(fields=["received_at"], name="complaint_received_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="complaint_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} {self.subject}"

    @property
    def display_code(self) -> str:
        return f"{self.tracking_code[:5]}-{self.tracking_code[5:]}"

    @property
    def lapor_url(self) -> str:
        return f"https://www.lapor.go.id/pengaduan/{self.lapor_id}" if self.lapor_id else ""


class EventKind(models.TextChoices):
    STATUS = "status", _("Perubahan status")
    ANSWER = "jawaban", _("Jawaban")
    NOTE = "catatan", _("Catatan internal")
    REPORTER = "pelapor", _("Tanggapan pelapor")


class ComplaintEvent(models.Model):
    """One step of the history: a status change, an answer, an internal note or the reporter's
    own message. Internal notes are never shown to the reporter."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("jenis"), max_length=8, choices=EventKind.choices)
    status_from = models.CharField(max_length=16, choices=Status.choices, blank=True)
    status_to = models.CharField(max_length=16, choices=Status.choices, blank=True)
    text = models.TextField(_("teks"), max_length=5000, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(_("oleh"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat pengaduan")
        verbose_name_plural = _("riwayat pengaduan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_public(self) -> bool:
        return self.kind != EventKind.NOTE


def attachment_path(instance: Attachment, filename: str) -> str:
    # Outside the public media tree: served only through the complaint views (media_serve
    # refuses "private/").
    return f"private/complaints/{instance.token}.{instance.extension}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    content_type = models.CharField(max_length=40)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.token}.{self.extension}"


class ResponseTemplate(models.Model):
    """A ready answer for one status, offered to staff when they move a complaint there."""

    status = models.CharField(_("untuk status"), max_length=16, choices=Status.choices)
    title = models.CharField(_("judul"), max_length=120)
    text = models.TextField(_("teks"), max_length=3000)

    class Meta:
        verbose_name = _("templat tanggapan")
        verbose_name_plural = _("templat tanggapan")
        ordering = ["status", "title"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.title}"


class ReminderSent(models.Model):
    """A reminder sent once: the unique row is taken before the e-mail goes out."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=24)
    due = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "kind", "due"], name="complaint_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due}"
