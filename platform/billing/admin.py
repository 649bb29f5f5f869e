"""Plans and Stripe events in the operator console. Schema: public."""

from django.contrib import admin

from billing.models import Plan, StripeEvent, Subscription
from satupintu.admin_site import operator_site


@admin.register(Plan, site=operator_site)
class PlanAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "price_yearly_idr",
        "price_monthly_idr",
        "max_locations",
        "max_agencies",
        "max_counters",
        "custom_domain_allowed",
        "is_public",
    ]
    readonly_fields = ["stripe_product_id", "stripe_price_yearly_id", "stripe_price_monthly_id"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscription, site=operator_site)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["regency", "plan", "state", "stripe_status", "trial_ends_at", "past_due_since"]
    list_filter = ["state", "plan"]
    search_fields = ["regency__name", "stripe_customer_id", "stripe_subscription_id"]
    readonly_fields = [f.name for f in Subscription._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StripeEvent, site=operator_site)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["received_at", "type", "event_id", "outcome", "processed_at"]
    list_filter = ["type"]
    search_fields = ["event_id", "outcome"]
    readonly_fields = [f.name for f in StripeEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
