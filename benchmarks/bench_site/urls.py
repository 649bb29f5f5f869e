"""The regency URLconf plus one minimal view, served through the same server and middleware."""

from django.http import HttpResponse
from django.urls import path

from satupintu.urls_tenant import urlpatterns as tenant_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *tenant_urlpatterns]
