"""The notify app's settings with their defaults, read at call time (tests override them).

NOTIFY_WHATSAPP_BASE_URL   Meta Graph API root (tests point it at tests/notify_fakes.py).
NOTIFY_WHATSAPP_API_VERSION  the Graph API version in the path, e.g. "v23.0".
NOTIFY_SMS_BASE_URL        Twilio's REST root.
NOTIFY_HTTP_TIMEOUT        seconds per provider request.
NOTIFY_HTTP_TRIES          requests per provider per delivery round (429/5xx/network are retried).
NOTIFY_RETRY_BACKOFF_SECONDS  first pause between tries; doubles each try.
NOTIFY_CLAIM_LEASE_SECONDS after this long a row still "sending" is taken to be a dead worker's.
NOTIFY_MAX_ROUNDS          delivery rounds (each with its tries) before a row is marked failed.
NOTIFY_ENCRYPTION_KEY      a Fernet key (urlsafe base64 of 32 bytes) or any passphrase; empty =
                           derived from SECRET_KEY (see notify/crypto.py and docs/adr/0029).

Schema: tenant.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "NOTIFY_WHATSAPP_BASE_URL": "https://graph.facebook.com",
    "NOTIFY_WHATSAPP_API_VERSION": "v23.0",
    "NOTIFY_SMS_BASE_URL": "https://api.twilio.com",
    "NOTIFY_HTTP_TIMEOUT": 10.0,
    "NOTIFY_HTTP_TRIES": 3,
    "NOTIFY_RETRY_BACKOFF_SECONDS": 1.0,
    "NOTIFY_CLAIM_LEASE_SECONDS": 300,
    "NOTIFY_MAX_ROUNDS": 5,
    "NOTIFY_ENCRYPTION_KEY": "",
}


def notify_setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
