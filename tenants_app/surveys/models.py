"""SKM responses, one-use survey links, the regency's survey settings, the population a sample is
drawn from, and the follow-up plan (rencana tindak lanjut). No NIK, no name: a response holds the
profile the regulation asks for and nothing that identifies a person.

Schema: tenant.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from catalogue.models import Agency, Location, Service
from surveys.index import WeightMode
from surveys.questionnaire import (
    AGE_MAX,
    AGE_MIN,
    SCORE_FIELDS,
    Channel,
    Education,
    Gender,
    Occupation,
)
from surveys.settings_form import SurveySettingsForm


@register_setting(icon="pick")
class SurveySettings(BaseGenericSetting):
    """How this regency computes its index (docs/adr/0025)."""

    weight_mode = models.CharField(
        _("bobot unsur"),
        max_length=8,
        choices=WeightMode.choices,
        default=WeightMode.EXACT,
        help_text=_(
            "1/9 adalah bobot tepat (9 unsur, skor maksimum 100). Pilih 0,111 atau 0,11 hanya bila "
            "hasil harus sama dengan laporan lama yang memakai bobot cetak itu."
        ),
    )

    base_form_class = SurveySettingsForm

    class Meta:
        verbose_name = _("pengaturan SKM")


class SuggestionStatus(models.TextChoices):
    NONE = "none", _("Tidak ada saran")
    PENDING = "pending", _("Menunggu moderasi")
    APPROVED = "approved", _("Disetujui untuk publik")
    REJECTED = "rejected", _("Tidak dipublikasikan")


class SurveyLink(models.Model):
    """A one-use invitation to answer, for a queue ticket or a notification. Only the token's
    hash is stored; the token is derived (HMAC) from source and id, so issuing twice gives the
    same link. A used link records the day it was used, not which response it gave."""

    token_hash = models.CharField(max_length=64, unique=True)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("sumber"), max_length=32)
    source_id = models.CharField(_("nomor sumber"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    # The day only, and no key from a response to its link (docs/adr/0026): a response must not
    # lead back to the ticket or complaint, and so to a phone number or a reporter's name.
    used_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("tautan survei")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="survey_link_one_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"


class SurveyResponse(models.Model):
    """One respondent's answers to U1–U9 (1–4 each) and profile."""

    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), on_delete=models.PROTECT, related_name="+"
    )
    # Copied from the service when written, so the index per agency is one indexed filter.
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("lokasi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_on = models.DateField(_("tanggal"))
    channel = models.CharField(_("saluran"), max_length=8, choices=Channel.choices)
    u1 = models.PositiveSmallIntegerField("U1")
    u2 = models.PositiveSmallIntegerField("U2")
    u3 = models.PositiveSmallIntegerField("U3")
    u4 = models.PositiveSmallIntegerField("U4")
    u5 = models.PositiveSmallIntegerField("U5")
    u6 = models.PositiveSmallIntegerField("U6")
    u7 = models.PositiveSmallIntegerField("U7")
    u8 = models.PositiveSmallIntegerField("U8")
    u9 = models.PositiveSmallIntegerField("U9")
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    age = models.PositiveSmallIntegerField(_("usia"))
    education = models.CharField(_("pendidikan"), max_length=8, choices=Education.choices)
    occupation = models.CharField(_("pekerjaan"), max_length=12, choices=Occupation.choices)
    suggestion = models.TextField(_("saran"), blank=True, max_length=2000)
    suggestion_status = models.CharField(
        _("status saran"),
        max_length=8,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.NONE,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jawaban SKM")
        verbose_name_plural = _("jawaban SKM")
        ordering = ["-answered_on", "-id"]
        indexes = [
            models.Index(fields=["answered_on", "agency"], name="survey_resp_day_agency"),
            models.Index(fields=["service", "answered_on"], name="survey_resp_service_day"),
        ]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{f}__gte": 1, f"{f}__lte": 4}), name=f"survey_resp_{f}_1_4"
                )
                for f in SCORE_FIELDS
            ),
            models.CheckConstraint(
                condition=Q(age__gte=AGE_MIN, age__lte=AGE_MAX), name="survey_resp_age_range"
            ),
            models.CheckConstraint(
                condition=Q(suggestion="", suggestion_status="none")
                | (~Q(suggestion="") & ~Q(suggestion_status="none")),
                name="survey_resp_suggestion_status",
            ),
        ]

    def __str__(self) -> str:
        return f"SKM #{self.pk} ({self.answered_on})"


class SamplePopulation(models.Model):
    """The number of service users of the period before a survey period, entered by an admin when
    the queue module is not there to count them."""

    period_start = models.DateField(_("awal periode survei"))
    period_end = models.DateField(_("akhir periode survei"))
    service_users = models.PositiveIntegerField(
        _("jumlah pengguna layanan periode sebelumnya"),
        help_text=_("Dasar perhitungan sampel Krejcie–Morgan."),
    )

    class Meta:
        verbose_name = _("populasi sampel SKM")
        verbose_name_plural = _("populasi sampel SKM")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end"], name="survey_population_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="survey_population_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}: {self.service_users}"


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Sedang berjalan")
    DONE = "done", _("Selesai")


class FollowUpAction(models.Model):
    """One item of the rencana tindak lanjut of a survey period."""

    period_start = models.DateField(_("awal periode survei"))
    period_end = models.DateField(_("akhir periode survei"))
    unsur = models.CharField(
        _("unsur"), max_length=2, choices=[(f"U{i}", f"U{i}") for i in range(1, 10)]
    )
    action = models.TextField(_("tindak lanjut"), max_length=1000)
    owner = models.CharField(_("penanggung jawab"), max_length=200)
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    done_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")
        ordering = ["period_start", "unsur", "due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="survey_followup_period_order",
            ),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | ~Q(status="done"),
                name="survey_followup_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.action[:60]}"


class QueueDayFigure(models.Model):
    """The queue's tickets of one local day rolled up per location, queue, service, agency,
    counter and officer (docs/adr/0038): counts, sums of the per-ticket minutes (in hundredths,
    as the live figures round them) and the sorted multiset of those minutes, so that medians
    over any period stay exact. Ids, not foreign keys: a row outlives a deleted counter as the
    tickets' figures do. Written only by `surveys.rollup`."""

    local_date = models.DateField()
    location_id = models.IntegerField(null=True)
    queue_id = models.IntegerField(null=True)
    service_id = models.IntegerField(null=True)
    agency_id = models.IntegerField(null=True)
    counter_id = models.IntegerField(null=True)
    officer_id = models.IntegerField(null=True)
    tickets = models.IntegerField()
    served = models.IntegerField()
    no_shows = models.IntegerField()
    wait_count = models.IntegerField()
    wait_sum = models.BigIntegerField()  # hundredths of a minute
    serve_sum = models.BigIntegerField()
    waits = ArrayField(models.IntegerField(), default=list)  # sorted, hundredths of a minute
    serves = ArrayField(models.IntegerField(), default=list)

    class Meta:
        indexes = [models.Index(fields=["local_date", "agency_id"], name="survey_qday_day_agency")]

    def __str__(self) -> str:
        return f"{self.local_date}: {self.tickets}"


class QueueDayRolled(models.Model):
    """A local day whose tickets are in QueueDayFigure (days not listed are read live)."""

    local_date = models.DateField(unique=True)
    rolled_at = models.DateTimeField()
    tickets = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.local_date} ({self.tickets})"
