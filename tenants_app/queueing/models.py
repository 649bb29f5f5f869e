"""The queue's rows: queues, tickets and their daily sequences, devices, bookings, quotas and
the regency's priority rule. Schema: tenant.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from catalogue.models import Counter, Location, Service


def public_id_new() -> str:
    return secrets.token_urlsafe(16)


class Queue(models.Model):
    """Services of one location grouped behind one ticket prefix ("A" KTP-el, "B" SIM...)."""

    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="queues", verbose_name=_("lokasi")
    )
    prefix = models.CharField(
        _("awalan nomor"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{1,2}$", _("Awalan berupa 1-2 huruf kapital."))],
    )
    name = models.CharField(_("nama antrean"), max_length=120)
    services = models.ManyToManyField(Service, related_name="queues", verbose_name=_("layanan"))
    counters = models.ManyToManyField(
        Counter, related_name="queues", blank=True, verbose_name=_("loket yang melayani")
    )
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)
    overnight = models.BooleanField(
        _("antrean untuk hari kerja berikutnya"),
        default=False,
        help_text=_(
            "Setelah jam tutup (dan sebelum buka), kios tetap memberi nomor untuk hari kerja "
            "berikutnya, diurutkan dalam nomor hari itu."
        ),
    )

    class Meta:
        verbose_name = _("antrean")
        verbose_name_plural = _("antrean")
        ordering = ["location_id", "sort_order", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["location", "prefix"], name="queue_prefix_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Menunggu")
    CALLED = "called", _("Dipanggil")
    SERVING = "serving", _("Dilayani")
    DONE = "done", _("Selesai")
    SKIPPED = "skipped", _("Dilewati")
    CANCELLED = "cancelled", _("Batal")
    HELD = "held", _("Ditunda")


class Priority(models.TextChoices):
    NONE = "", _("Umum")
    DISABILITY = "disabilitas", _("Disabilitas")
    ELDERLY = "lansia", _("Lansia")
    PREGNANT = "ibu_hamil", _("Ibu hamil")
    CHILD = "anak", _("Anak")


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Kios")
    ONLINE = "online", _("Daring")
    COUNTER = "counter", _("Petugas")
    WALK_IN = "walk_in", _("Langsung dilayani")


class TicketSequence(models.Model):
    """The last number given for one location, local date and prefix: locked while a ticket is
    issued, so numbers are gapless and unique however many kiosks press at once."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    prefix = models.CharField(max_length=2)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["location", "local_date", "prefix"], name="ticket_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.local_date}: {self.last}"


class Ticket(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=public_id_new, editable=False)
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="tickets")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    local_date = models.DateField(_("tanggal"))
    prefix = models.CharField(max_length=2)
    seq = models.PositiveIntegerField()
    number = models.CharField(_("nomor"), max_length=12)
    priority = models.CharField(
        _("prioritas"), max_length=12, choices=Priority.choices, default="", blank=True
    )
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    counter = models.ForeignKey(
        Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Transferred to one counter: only that counter calls it.
    for_counter = models.ForeignKey(
        Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("diambil"))
    called_at = models.DateTimeField(_("dipanggil"), null=True, blank=True)
    started_at = models.DateTimeField(_("mulai dilayani"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(default=0)
    # The citizen's number for "N-th in line" and "called" messages; erased when the ticket ends.
    notify_phone = models.CharField(max_length=20, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("tiket antrean")
        verbose_name_plural = _("tiket antrean")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "local_date", "prefix", "seq"], name="ticket_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["queue", "local_date", "status"]),
            # A day's tickets across queues: the dashboard reads the days its rollup has not
            # (today; docs/adr/0038) by date, and a day without tickets costs a probe, not a scan.
            models.Index(fields=["local_date"], name="ticket_local_date"),
            # The daily sweep's rows (queueing.sweep): still open, or still holding a number.
            models.Index(
                fields=["local_date"],
                condition=Q(status__in=["waiting", "held", "called"]) | ~Q(notify_phone=""),
                name="ticket_open_or_phone",
            ),
        ]
        permissions = [("serve_counter", "Melayani di loket (panel petugas)")]

    def __str__(self) -> str:
        return self.number


class PriorityRule(models.Model):
    """The regency's rule: every `every_nth` call goes to a priority ticket when one waits."""

    every_nth = models.PositiveSmallIntegerField(
        _("setiap panggilan ke-"), default=3, validators=[MinValueValidator(1)]
    )
    booking_window_days = models.PositiveSmallIntegerField(
        _("jendela pemesanan (hari)"), default=30, validators=[MinValueValidator(1)]
    )
    notify_position = models.PositiveSmallIntegerField(
        _("kabari saat urutan ke-"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Warga yang meninggalkan nomor HP dikabari saat antreannya di urutan ini."),
    )

    class Meta:
        verbose_name = _("aturan antrean")
        verbose_name_plural = _("aturan antrean")

    def __str__(self) -> str:
        return str(_("Prioritas setiap panggilan ke-%(n)s") % {"n": self.every_nth})


class DeviceKind(models.TextChoices):
    KIOSK = "kiosk", _("Kios tiket")
    DISPLAY = "display", _("Layar TV")


class Device(models.Model):
    """A kiosk or TV display of one location, paired by a one-time code for a revocable token;
    both are stored only as SHA-256 hashes."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="devices", verbose_name=_("lokasi")
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=DeviceKind.choices)
    name = models.CharField(_("nama perangkat"), max_length=80)
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    paired_at = models.DateTimeField(_("dipasangkan"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("terakhir aktif"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("perangkat antrean")
        verbose_name_plural = _("perangkat antrean")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class ServiceQuota(models.Model):
    """Daily quotas of one service at one location: walk-in and online kept apart."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="quotas")
    walk_in_daily = models.PositiveIntegerField(_("kuota datang langsung per hari"), default=100)
    online_daily = models.PositiveIntegerField(_("kuota daring per hari"), default=40)
    online_per_slot = models.PositiveIntegerField(_("kuota daring per slot"), default=5)
    slot_minutes = models.PositiveSmallIntegerField(
        _("panjang slot (menit)"), default=30, validators=[MinValueValidator(10)]
    )

    class Meta:
        verbose_name = _("kuota layanan")
        verbose_name_plural = _("kuota layanan")
        constraints = [
            models.UniqueConstraint(fields=["location", "service"], name="service_quota_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class BookingStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    CONFIRMED = "confirmed", _("Terkonfirmasi")
    CHECKED_IN = "checked_in", _("Sudah datang")
    CANCELLED = "cancelled", _("Dibatalkan")
    EXPIRED = "expired", _("Kedaluwarsa")


HOLDING = [BookingStatus.DRAFT, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN]


class Booking(models.Model):
    """An online booking of a slot. The person is only a keyed hash of a phone number or NIK."""

    code = models.CharField(_("kode booking"), max_length=8, unique=True)
    public_id = models.CharField(max_length=32, unique=True, default=public_id_new, editable=False)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    slot = models.TimeField(_("jam"))
    person_hash = models.CharField(max_length=64)
    priority = models.CharField(max_length=12, choices=Priority.choices, default="", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.DRAFT
    )
    hold_until = models.DateTimeField(null=True, blank=True)
    ticket = models.OneToOneField(
        Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="booking"
    )
    created_at = models.DateTimeField()
    # For "N in line" and "called" messages: moved to the ticket at check-in, erased by the daily
    # sweep once the booking's day has passed (queueing.sweep).
    notify_phone = models.CharField(max_length=20, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("booking antrean")
        verbose_name_plural = _("booking antrean")
        constraints = [
            models.UniqueConstraint(
                fields=["person_hash", "service", "date"],
                condition=Q(status__in=["draft", "confirmed", "checked_in"]),
                name="booking_one_per_person_day",
            )
        ]
        indexes = [
            models.Index(fields=["service", "date", "status"]),
            models.Index(
                fields=["date"],
                condition=Q(status__in=["draft", "confirmed"]) | ~Q(notify_phone=""),
                name="booking_open_or_phone",
            ),
        ]

    def __str__(self) -> str:
        return self.code


@register_setting(icon="desktop")
class QueueDisplaySettings(BaseSiteSetting):
    """What the regency's TV displays show besides the calls (Pengaturan > Layar antrean)."""

    running_text = models.TextField(
        _("teks berjalan"),
        max_length=500,
        blank=True,
        help_text=_("Tampil bergulir di bagian bawah layar TV antrean."),
    )
    voice_enabled = models.BooleanField(
        _("panggilan bersuara"),
        default=True,
        help_text=_("Layar mengucapkan setiap panggilan: bel, nomor antrean dan loket."),
    )

    class Meta:
        verbose_name = _("layar antrean")
        verbose_name_plural = _("layar antrean")
