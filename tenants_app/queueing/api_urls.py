"""The queue's JSON API v1, mounted at `/api/v1/` on each regency's host."""

from django.urls import path

from queueing import api

app_name = "queue_api"
urlpatterns = [
    path("openapi.json", api.openapi_document, name="openapi"),
    path("queue/tickets", api.tickets_create, name="tickets"),
    path("queue/tickets/<str:public_id>", api.ticket_detail, name="ticket"),
    path("queue/display/<slug:location>", api.display_detail, name="display"),
    path("queue/devices/pair", api.devices_pair, name="pair"),
]
