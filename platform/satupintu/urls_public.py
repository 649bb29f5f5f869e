"""URLs of the platform host (public schema): landing, onboarding, accounts, operator console."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from onboarding.views import landing
from satupintu.admin_site import operator_site

urlpatterns: list[URLPattern | URLResolver] = [
    path("console/", operator_site.urls),
    path("billing/", include("billing.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", landing, name="landing"),
    path("", include("onboarding.urls")),
    prefix_default_language=False,
)

handler400 = "satupintu.error_pages.bad_request"
handler404 = "satupintu.error_pages.page_not_found"
handler500 = "satupintu.error_pages.server_error"
