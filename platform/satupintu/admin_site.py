"""The operators' console: Django's admin at the platform host, for public-schema staff only.

Under production settings an operator must have signed in with TOTP (allauth.mfa); one without an
authenticator is sent to set it up first. Schema: public.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.selectors import user_has_totp


def operator_mfa_satisfied(request: HttpRequest) -> bool:
    """True when MFA is not required, or this session was authenticated with a TOTP code."""
    if not settings.OPERATOR_MFA_REQUIRED:
        return True
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class ClashCheckedAdmin:
    """Every console form (and inline form) names the row a uniqueness clash is with."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        from satupintu.clashes import with_clash_messages

        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        return with_clash_messages(form)

    def get_inline_instances(self, request, obj=None):
        from satupintu.clashes import with_clash_messages

        inlines = super().get_inline_instances(request, obj)  # type: ignore[misc]
        for inline in inlines:
            inline.form = with_clash_messages(inline.form)
        return inlines


class OperatorAdminSite(admin.AdminSite):
    site_header = _("SatuPintu: konsol operator")
    index_template = "admin/operator_index.html"
    site_title = _("Konsol operator SatuPintu")
    index_title = _("Daerah, domain, dan jejak audit")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if getattr(getattr(request, "tenant", None), "schema_name", "public") != "public":
            return False
        return operator_mfa_satisfied(request)

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        checked = type(admin_class.__name__, (ClashCheckedAdmin, admin_class), {})
        checked.__module__ = admin_class.__module__
        super().register(model_or_iterable, checked, **options)

    def index(self, request, extra_context=None):
        from regencies.dashboard import operator_dashboard

        return super().index(request, {**(extra_context or {}), "dashboard": operator_dashboard()})

    def login(self, request, extra_context=None):
        """Operators sign in through allauth, which asks for the TOTP code."""
        user = request.user
        next_url = request.GET.get("next") or reverse("operator:index")
        if user.is_authenticated and user.is_staff and settings.OPERATOR_MFA_REQUIRED:
            if not user_has_totp(user):
                return redirect(f"{reverse('mfa_activate_totp')}?next={next_url}")
            if not operator_mfa_satisfied(request):
                # Signed in with a password only (e.g. before enrolling): sign in again with TOTP.
                from django.contrib.auth import logout

                logout(request)
        return redirect(f"{reverse('account_login')}?next={next_url}")


operator_site = OperatorAdminSite(name="operator")
