"""The citizen portal's pages and branding. Schema: tenant."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


@register_setting(icon="image")
class Branding(BaseSiteSetting):
    regency_name = models.CharField(_("nama daerah"), max_length=120, blank=True)
    brand_name = models.CharField(_("nama MPP"), max_length=80, blank=True)
    tagline = models.CharField(_("slogan"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("identitas portal")


class HomePage(Page):
    intro = models.TextField(_("pengantar"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("beranda")
