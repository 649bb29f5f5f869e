"""The citizen's complaint URLs (`/pengaduan/...`). Schema: tenant."""

from django.urls import path, re_path

from complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_new, name="new"),
    path("terkirim/<str:code>/", views.complaint_thanks, name="thanks"),
    path("lacak/", views.complaint_find, name="find"),
    path("lacak/<str:code>/", views.complaint_track, name="track"),
    path("lacak/<str:code>/salinan/", views.complaint_copy, name="copy"),
    re_path(
        r"^lacak/(?P<code>[^/]+)/(?P<what>pesan|buka|nilai)/$", views.complaint_write, name="write"
    ),
    path("statistik/", views.complaint_stats, name="stats"),
]
