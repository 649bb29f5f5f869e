"""A regency's plan and billing in its own admin: usage against the plan's limits, the billing
state, invoices, and the way to Stripe's customer portal. Schema: tenant (reading billing data
through the public schema's selectors)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing.portal import BillingError, customer_portal_url
from billing.selectors import billing_overview, subscription_for_schema
from catalogue.limits import LABELS, usage
from catalogue.views import _require_regency_admin
from satupintu.db import connection


def billing_view(request: HttpRequest) -> HttpResponse:
    _require_regency_admin(request)
    subscription = subscription_for_schema(schema_name=connection.schema_name)
    overview = billing_overview(subscription=subscription)
    if overview["invoices_error"]:
        messages.warning(
            request, _("Daftar tagihan dari Stripe belum dapat dimuat; coba lagi nanti.")
        )
    rows = []
    if subscription is not None:
        counts = usage()
        rows = [
            {"label": LABELS[r], "used": counts[r], "limit": subscription.plan.limit_for(r)}
            for r in counts
        ]
    return TemplateResponse(request, "tenants_app/admin/billing.html", {**overview, "usage": rows})


@require_POST
def billing_portal_view(request: HttpRequest) -> HttpResponse:
    _require_regency_admin(request)
    try:
        url = customer_portal_url(
            schema_name=connection.schema_name,
            return_url=request.build_absolute_uri(reverse("tenants_app_billing")),
        )
    except BillingError as exc:
        messages.error(request, str(exc))
        return redirect("tenants_app_billing")
    if url is None:
        messages.error(request, _("Portal ini belum memiliki langganan."))
        return redirect("tenants_app_billing")
    return redirect(url)
