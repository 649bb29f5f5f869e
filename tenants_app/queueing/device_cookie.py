"""The device token in a long-lived, host-only, HttpOnly cookie: a kiosk or display stays
paired across restarts without a login loop. Schema: tenant."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from queueing.devices import device_for_token
from queueing.models import Device

COOKIE = "sp_device"
MAX_AGE = 5 * 365 * 24 * 3600


def device_from_cookie(request: HttpRequest, *, kind: str | None = None) -> Device | None:
    return device_for_token(token=request.COOKIES.get(COOKIE), kind=kind)


def device_cookie_set(request: HttpRequest, response: HttpResponse, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
