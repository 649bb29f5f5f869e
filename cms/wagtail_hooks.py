"""Wagtail wiring of the citizen portal: a served page is cached only when its type is marked
`cacheable`; cached pages follow every page change; every staff member's "Keamanan akun" page
(two-step sign-in, cms.staff_security)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms import (
    golive_panel,  # noqa: F401  (registers the go-live panel on import)
    golive_views,
    queue_panel,  # noqa: F401  (registers today's queue panel on import)
    staff_security,
)
from satupintu.page_cache import is_cacheable, portal_cache_bump, request_mark_cacheable


@hooks.register("before_serve_page")
def _page_cacheable(page, request, serve_args, serve_kwargs):
    """Only page types marked `cacheable` are kept by the portal's page cache (opt-in)."""
    if is_cacheable(page):
        request_mark_cacheable(request)


@hooks.register("after_publish_page")
@hooks.register("after_unpublish_page")
@hooks.register("after_delete_page")
@hooks.register("after_move_page")
def _page_changed(request, page, *args, **kwargs):
    portal_cache_bump()


@hooks.register("register_admin_urls")
def _account_security_urls():
    return staff_security.admin_urls()


@hooks.register("register_admin_urls")
def _golive_urls():
    return golive_views.admin_urls()


@hooks.register("register_account_menu_item")
def _account_security_account_item(request):
    return {
        "url": reverse("cms_account_security"),
        "label": _("Keamanan akun"),
        "help_text": _("Verifikasi dua langkah, kode pemulihan, dan kata sandi."),
    }


@hooks.register("register_settings_menu_item")
def _account_security_menu_item():
    return MenuItem(_("Keamanan akun"), reverse("cms_account_security"), icon_name="lock", order=10)
