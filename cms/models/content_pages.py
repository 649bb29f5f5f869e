"""Editorial page types: the service pledge, news, FAQ and standard pages. Schema: tenant."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.selectors import pledge_list
from cms.query_params import page_number_from, query_param
from satupintu.page_cache import cacheable

RICH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


@cacheable
class PledgePage(Page):
    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "cms/pledge_page.html"

    class Meta:
        verbose_name = _("maklumat pelayanan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pledges"] = pledge_list()
        return context


@cacheable
class NewsIndexPage(Page):
    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1
    template = "cms/news/news_index_page.html"

    class Meta:
        verbose_name = _("berita dan pengumuman")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import news_list_context  # cms.selectors imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(
            news_list_context(
                index=self,
                kind=query_param(request, "jenis", 20),
                page_number=page_number_from(request),
            )
        )
        return context


class NewsKind(models.TextChoices):
    NEWS = "news", _("Berita")
    ANNOUNCEMENT = "announcement", _("Pengumuman")


@cacheable
class NewsPage(Page):
    date = models.DateField(_("tanggal"), default=timezone.localdate)
    kind = models.CharField(
        _("jenis"), max_length=12, choices=NewsKind.choices, default=NewsKind.NEWS
    )
    is_urgent = models.BooleanField(
        _("pengumuman penting"), default=False, help_text=_("Tampil sebagai spanduk di beranda.")
    )
    urgent_until = models.DateField(
        _("spanduk tampil sampai"),
        null=True,
        blank=True,
        help_text=_("Kosongkan agar tampil 14 hari."),
    )
    intro = models.TextField(_("ringkasan"), blank=True)
    body = RichTextField(_("isi"), features=RICH_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("is_urgent"), FieldPanel("urgent_until")]),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "cms/news/news_page.html"

    class Meta:
        verbose_name = _("berita atau pengumuman")


@cacheable
class FaqPage(Page):
    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("faqs", label=_("Tanya jawab")),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    template = "cms/faq_page.html"

    class Meta:
        verbose_name = _("tanya jawab (FAQ)")


class FaqItem(Orderable):
    page = ParentalKey(FaqPage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("pertanyaan"), max_length=300)
    answer = RichTextField(_("jawaban"), features=RICH_FEATURES)

    panels = [FieldPanel("question"), FieldPanel("answer")]


class StandardPageKind(models.TextChoices):
    ABOUT = "about", _("Profil")
    LEGAL = "legal", _("Dasar hukum")
    FREE = "free", _("Halaman bebas")


@cacheable
class StandardPage(Page):
    kind = models.CharField(
        _("jenis"), max_length=8, choices=StandardPageKind.choices, default=StandardPageKind.FREE
    )
    intro = models.TextField(_("pengantar"), blank=True)
    body = RichTextField(_("isi"), features=RICH_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("halaman")
