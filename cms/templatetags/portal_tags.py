"""Template helpers for the citizen portal; only `portal_menu` reads the database, once per
content version (its pages are cached under the regency's content version, issue #15)."""

from __future__ import annotations

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse, translate_url
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from cms.social import social_links
from complaints.selectors import complaints_enabled
from queueing.gating import queue_enabled
from satupintu.page_cache import fragment_get, fragment_set, portal_cache_version

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language: str) -> str:
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.filter
def rupiah(amount) -> str:
    if amount in (None, ""):
        return ""
    return "Rp" + f"{int(amount):,}".replace(",", ".")


@register.filter
def hhmm(value) -> str:
    return value.strftime("%H.%M") if value else ""


@register.simple_tag
def day_hours_text(day) -> str:
    """'07.30–16.00 (istirahat 12.00–13.00)' or 'Tutup'."""
    if day is None or day.is_closed or not day.opens:
        return _("Tutup")
    text = f"{day.opens:%H.%M}–{day.closes:%H.%M}"
    if day.breaks:
        breaks = ", ".join(f"{s:%H.%M}–{e:%H.%M}" for s, e in day.breaks)
        text += " (" + _("istirahat %(breaks)s") % {"breaks": breaks} + ")"
    return text


@register.filter
def weekday_name(day) -> str:
    names = [_("Senin"), _("Selasa"), _("Rabu"), _("Kamis"), _("Jumat"), _("Sabtu"), _("Minggu")]
    return names[day.weekday()]


@register.filter
def whatsapp_link(number: str) -> str:
    digits = "".join(ch for ch in (number or "") if ch.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}" if digits else ""


MENU_LABELS = {
    "homepage": gettext_lazy("Beranda"),
    "serviceindexpage": gettext_lazy("Layanan"),
    # The directory of agencies: "Agencies" in English, where a form's "Instansi" is "Agency".
    "agencyindexpage": pgettext_lazy("portal menu", "Instansi"),
    "locationindexpage": gettext_lazy("Lokasi & Jam Layanan"),
    "pledgepage": gettext_lazy("Maklumat Pelayanan"),
    "newsindexpage": gettext_lazy("Berita"),
    "faqpage": gettext_lazy("Tanya Jawab"),
}


@register.simple_tag(takes_context=True)
def portal_menu(context) -> list[dict]:
    """The main menu: home and its live children marked "show in menus" (one query)."""
    from wagtail.models import Site

    request = context["request"]
    # The pages, their URLs and labels: per schema (the cache's key function), content version
    # (bumped on publish/unpublish/move), host and language; "current" is computed per request.
    key = f"menu:{portal_cache_version()}:{request.get_host()}:{get_language()}"
    entries = fragment_get(key)
    if entries is None:
        entries = []
        site = Site.find_for_request(request)
        if site is not None:
            home = site.root_page
            pages = [home, *home.get_children().live().in_menu()]
            for page in pages:
                model = ContentType.objects.get_for_id(page.content_type_id).model
                entries.append(
                    (page.pk == home.pk, page.title, model, page.get_url(request=request))
                )
        fragment_set(key, entries, 24 * 3600)  # old versions expire; a new one is a new key
    menu = []
    for is_home, title, model, url in entries:
        label = MENU_LABELS.get(model)
        current = request.path == url if is_home else request.path.startswith(url or "-")
        menu.append({"title": str(label) if label else title, "url": url, "current": current})
    # A module's own entry, where the regency's plan has the module. "Ambil Antrean" is the menu
    # the templates' FAQs name ("ambil nomor antrean melalui menu Ambil Antrean"): online
    # booking, the one queue page a citizen reaches from home.
    for enabled, title, url_name in (
        (queue_enabled, _("Ambil Antrean"), "queueing:booking_start"),
        (complaints_enabled, _("Pengaduan"), "complaints:new"),
    ):
        if enabled():
            url = reverse(url_name)
            menu.append({"title": title, "url": url, "current": request.path.startswith(url)})
    return menu


@register.simple_tag
def social_links_of(branding) -> list[dict[str, str]]:
    """The branding's valid social links (cms.social checks each network's own hosts)."""
    return social_links(branding) if branding else []


def _degrees(value) -> str:
    return f"{float(value):.6f}"


@register.filter
def osm_embed_url(location) -> str:
    """OpenStreetMap's own embed page around a location, with a marker (no API key, no script of
    ours; the CSP's frame-src allows www.openstreetmap.org, see ADR 0034)."""
    lat, lon = float(location.latitude), float(location.longitude)
    bbox = ",".join(_degrees(v) for v in (lon - 0.004, lat - 0.0025, lon + 0.004, lat + 0.0025))
    return (
        "https://www.openstreetmap.org/export/embed.html?bbox="
        f"{bbox}&layer=mapnik&marker={_degrees(lat)},{_degrees(lon)}"
    )


@register.filter
def osm_directions_url(location) -> str:
    """OpenStreetMap's route planner with the location as the destination."""
    return (
        "https://www.openstreetmap.org/directions?route=%3B"
        f"{_degrees(location.latitude)}%2C{_degrees(location.longitude)}"
    )


@register.filter
def page_label(page) -> str:
    """A portal section's title: the regency's own in Indonesian; on other languages the section's
    translated name (menu pages), since page titles are written in Indonesian only."""
    label = MENU_LABELS.get(type(page).__name__.lower())
    if label is None or (get_language() or "id").startswith("id"):
        return page.title
    return str(label)
