"""The tenant URLs plus two plain views, one marked `cacheable` and one not (page cache tests)."""

from django.http import HttpResponse
from django.urls import path

from satupintu.page_cache import cacheable
from satupintu.urls_tenant import urlpatterns as tenant_urlpatterns

CALLS = {"marked": 0, "unmarked": 0}


@cacheable
def marked(request):
    CALLS["marked"] += 1
    return HttpResponse(f"marked {CALLS['marked']}")


def unmarked(request):
    CALLS["unmarked"] += 1
    return HttpResponse(f"unmarked {CALLS['unmarked']}")


urlpatterns = [
    path("uji-cache/ditandai/", marked),
    path("uji-cache/biasa/", unmarked),
    *tenant_urlpatterns,
]
