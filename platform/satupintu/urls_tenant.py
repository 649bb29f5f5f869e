"""URLs of a regency's host (its schema): Wagtail admin, accounts, and the citizen portal."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from satupintu.views import media_serve
from tenants_app.support import support_accept

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/dukungan/<str:token>/", support_accept, name="support_accept"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    re_path(r"^media/(?P<schema>[A-Za-z0-9_]+)/(?P<path>.+)$", media_serve, name="media"),
]

# Wagtail's catch-all comes last; Indonesian at `/`, English under `/en/`.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

handler404 = "satupintu.error_pages.page_not_found"
handler500 = "satupintu.error_pages.server_error"
