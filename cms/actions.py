"""Setting up a regency's portal: its skeleton pages, staff roles and identity. Schema: tenant."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from accounts.models import User
from cms.image_upload import image_shrink
from cms.models import (
    AgencyIndexPage,
    Branding,
    HomePage,
    LocationIndexPage,
    NewsIndexPage,
    PledgePage,
    ServiceIndexPage,
)
from cms.staff_roles import MEDIA_PERMISSIONS
from satupintu.page_cache import portal_cache_bump
from staff.actions import permissions_get, roles_sync
from staff.roles import ROLE_CONTENT_EDITOR, ROLE_REGENCY_ADMIN

SKELETON: list[tuple[type[Page], str, str, str]] = [
    (
        ServiceIndexPage,
        "Layanan",
        "layanan",
        "Cari layanan, persyaratan, biaya, dan lokasi loketnya.",
    ),
    (
        AgencyIndexPage,
        "Instansi",
        "instansi",
        "Instansi yang membuka gerai di Mal Pelayanan Publik.",
    ),
    (
        LocationIndexPage,
        "Lokasi dan Jam Layanan",
        "lokasi",
        "Gedung MPP dan gerai layanan beserta jam bukanya.",
    ),
    (PledgePage, "Maklumat Pelayanan", "maklumat-pelayanan", ""),
    (NewsIndexPage, "Berita dan Pengumuman", "berita", ""),
]


@transaction.atomic
def portal_skeleton_ensure() -> HomePage:
    """The home page, the catalogue index pages, the default site and the staff roles; idempotent.

    Run in the base schema, so every cloned portal starts with all of it.
    """
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        for page in root.get_children().exact_type(Page):
            page.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda", live=True))
    for model, title, slug, intro in SKELETON:
        if not model.objects.child_of(home).exists():
            home.add_child(
                instance=model(title=title, slug=slug, intro=intro, live=True, show_in_menus=True)
            )
            home.refresh_from_db()
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.is_default_site = True
    site.save()
    Site.objects.exclude(pk=site.pk).delete()
    roles_ensure(home=home)
    return home


def roles_ensure(*, home: Page) -> None:
    """Staff roles of a portal (idempotent): the groups and their model permissions from the
    staff registry, then the page and collection permissions only the portal knows."""
    roles_sync()
    admin = Group.objects.get(name=ROLE_REGENCY_ADMIN)
    editor = Group.objects.get(name=ROLE_CONTENT_EDITOR)
    page_perms = permissions_get(
        "wagtailcore.add_page",
        "wagtailcore.change_page",
        "wagtailcore.publish_page",
        "wagtailcore.delete_page",
    )
    media_perms = permissions_get(*MEDIA_PERMISSIONS)
    collection = Collection.get_first_root_node()
    for group in (admin, editor):
        for permission in page_perms:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
        for permission in media_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


@transaction.atomic
def portal_identity_set(*, hostname: str, port: int, regency_name: str, brand_name: str) -> None:
    """Name a freshly cloned portal after its regency and point its site at its host."""
    site = portal_site_hostname_set(hostname=hostname, port=port, site_name=brand_name)
    branding = Branding.for_site(site)
    _portal_names_set(
        site=site, branding=branding, regency_name=regency_name, brand_name=brand_name
    )
    branding.save()


def _portal_names_set(
    *, site: Site, branding: Branding, regency_name: str, brand_name: str
) -> None:
    """The regency's names on its branding and site (the caller saves them) and as the home
    page's title."""
    branding.regency_name = regency_name
    branding.brand_name = brand_name
    site.site_name = brand_name
    HomePage.objects.filter(pk=site.root_page_id).update(title=brand_name, draft_title=brand_name)


def portal_site_hostname_set(*, hostname: str, port: int, site_name: str | None = None) -> Site:
    site = Site.objects.get(is_default_site=True)
    site.hostname = hostname
    site.port = port
    if site_name is not None:
        site.site_name = site_name
    site.save()
    Site.clear_site_root_paths_cache()
    portal_cache_bump()
    return site


@transaction.atomic
def portal_branding_set(
    *,
    regency_name: str,
    brand_name: str,
    primary_color: str,
    accent_color: str,
    logo: File | None = None,
) -> Branding:
    """The applicant's identity on a new portal: names, colours, logo, and the home page title."""
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    branding = Branding.for_site(site)
    _portal_names_set(
        site=site, branding=branding, regency_name=regency_name, brand_name=brand_name
    )
    branding.primary_color = primary_color
    branding.accent_color = accent_color
    if logo is not None:
        # Stored as the admin's own uploads are: at most 2400 px, without EXIF (cms.image_upload).
        logo.seek(0)
        shrunk = image_shrink(content=logo.read(), name=logo.name or "logo.png")
        if shrunk.format != "GIF":
            logo = ContentFile(shrunk.content, name=shrunk.name)
        else:
            logo.seek(0)
        image = get_image_model()(title=f"Logo {brand_name}", file=logo)
        image.save()
        branding.logo = image
    branding.full_clean()
    branding.save()  # its post_save hook (cms.apps) bumps the page cache, now and on commit
    site.save()
    return branding


@transaction.atomic
def regency_admin_ensure(*, email: str, full_name: str = ""):
    """The regency's first admin (superuser of this schema only, in the "Admin MPP" role)."""
    user, created = User.objects.get_or_create(
        email=User.objects.normalize_email(email),
        defaults={"full_name": full_name, "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=ROLE_REGENCY_ADMIN))
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def regency_admin_entry_path(*, email: str) -> tuple[str, bool]:
    """Where this schema's first admin enters, and whether that sets their password: allauth's
    set-password link while they have none yet (the token dies once it is used); afterwards the
    admin's sign-in page, so an old progress page cannot mint a way into the account."""
    user = User.objects.get(email=User.objects.normalize_email(email))
    # Reversed in the portal's URLconf: the caller may be serving the platform host.
    if user.has_usable_password():
        return reverse("wagtailadmin_login", urlconf=settings.ROOT_URLCONF), False
    path = reverse(
        "account_reset_password_from_key",
        urlconf=settings.ROOT_URLCONF,
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return path, True
