"""The go-live checklist's actions in the regency admin: confirm a held value, publish the
portal (docs/adr/0040). POST only, CSRF-checked, for Admin MPP. Schema: tenant.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.golive import golive_progress
from cms.golive_actions import GoLiveError, held_value_confirm, portal_publish
from staff.roles import ROLE_REGENCY_ADMIN

MAX_VALUE = 300


def is_regency_admin(user) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_superuser or user.groups.filter(name=ROLE_REGENCY_ADMIN).exists())
    )


def _back() -> HttpResponse:
    return HttpResponseRedirect(reverse("wagtailadmin_home") + "#golive-title")


@require_POST
def held_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_regency_admin(request.user):
        raise PermissionDenied
    value = request.POST.get("value", "")
    try:
        if len(value) > MAX_VALUE:
            raise GoLiveError(_("Isian terlalu panjang (paling banyak 300 karakter)."))
        held_value_confirm(actor=request.user, held_value_id=pk, value=value)
    except GoLiveError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Tersimpan dan dikonfirmasi."))
    return _back()


@require_POST
def portal_publish_view(request: HttpRequest) -> HttpResponse:
    if not is_regency_admin(request.user):
        raise PermissionDenied
    try:
        portal_publish(actor=request.user, unconfirmed=golive_progress()["todo"])
    except GoLiveError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Portal sudah terbit: warga kini dapat membukanya."))
    return _back()


def admin_urls() -> list:
    return [
        path(
            "persiapan-tayang/konfirmasi/<int:pk>/",
            held_confirm_view,
            name="cms_golive_confirm",
        ),
        path("persiapan-tayang/terbitkan/", portal_publish_view, name="cms_golive_publish"),
    ]
