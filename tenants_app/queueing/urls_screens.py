"""The queue's live screens under `/antrean/`: a location's TV display and a citizen's ticket."""

from django.urls import path

from queueing import screens

app_name = "queue_screens"
urlpatterns = [
    path("layar/<slug:location>/", screens.display_view, name="display"),
    path("layar/<slug:location>/keadaan/", screens.display_state_view, name="display_state"),
    path("tiket/<str:public_id>/", screens.ticket_view, name="ticket"),
    path("tiket/<str:public_id>/keadaan/", screens.ticket_state_view, name="ticket_state"),
]
