"""URLs of a regency's host (its schema): Wagtail admin, accounts, and the citizen portal."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import admin_login
from catalogue.support import support_accept
from satupintu.error_pages import page_not_found as page_not_found_view
from satupintu.live.views import live_stream
from satupintu.views import media_serve

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/dukungan/<str:token>/", support_accept, name="support_accept"),
    path("admin/login/", admin_login, name="wagtailadmin_login"),
    # Wagtail's deliberate 500 ("a test of the emergency broadcast system") is not offered to
    # every regency's staff; error reporting is tested with a deployment's own tools.
    path("admin/failwhale/", page_not_found_view),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("queueing.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Live events for displays and ticket pages (satupintu.live): one language, no prefix.
    path("live/<str:topic>/<str:key>/", live_stream, name="live_stream"),
    re_path(r"^media/(?P<schema>[A-Za-z0-9_]+)/(?P<path>.+)$", media_serve, name="media"),
]

# Indonesian at `/`, English under `/en/`; Wagtail's catch-all comes last.
urlpatterns += i18n_patterns(
    # The queue's live screens (TV display, the citizen's ticket page; branch queuelive).
    path("antrean/", include("queueing.urls_screens")),
    path("accounts/", include("allauth.urls")),
    path("", include("surveys.urls")),
    path("pengaduan/", include("complaints.urls")),
    path("antrean/", include("queueing.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
# allauth's answer to a flood (it looks for this name in ROOT_URLCONF, on every host).
handler429 = "accounts.views.too_many_requests"
handler400 = "satupintu.error_pages.bad_request"
handler404 = "satupintu.error_pages.page_not_found"
handler500 = "satupintu.error_pages.server_error"
