"""Onboarding of regencies: the replication template library, the wizard's applications, and
provisioning jobs. Schema: public.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from satupintu.storage import public_upload_path


class TemplateSource(models.TextChoices):
    CURATED = "curated", _("Dikurasi operator")
    REGENCY = "regency", _("Diterbitkan daerah")


class TemplateStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    PUBLISHED = "published", _("Terbit")
    REJECTED = "rejected", _("Ditolak")
    RETIRED = "retired", _("Dipensiunkan")


class Template(models.Model):
    """A proven MPP setup other regencies can copy; its content lives in immutable versions."""

    slug = models.SlugField(_("kunci"), max_length=80, unique=True)
    name = models.CharField(_("nama"), max_length=160)
    description = models.TextField(_("keterangan"), blank=True)
    source = models.CharField(_("sumber"), max_length=10, choices=TemplateSource.choices)
    source_regency = models.ForeignKey(
        "regencies.Regency",
        verbose_name=_("daerah asal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_templates",
    )
    tags = ArrayField(
        models.CharField(max_length=30), verbose_name=_("label"), default=list, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TemplateStatus.choices, default=TemplateStatus.PENDING
    )
    is_featured = models.BooleanField(_("unggulan"), default=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("templat")
        verbose_name_plural = _("templat")
        ordering = ["-is_featured", "name"]

    def __str__(self) -> str:
        return self.name


class VersionReview(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")


class TemplateVersion(models.Model):
    """One immutable version of a template: a whole portable catalogue document."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    document = models.JSONField(_("katalog"))
    summary = models.JSONField(_("ringkasan"), default=dict)
    changelog = models.TextField(_("catatan perubahan"), blank=True)
    review = models.CharField(
        _("persetujuan"),
        max_length=10,
        choices=VersionReview.choices,
        default=VersionReview.APPROVED,
    )
    review_note = models.TextField(_("catatan persetujuan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by_email = models.CharField(_("dibuat oleh"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("versi templat")
        verbose_name_plural = _("versi templat")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="template_version_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") not in (
            ["review", "review_note"],
            ["review_note", "review"],
        ):
            raise ValueError("Template versions are immutable; publish a new version instead.")
        super().save(*args, **kwargs)


class TemplateAdoption(models.Model):
    """Which template version a regency came from, and the newest version it has pulled from."""

    regency = models.OneToOneField(
        "regencies.Regency", on_delete=models.CASCADE, related_name="adoption"
    )
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="adoptions")
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField(_("diadopsi"), auto_now_add=True)

    class Meta:
        verbose_name = _("adopsi templat")
        verbose_name_plural = _("adopsi templat")

    def __str__(self) -> str:
        return f"{self.regency} ← {self.version}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    PROVISIONING = "provisioning", _("Portal sedang dibuat")
    DONE = "done", _("Portal aktif")
    FAILED = "failed", _("Gagal")
    CANCELLED = "cancelled", _("Dibatalkan")


ACTIVE_APPLICATION = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.PROVISIONING,
    ApplicationStatus.DONE,
]

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Tulis warna sebagai kode hex enam digit, misalnya #0b5d51.")
)


class Application(models.Model):
    """A regency's sign-up, saved on the server after every wizard step (resumable anywhere)."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    step = models.PositiveSmallIntegerField(_("langkah"), default=1)
    # Raw input of every step as last typed, so Back never loses anything.
    drafts = models.JSONField(default=dict, blank=True)
    # Step 1: the regency and the applicant.
    kabkota = models.ForeignKey(
        "regions.KabKota",
        verbose_name=_("kabupaten/kota"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    applicant_name = models.CharField(_("nama pemohon"), max_length=150, blank=True)
    applicant_position = models.CharField(_("jabatan"), max_length=150, blank=True)
    applicant_office = models.CharField(_("unit kerja"), max_length=200, blank=True)
    request_letter = models.FileField(
        _("surat permohonan (PDF)"), upload_to=public_upload_path("surat-permohonan"), blank=True
    )
    # Step 2: the address.
    subdomain = models.CharField(_("subdomain"), max_length=40, blank=True)
    custom_domain = models.CharField(_("domain sendiri"), max_length=253, blank=True)
    # Step 3: branding.
    brand_name = models.CharField(_("nama MPP"), max_length=80, blank=True)
    logo = models.ImageField(_("logo"), upload_to=public_upload_path("logo"), blank=True)
    primary_color = models.CharField(
        _("warna utama"), max_length=7, default="#0b5d51", validators=[hex_colour]
    )
    accent_color = models.CharField(
        _("warna aksen"), max_length=7, default="#8a4b00", validators=[hex_colour]
    )
    # Step 4: the template and the parts to copy.
    template_version = models.ForeignKey(
        TemplateVersion, verbose_name=_("templat"), null=True, blank=True, on_delete=models.PROTECT
    )
    parts = ArrayField(
        models.CharField(max_length=30),
        verbose_name=_("bagian yang disalin"),
        default=list,
        blank=True,
    )
    # Step 5: agencies and counters as reviewed: {"off": [...], "renamed": {...}, "added": [...]}.
    review = models.JSONField(_("tinjauan instansi dan loket"), default=dict, blank=True)
    # Step 6: the plan and how it is paid; a card payment goes through Stripe Checkout.
    plan = models.CharField(_("paket"), max_length=40, default="standar")
    billing_interval = models.CharField(_("periode tagihan"), max_length=5, default="year")
    billing_collection = models.CharField(_("cara bayar"), max_length=8, default="trial")
    stripe_customer_id = models.CharField(max_length=64, blank=True)
    stripe_subscription_id = models.CharField(max_length=64, blank=True)
    checkout_completed_at = models.DateTimeField(null=True, blank=True)
    # Outcome.
    regency = models.OneToOneField(
        "regencies.Regency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)

    class Meta:
        verbose_name = _("pendaftaran daerah")
        verbose_name_plural = _("pendaftaran daerah")
        ordering = ["-updated_at"]
        constraints = [
            # A kab/kota has at most one application that is pending or done.
            models.UniqueConstraint(
                fields=["kabkota"],
                condition=Q(status__in=ACTIVE_APPLICATION),
                name="application_one_active_per_kabkota",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kabkota or _('(belum memilih daerah)')} — {self.applicant}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ProvisioningJob(models.Model):
    """One attempt history of building a regency's portal; steps are resumable and idempotent."""

    regency = models.ForeignKey(
        "regencies.Regency", on_delete=models.CASCADE, related_name="provisioning_jobs"
    )
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    # What to build: template version, parts, review choices, branding, the first admin's e-mail.
    spec = models.JSONField(default=dict)
    # [{"key", "status": pending|running|done|failed, "started_at", "finished_at", "error"}]
    steps = models.JSONField(default=list)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("tanda hidup"), null=True, blank=True)
    # Set while the invitation e-mail is out, so a resumed job never sends it twice.
    invitation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pembuatan portal")
        verbose_name_plural = _("pembuatan portal")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.regency} ({self.get_status_display()})"

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
