from django.urls import path

from onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("templat/", views.template_list, name="templates"),
    path("templat/<slug:slug>/", views.template_detail, name="template"),
    path("daftar/", views.wizard_start, name="start"),
    path("daftar/langkah/<int:step>/", views.wizard_step, name="step"),
    path("daftar/cek-subdomain/", views.subdomain_check, name="subdomain_check"),
    path("daftar/pembayaran/selesai/", views.checkout_done, name="checkout_done"),
    path("daftar/pembayaran/batal/", views.checkout_cancelled, name="checkout_cancelled"),
    path("daftar/ulang/", views.application_restart, name="restart"),
    path("daftar/progres/<int:job_id>/", views.progress, name="progress"),
    path("daftar/progres/<int:job_id>/status/", views.progress_json, name="progress_json"),
]
