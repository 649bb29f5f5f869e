"""The citizen portal: branding (a Wagtail site setting) and the page types. Schema: tenant.

Catalogue pages (services, agencies, locations) are routable index pages that render rows of
`tenants_app`; editors never copy catalogue data into pages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import (
    BaseGenericSetting,
    BaseSiteSetting,
    register_setting,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.selectors import pledge_list
from cms.query_params import page_number_from, query_param, service_filters_from
from cms.social import social_link_problems
from satupintu.colors import branding_colour_problems
from satupintu.page_cache import cacheable

SOCIAL_HELP = _(
    "Alamat lengkap di jejaring itu (https://www.instagram.com/mppkabupaten) atau nama akun "
    "(@mppkabupaten)."
)
RICH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


@register_setting(icon="image")
class Branding(BaseSiteSetting):
    """How a regency's portal looks and how citizens reach the MPP (CSS custom properties)."""

    regency_name = models.CharField(_("nama daerah"), max_length=120, blank=True)
    brand_name = models.CharField(_("nama MPP"), max_length=80, blank=True)
    tagline = models.CharField(_("slogan"), max_length=160, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Gambar PNG, JPG, atau WebP."),
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ikon situs (favicon)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    building_photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto gedung MPP"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Foto mendatar, minimal 1440 piksel lebarnya. Portal memperkecil dan memampatkannya."
        ),
    )
    building_photo_alt = models.CharField(
        _("teks alternatif foto gedung"),
        max_length=200,
        blank=True,
        help_text=_(
            "Wajib bila ada foto: apa yang tampak, untuk pembaca layar. "
            "Contoh: Gedung MPP dua lantai dengan halaman parkir di depannya."
        ),
    )
    primary_color = models.CharField(
        _("warna utama"),
        max_length=7,
        default="#0b5d51",
        help_text=_("Latar kepala halaman dan tombol, di bawah teks putih. Contoh: #0b5d51."),
    )
    accent_color = models.CharField(
        _("warna aksen"),
        max_length=7,
        default="#8a4b00",
        help_text=_("Warna tautan di atas latar putih. Contoh: #8a4b00."),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    instagram = models.CharField(_("Instagram"), max_length=200, blank=True, help_text=SOCIAL_HELP)
    facebook = models.CharField(_("Facebook"), max_length=200, blank=True, help_text=SOCIAL_HELP)
    x = models.CharField(_("X (Twitter)"), max_length=200, blank=True, help_text=SOCIAL_HELP)
    youtube = models.CharField(_("YouTube"), max_length=200, blank=True, help_text=SOCIAL_HELP)
    tiktok = models.CharField(_("TikTok"), max_length=200, blank=True, help_text=SOCIAL_HELP)
    map_latitude = models.DecimalField(
        _("lintang peta"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    map_longitude = models.DecimalField(
        _("bujur peta"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    queue_term = models.CharField(
        _("istilah antrean"),
        max_length=20,
        default="antrean",
        help_text=_("Ejaan yang dipakai di portal: 'antrean' (KBBI) atau 'antrian'."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("brand_name"),
                FieldPanel("regency_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("favicon"),
                FieldPanel("building_photo"),
                FieldPanel("building_photo_alt"),
            ],
            heading=_("Identitas"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("primary_color"), FieldPanel("accent_color")])],
            heading=_("Warna"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("whatsapp"),
                FieldPanel("email"),
                FieldRowPanel([FieldPanel("map_latitude"), FieldPanel("map_longitude")]),
            ],
            heading=_("Kontak"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram"),
                FieldPanel("facebook"),
                FieldPanel("x"),
                FieldPanel("youtube"),
                FieldPanel("tiktok"),
            ],
            heading=_("Media sosial"),
        ),
        MultiFieldPanel([FieldPanel("queue_term")], heading=_("Lainnya")),
    ]

    class Meta:
        verbose_name = _("identitas portal")

    def clean(self) -> None:
        problems = branding_colour_problems(primary=self.primary_color, accent=self.accent_color)
        if (self.map_latitude is None) != (self.map_longitude is None):
            problems["map_longitude"] = str(
                _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.")
            )
        if self.building_photo_id and not self.building_photo_alt.strip():
            problems["building_photo_alt"] = str(
                _("Tulis teks alternatif untuk foto gedung (apa yang tampak di foto).")
            )
        problems.update(social_link_problems(self))
        if self.queue_term.strip().lower() not in ("antrean", "antrian"):
            problems["queue_term"] = str(_("Pilih 'antrean' atau 'antrian'."))
        if problems:
            raise ValidationError(problems)


@register_setting(icon="lock")
class StaffSecurity(BaseGenericSetting):
    """How the regency's staff sign in to its admin (one row per regency schema)."""

    require_mfa = models.BooleanField(
        _("wajibkan verifikasi dua langkah untuk semua staf"),
        default=False,
        help_text=_(
            "Bila dicentang, staf yang belum memasang aplikasi autentikator (TOTP) diminta "
            "memasangnya sebelum membuka halaman admin mana pun."
        ),
    )

    class Meta:
        verbose_name = _("keamanan staf")


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
