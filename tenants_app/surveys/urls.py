"""The SKM's citizen URLs, included on a regency's host before Wagtail's catch-all."""

from django.urls import path

from surveys import views

urlpatterns = [
    path("skm/", views.results_view, name="skm_results"),
    path("skm/laporan.pdf", views.report_pdf_view, name="skm_report_pdf"),
    path("skm/isi/<str:token>/", views.link_form_view, name="skm_link_form"),
    path("skm/tablet/", views.kiosk_view, name="skm_kiosk"),
    path("kinerja/", views.kpi_view, name="kpi_public"),
]
