"""Setting up a regency's portal skeleton and identity. Schema: tenant."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Site

from cms.models import Branding, HomePage


@transaction.atomic
def portal_skeleton_ensure() -> HomePage:
    """The home page under Wagtail's root and the one default site; idempotent (base schema)."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        for page in root.get_children().exact_type(Page):
            page.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda", live=True))
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.is_default_site = True
    site.save()
    Site.objects.exclude(pk=site.pk).delete()
    return home


@transaction.atomic
def portal_identity_set(*, hostname: str, port: int, regency_name: str, brand_name: str) -> None:
    """Name a freshly cloned portal after its regency and point its site at its host."""
    site = portal_site_hostname_set(hostname=hostname, port=port, site_name=brand_name)
    branding = Branding.for_site(site)
    branding.regency_name = regency_name
    branding.brand_name = brand_name
    branding.save()
    HomePage.objects.filter(pk=site.root_page_id).update(title=brand_name, draft_title=brand_name)


def portal_site_hostname_set(*, hostname: str, port: int, site_name: str | None = None) -> Site:
    site = Site.objects.get(is_default_site=True)
    site.hostname = hostname
    site.port = port
    if site_name is not None:
        site.site_name = site_name
    site.save()
    Site.clear_site_root_paths_cache()
    return site
