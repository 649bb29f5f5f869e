"""The portal's site settings: branding (name, colours, logo, contacts, social links) and staff
security. Schema: tenant.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import (
    BaseGenericSetting,
    BaseSiteSetting,
    register_setting,
)

from cms.social import social_link_problems
from satupintu.colors import branding_colour_problems

SOCIAL_HELP = _(
    "Alamat lengkap di jejaring itu (https://www.instagram.com/mppkabupaten) atau nama akun "
    "(@mppkabupaten)."
)


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
