"""Provider adapters: one interface, WhatsApp Business Cloud API and Twilio's SMS API behind it.

WhatsApp: POST {base}/{version}/{phone_number_id}/messages, `Authorization: Bearer <token>`,
JSON `{"messaging_product": "whatsapp", "to", "type": "template"|"text", ...}`; success is
`{"messaging_product", "contacts": [...], "messages": [{"id": "wamid..."}]}`, an error is Graph's
envelope `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`.

SMS (Twilio Programmable Messaging): POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json,
HTTP Basic auth (Account SID : Auth Token), form fields `To`, `From`, `Body`; success is 201 with
the Message resource (`sid` "SM...", `status` "queued"); an error is
`{"code", "message", "more_info", "status"}`.

`send` makes one request. A 429, a 5xx or a network failure is `retryable`; other 4xx are not.
Tries and back-off are the caller's (notify/delivery.py). Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import requests

from notify.conf import notify_setting
from notify.texts import WHATSAPP_LANGUAGE, template_get, template_render


@dataclass(frozen=True)
class Credentials:
    account_id: str
    token: str
    sender: str = ""


class ProviderError(Exception):
    def __init__(self, message: str, *, retryable: bool, status: int | None = None):
        super().__init__(message)
        self.message, self.retryable, self.status = message, retryable, status


class Provider(Protocol):
    channel: str

    def send(self, *, to: str, template: str, params: dict) -> str:
        """Send one message to `to` (E.164); the provider's message id, or ProviderError."""
        ...


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _post(url: str, **kwargs: Any) -> requests.Response:
    try:
        return requests.post(url, timeout=notify_setting("NOTIFY_HTTP_TIMEOUT"), **kwargs)
    except requests.RequestException as error:
        raise ProviderError(f"jaringan: {type(error).__name__}", retryable=True) from error


def _json(response: requests.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class WhatsAppCloud:
    """Meta's WhatsApp Business Cloud API. Approved templates for every message (business-
    initiated messages outside a 24-hour window must be templates); `text_mode` sends the
    rendered text instead (only delivered inside a customer-service window; used by tests)."""

    channel = "whatsapp"

    def __init__(self, credentials: Credentials, *, text_mode: bool = False):
        self.credentials, self.text_mode = credentials, text_mode

    def payload(self, *, to: str, template: str, params: dict) -> dict:
        base = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to[1:]}
        if self.text_mode:
            body = template_render(key=template, params=params)
            return {**base, "type": "text", "text": {"preview_url": False, "body": body}}
        spec = template_get(template)
        parameters = [{"type": "text", "text": str(params[name])} for name in spec.params]
        return {
            **base,
            "type": "template",
            "template": {
                "name": spec.whatsapp_name,
                "language": {"code": WHATSAPP_LANGUAGE},
                "components": [{"type": "body", "parameters": parameters}],
            },
        }

    def send(self, *, to: str, template: str, params: dict) -> str:
        base = notify_setting("NOTIFY_WHATSAPP_BASE_URL").rstrip("/")
        version = notify_setting("NOTIFY_WHATSAPP_API_VERSION")
        response = _post(
            f"{base}/{version}/{self.credentials.account_id}/messages",
            json=self.payload(to=to, template=template, params=params),
            headers={"Authorization": f"Bearer {self.credentials.token}"},
        )
        body = _json(response)
        if response.status_code == 200 and body.get("messages"):
            return str(body["messages"][0].get("id", ""))
        found = body.get("error")
        error: dict = found if isinstance(found, dict) else {}
        raise ProviderError(
            f"WhatsApp {response.status_code} kode {error.get('code', '-')}"
            f"/{error.get('error_subcode', '-')}: {error.get('message', response.reason)}"
            f" (fbtrace_id {error.get('fbtrace_id', '-')})",
            retryable=_retryable(response.status_code),
            status=response.status_code,
        )


class TwilioSms:
    """Twilio's Messages resource over its REST API (no SDK: the same few lines for any
    Indonesian gateway with a Twilio-compatible API)."""

    channel = "sms"

    def __init__(self, credentials: Credentials):
        self.credentials = credentials

    def send(self, *, to: str, template: str, params: dict) -> str:
        base = notify_setting("NOTIFY_SMS_BASE_URL").rstrip("/")
        sid = self.credentials.account_id
        response = _post(
            f"{base}/2010-04-01/Accounts/{sid}/Messages.json",
            data={
                "To": to,
                "From": self.credentials.sender,
                "Body": template_render(key=template, params=params),
            },
            auth=(sid, self.credentials.token),
        )
        body = _json(response)
        if response.status_code in (200, 201) and body.get("sid"):
            return str(body["sid"])
        raise ProviderError(
            f"SMS {response.status_code} kode {body.get('code', '-')}: "
            f"{body.get('message', response.reason)}",
            retryable=_retryable(response.status_code),
            status=response.status_code,
        )
