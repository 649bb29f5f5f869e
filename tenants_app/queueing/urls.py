"""The queue's pages on a regency's host, under `/antrean/` (Indonesian) and `/en/antrean/`."""

from django.urls import path

from queueing import views_booking, views_counter, views_kiosk

app_name = "queueing"
urlpatterns = [
    path("perangkat/", views_kiosk.device_pair_view, name="pair"),
    path("kios/", views_kiosk.kiosk_view, name="kiosk"),
    path("kios/check-in/", views_kiosk.kiosk_checkin_view, name="kiosk_checkin"),
    path("kios/tiket/<str:public_id>/", views_kiosk.kiosk_ticket_view, name="kiosk_ticket"),
    path("loket/", views_counter.counter_choose_view, name="counter_choose"),
    path("loket/<slug:key>/", views_counter.counter_panel_view, name="counter"),
    path("loket/<slug:key>/aksi/", views_counter.counter_action_view, name="counter_action"),
    path("booking/", views_booking.booking_start_view, name="booking_start"),
    path("booking/<str:public_id>/", views_booking.booking_detail_view, name="booking"),
]
