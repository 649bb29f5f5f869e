"""The home page and the routable catalogue pages (services, agencies, locations), which render
rows of `tenants_app`. Schema: tenant.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.query_params import page_number_from, query_param, service_filters_from
from satupintu.page_cache import cacheable


@cacheable
class HomePage(Page):
    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ServiceIndexPage",
        "cms.AgencyIndexPage",
        "cms.LocationIndexPage",
        "cms.PledgePage",
        "cms.NewsIndexPage",
        "cms.FaqPage",
        "cms.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_context  # cms.selectors imports these models: a cycle

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request=request, page=self))
        return context


@cacheable
class CataloguePage(RoutablePageMixin, Page):
    """A single index page (max one per portal) that lists catalogue rows and shows each by its key.

    A subclass names its two templates and the `cms.selectors` functions that build their context
    (by name: cms.selectors imports this module). A detail selector returns None for an unknown key.
    """

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    list_template: str
    detail_template: str
    list_selector: str
    detail_selector: str

    class Meta:
        abstract = True

    def list_arguments(self, request) -> dict:
        """What the list selector is given: the request (for its links) unless a page type
        parses its query string into typed arguments."""
        return {"request": request}

    @path("", name="list")
    def list_view(self, request):
        from cms import selectors  # cms.selectors imports these models: a real cycle

        context = getattr(selectors, self.list_selector)(**self.list_arguments(request))
        return self.render(request, context_overrides=context, template=self.list_template)

    @path("<slug:key>/", name="detail")
    def detail_view(self, request, key):
        from cms import selectors  # cms.selectors imports these models: a real cycle

        context = getattr(selectors, self.detail_selector)(request=request, key=key)
        if context is None:
            raise Http404
        return self.render(request, context_overrides=context, template=self.detail_template)


class ServiceIndexPage(CataloguePage):
    template = list_template = "cms/services/service_list.html"
    detail_template = "cms/services/service_detail.html"
    list_selector = "service_directory_context"
    detail_selector = "service_detail_context"

    def list_arguments(self, request) -> dict:
        return {
            "filters": service_filters_from(request),
            "page_number": page_number_from(request),
        }

    class Meta:
        verbose_name = _("direktori layanan")


class AgencyIndexPage(CataloguePage):
    list_template = "cms/agencies/agency_list.html"
    detail_template = "cms/agencies/agency_detail.html"
    list_selector = "agency_list_context"
    detail_selector = "agency_detail_context"

    def list_arguments(self, request) -> dict:
        return {"request": request, "query": query_param(request, "q", 80)}

    class Meta:
        verbose_name = _("daftar instansi")


class LocationIndexPage(CataloguePage):
    list_template = "cms/locations/location_list.html"
    detail_template = "cms/locations/location_detail.html"
    list_selector = "location_list_context"
    detail_selector = "location_detail_context"

    class Meta:
        verbose_name = _("lokasi dan jam layanan")
