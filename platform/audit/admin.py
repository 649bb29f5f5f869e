from django.contrib import admin

from audit.models import AuditEntry
from satupintu.admin_site import operator_site


@admin.register(AuditEntry, site=operator_site)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_email", "action", "regency", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_email", "action", "regency_code", "regency__name"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
