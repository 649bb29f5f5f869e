"""A catalogue draft (a service or an agency) previewed with the citizen page's own template:
plugged into catalogue.previews from cms.apps, so the catalogue never imports the portal. The
draft's own fields are shown; what it links to (counters, services, pledges) is what is live.
Schema: tenant.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from catalogue.models import Agency, Counter, Service, ServicePledge, ServiceStandard
from catalogue.publishing import standard_from_draft
from catalogue.selectors import service_list_for_agency
from cms.models import AgencyIndexPage, LocationIndexPage, ServiceIndexPage
from cms.selectors import _index_urls, counter_locations, service_page_context


def _no_page() -> HttpResponse:
    return HttpResponse(
        _("Halaman ini belum ada di portal, jadi belum dapat dipratinjau."),
        content_type="text/plain; charset=utf-8",
    )


def service_preview(request: HttpRequest, service: Service) -> HttpResponse:
    index = ServiceIndexPage.objects.live().first()
    if index is None:
        return _no_page()
    standard = (
        ServiceStandard(service=service, **standard_from_draft(service.standard_draft))
        if service.standard_draft
        else service.current_standard
    )
    counters = (
        list(
            Counter.objects.filter(
                services__pk=service.pk,
                is_active=True,
                location__live=True,
                location__is_active=True,
            )
            .select_related("location")
            .order_by("location__sort_order", "location__name", "code")
        )
        if service.pk
        else []
    )
    context = service_page_context(
        request=request, service=service, standard=standard, counters=counters
    )
    return index.render(request, context_overrides=context, template=index.detail_template)


def agency_preview(request: HttpRequest, agency: Agency) -> HttpResponse:
    index = AgencyIndexPage.objects.live().first()
    if index is None:
        return _no_page()
    saved = agency.pk is not None
    counters = (
        list(
            Counter.objects.filter(agency_id=agency.pk, is_active=True, location__live=True)
            .select_related("location")
            .order_by("code")
        )
        if saved
        else []
    )
    context = {
        "agency": agency,
        "services": service_list_for_agency(agency=agency) if saved else [],
        "counters": counters,
        "locations": [loc for loc in counter_locations(counters) if loc.is_active],
        "pledges": list(
            ServicePledge.objects.filter(agency_id=agency.pk, live=True, is_active=True)
        )
        if saved
        else [],
        "page_title": agency.name_local,
        **_index_urls(request, service_index=ServiceIndexPage, location_index=LocationIndexPage),
    }
    return index.render(request, context_overrides=context, template=index.detail_template)
