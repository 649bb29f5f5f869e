from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from satupintu.admin_site import operator_site


@admin.register(User, site=operator_site)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profil"), {"fields": ("full_name",)}),
        (_("Hak akses"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Waktu"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    # Django's collector would follow relations into regency-only tables, which the public
    # schema does not have (a 500 on "delete selected"); a user's own delete() knows the schema.
    def get_deleted_objects(self, objs, request):
        users = list(objs)
        perms_needed = set()
        if not self.has_delete_permission(request):
            perms_needed.add(self.opts.verbose_name)
        summary = {self.opts.verbose_name_plural: len(users)}
        return [str(user) for user in users], summary, perms_needed, []

    def delete_queryset(self, request, queryset):
        for user in queryset:
            user.delete()

    def delete_model(self, request, obj):
        obj.delete()
