"""A banner in the regency's admin while its subscription is unpaid or an operator has suspended
the portal. Schema: tenant."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from billing.portal import BILLING_BLOCKED, BillingState, grace_days_left_for_schema
from satupintu.db import connection


class BillingNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        state = getattr(tenant, "billing_state", "")
        suspended = getattr(tenant, "status", "") == "suspended"
        if (
            (suspended or state == BillingState.PAST_DUE or state in BILLING_BLOCKED)
            and request.method == "GET"
            and request.path.startswith("/admin/")
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
            and not request.headers.get("x-requested-with")
        ):
            if suspended:
                messages.error(
                    request,
                    _(
                        "Portal ini ditangguhkan oleh operator SatuPintu: portal warga ditutup dan "
                        "admin hanya membuka halaman Paket dan tagihan. Hubungi operator SatuPintu "
                        "untuk membukanya kembali."
                    ),
                )
            if state == BillingState.PAST_DUE or state in BILLING_BLOCKED:
                _add_notice(request, state)
        return self.get_response(request)


def _add_notice(request: HttpRequest, state: str) -> None:
    if state == BillingState.PAST_DUE:
        days = grace_days_left_for_schema(schema_name=connection.schema_name)
        messages.warning(
            request,
            _(
                "Tagihan langganan SatuPintu belum dibayar. Portal warga akan ditangguhkan "
                "dalam %(days)s hari bila belum dilunasi; buka menu Paket dan tagihan."
            )
            % {"days": days if days is not None else "?"},
        )
    else:
        messages.error(
            request,
            _(
                "Portal warga sedang ditangguhkan karena tagihan belum dibayar; data Anda "
                "tetap aman. Lunasi tagihan di menu Paket dan tagihan agar portal dibuka kembali."
            ),
        )
