"""Plans, each regency's subscription, and the Stripe events received. Schema: public.

Stripe is the billing system of record; these rows mirror what Stripe holds (the subscription's
status) plus what SatuPintu decides from it (the access a regency has, after the grace period).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=80)
    description = models.TextField(_("keterangan"), blank=True)
    # Limits the product enforces; empty means unlimited.
    max_locations = models.PositiveIntegerField(_("lokasi paling banyak"), null=True, blank=True)
    max_agencies = models.PositiveIntegerField(_("instansi paling banyak"), null=True, blank=True)
    max_counters = models.PositiveIntegerField(_("loket paling banyak"), null=True, blank=True)
    custom_domain_allowed = models.BooleanField(_("boleh domain sendiri"), default=False)
    queue_module = models.BooleanField(_("modul antrean"), default=False)
    complaint_module = models.BooleanField(_("modul pengaduan"), default=False)
    price_yearly_idr = models.PositiveBigIntegerField(_("harga per tahun (Rp)"))
    price_monthly_idr = models.PositiveBigIntegerField(_("harga per bulan (Rp)"))
    trial_days = models.PositiveSmallIntegerField(_("hari uji coba"), default=30)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_public = models.BooleanField(_("ditawarkan"), default=True)
    stripe_product_id = models.CharField(max_length=64, blank=True)
    stripe_price_yearly_id = models.CharField(max_length=64, blank=True)
    stripe_price_monthly_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("paket")
        verbose_name_plural = _("paket")
        ordering = ["sort_order", "price_yearly_idr"]

    def __str__(self) -> str:
        return self.name

    def limit_for(self, resource: str) -> int | None:
        return {
            "locations": self.max_locations,
            "agencies": self.max_agencies,
            "counters": self.max_counters,
        }[resource]

    def price_idr(self, interval: str) -> int:
        return self.price_yearly_idr if interval == Interval.YEAR else self.price_monthly_idr

    @staticmethod
    def stripe_price_field(interval: str) -> str:
        """The field that holds the Stripe price of a billing interval."""
        return "stripe_price_yearly_id" if interval == Interval.YEAR else "stripe_price_monthly_id"


class Interval(models.TextChoices):
    YEAR = "year", _("Tahunan")
    MONTH = "month", _("Bulanan")


class Collection(models.TextChoices):
    TRIAL = "trial", _("Uji coba, lalu tagihan")
    CARD = "card", _("Kartu (Stripe Checkout)")
    INVOICE = "invoice", _("Tagihan untuk transfer bank")


class BillingState(models.TextChoices):
    TRIALING = "trialing", _("Uji coba")
    ACTIVE = "active", _("Aktif")
    PAST_DUE = "past_due", _("Menunggak")
    SUSPENDED = "suspended", _("Ditangguhkan karena tunggakan")
    CANCELED = "canceled", _("Berhenti berlangganan")


# The states in which the citizen portal is closed (staff can still sign in to pay).
BILLING_BLOCKED = (BillingState.SUSPENDED, BillingState.CANCELED)


class Subscription(models.Model):
    regency = models.OneToOneField(
        "regencies.Regency", on_delete=models.CASCADE, related_name="subscription"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    interval = models.CharField(
        _("periode"), max_length=5, choices=Interval.choices, default=Interval.YEAR
    )
    collection = models.CharField(
        _("cara bayar"), max_length=8, choices=Collection.choices, default=Collection.TRIAL
    )
    stripe_customer_id = models.CharField(max_length=64, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=64, blank=True, db_index=True)
    # What Stripe says (trialing, active, past_due, unpaid, canceled, incomplete, paused).
    stripe_status = models.CharField(_("status di Stripe"), max_length=24, default="trialing")
    # What SatuPintu grants: derived from stripe_status, past_due_since and the grace period.
    state = models.CharField(
        _("status tagihan"),
        max_length=10,
        choices=BillingState.choices,
        default=BillingState.TRIALING,
    )
    trial_ends_at = models.DateTimeField(_("uji coba berakhir"), null=True, blank=True)
    current_period_end = models.DateTimeField(_("periode berakhir"), null=True, blank=True)
    past_due_since = models.DateTimeField(_("menunggak sejak"), null=True, blank=True)
    # The `created` time of the newest Stripe event applied: older events arriving late are skipped.
    last_event_created = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("langganan")
        verbose_name_plural = _("langganan")

    def __str__(self) -> str:
        return f"{self.regency} — {self.plan} ({self.get_state_display()})"


class StripeEvent(models.Model):
    """Every webhook event received, stored before it is applied, and applied at most once."""

    event_id = models.CharField(max_length=80, unique=True)
    type = models.CharField(max_length=80, db_index=True)
    created = models.BigIntegerField()
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("peristiwa Stripe")
        verbose_name_plural = _("peristiwa Stripe")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class PageViews(models.Model):
    """Citizen page views per regency and day (flushed from the cache by a periodic task)."""

    regency = models.ForeignKey(
        "regencies.Regency", on_delete=models.CASCADE, related_name="page_views"
    )
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kunjungan halaman")
        verbose_name_plural = _("kunjungan halaman")
        constraints = [
            models.UniqueConstraint(fields=["regency", "day"], name="page_views_one_row_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.regency_id} {self.day}: {self.views}"
