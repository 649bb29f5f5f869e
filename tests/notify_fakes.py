"""Local stand-ins for Meta's WhatsApp Business Cloud API and Twilio's SMS API, on loopback,
speaking their protocols, for notify's real HTTP client (`requests`).

WhatsApp: `POST /{version}/{phone_number_id}/messages` with `Authorization: Bearer <token>` and a
JSON body (`messaging_product: "whatsapp"`, `to`, `type` "template" or "text"); answers
`{"messaging_product", "contacts": [{"input", "wa_id"}], "messages": [{"id": "wamid...."}]}` or
Graph's error envelope `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`.

Twilio: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth (SID, token), form
fields To/From/Body; answers 201 with a Message resource (`sid` "SM…", `status` "queued") or
`{"code", "message", "more_info", "status"}`.

Tests can make the next N requests fail (`fail_next(status, n)`) and hold requests open
(`hold()`/`release()`) to kill a worker while its request is in flight. A request counts as
accepted (`accepted`) once its body was read and checked, as a provider would have queued it.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

WA_PHONE_ID = "106540352242922"
WA_TOKEN = "EAAG-fake-whatsapp-token-alpha-7QZ1"
TWILIO_SID = "AC" + "a1" * 16
TWILIO_TOKEN = "twilio-fake-auth-token-alpha-9XK2"
_ids = itertools.count(1)

_WA_PATH = re.compile(r"^/v\d+\.\d+/(?P<phone_id>\d+)/messages$")
_TWILIO_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<sid>AC[0-9a-f]{32})/Messages\.json$")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")

_WA_ERRORS = {
    400: ("(#100) Invalid parameter", "OAuthException", 100),
    401: ("Error validating access token", "OAuthException", 190),
    429: ("(#130429) Rate limit hit", "OAuthException", 130429),
    500: ("(#131000) Something went wrong", "OAuthException", 131000),
    503: ("(#131016) Service unavailable", "OAuthException", 131016),
}
_TWILIO_ERRORS = {
    400: (21211, "The 'To' number is not a valid phone number."),
    401: (20003, "Authenticate"),
    429: (20429, "Too Many Requests"),
    500: (20500, "Internal Server Error"),
    503: (20503, "Service Unavailable"),
}


class FakeProviders:
    """Both providers on one loopback server; `url` is the base for both settings."""

    def __init__(self):
        self.whatsapp_accounts = {WA_PHONE_ID: WA_TOKEN}
        self.twilio_accounts = {TWILIO_SID: TWILIO_TOKEN}
        self.requests: list[dict[str, Any]] = []  # every request, answered or not
        self.accepted: list[dict[str, Any]] = []  # the messages the provider took
        self.failures: dict[str, list[int]] = {"whatsapp": [], "sms": []}
        self.lock = threading.Lock()
        self.released = threading.Event()
        self.released.set()
        self.server: ThreadingHTTPServer | None = None

    # --- test controls ----------------------------------------------------------------------------
    def fail_next(self, channel: str, status: int, count: int = 1) -> None:
        with self.lock:
            self.failures[channel].extend([status] * count)

    def hold(self) -> None:
        self.released.clear()

    def release(self) -> None:
        self.released.set()

    def accepted_for(self, channel: str) -> list[dict[str, Any]]:
        return [m for m in self.accepted if m["channel"] == channel]

    # --- protocol ---------------------------------------------------------------------------------
    def _failure(self, channel: str) -> int | None:
        with self.lock:
            return self.failures[channel].pop(0) if self.failures[channel] else None

    def whatsapp(self, path: str, headers, raw: bytes) -> tuple[int, dict]:
        match = _WA_PATH.match(path)
        if not match:
            return self._wa_error(400, "Unsupported post request.", code=100, subcode=33)
        token = self.whatsapp_accounts.get(match["phone_id"])
        if token is None or headers.get("Authorization") != f"Bearer {token}":
            return self._wa_error(401)
        if not (headers.get("Content-Type") or "").startswith("application/json"):
            return self._wa_error(400, "(#100) The parameter messaging_product is required.")
        try:
            body = json.loads(raw)
        except ValueError:
            return self._wa_error(400)
        problem = _wa_body_problem(body)
        if problem:
            return self._wa_error(400, f"(#100) {problem}", code=100)
        failure = self._failure("whatsapp")
        if failure:
            return self._wa_error(failure)
        message_id = f"wamid.HBgN{next(_ids):06d}{secrets.token_hex(8).upper()}"
        self._accept("whatsapp", match["phone_id"], body["to"], body, message_id)
        return 200, {
            "messaging_product": "whatsapp",
            "contacts": [{"input": body["to"], "wa_id": body["to"]}],
            "messages": [{"id": message_id}],
        }

    def _wa_error(self, status: int, message: str = "", *, code: int = 0, subcode: int = 0):
        default_message, kind, default_code = _WA_ERRORS.get(status, _WA_ERRORS[500])
        error = {
            "message": message or default_message,
            "type": kind,
            "code": code or default_code,
            "fbtrace_id": f"A{secrets.token_hex(10)}",
        }
        if subcode:
            error["error_subcode"] = subcode
        return status, {"error": error}

    def twilio(self, path: str, headers, raw: bytes) -> tuple[int, dict]:
        match = _TWILIO_PATH.match(path)
        if not match:
            return self._twilio_error(404, 20404, "The requested resource was not found")
        token = self.twilio_accounts.get(match["sid"])
        expected = base64.b64encode(f"{match['sid']}:{token}".encode()).decode()
        if token is None or headers.get("Authorization") != f"Basic {expected}":
            return self._twilio_error(401)
        form = dict(parse_qsl(raw.decode(), keep_blank_values=True))
        if not form.get("Body"):
            return self._twilio_error(400, 21602, "Message body is required.")
        if not form.get("From"):
            return self._twilio_error(400, 21603, "A 'From' phone number is required.")
        if not _E164.match(form.get("To", "")):
            return self._twilio_error(400)
        failure = self._failure("sms")
        if failure:
            return self._twilio_error(failure)
        sid = f"SM{secrets.token_hex(16)}"
        self._accept("sms", match["sid"], form["To"], form, sid)
        return 201, {
            "sid": sid,
            "account_sid": match["sid"],
            "to": form["To"],
            "from": form["From"],
            "body": form["Body"],
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "error_code": None,
            "error_message": None,
            "uri": f"/2010-04-01/Accounts/{match['sid']}/Messages/{sid}.json",
        }

    def _twilio_error(self, status: int, code: int = 0, message: str = ""):
        default_code, default_message = _TWILIO_ERRORS.get(status, _TWILIO_ERRORS[500])
        code = code or default_code
        return status, {
            "code": code,
            "message": message or default_message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        }

    def _accept(self, channel: str, account: str, to: str, body: dict, message_id: str) -> None:
        with self.lock:
            self.accepted.append(
                {"channel": channel, "account": account, "to": to, "body": body, "id": message_id}
            )

    # --- serving ----------------------------------------------------------------------------------
    def start(self) -> FakeProviders:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                channel = "sms" if self.path.startswith("/2010-04-01/") else "whatsapp"
                with fake.lock:
                    fake.requests.append({"channel": channel, "path": self.path})
                handler = fake.twilio if channel == "sms" else fake.whatsapp
                status, payload = handler(self.path, self.headers, raw)
                fake.released.wait(timeout=120)
                body = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client died while we held its request
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.release()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def _wa_body_problem(body: Any) -> str:
    """What Graph would reject in a send-message body, or ""."""
    if not isinstance(body, dict) or body.get("messaging_product") != "whatsapp":
        return "The parameter messaging_product is required."
    if not re.fullmatch(r"[1-9]\d{6,14}", str(body.get("to", ""))):
        return "The parameter to is required."
    kind = body.get("type", "text")
    if kind == "text":
        text = body.get("text")
        return "" if isinstance(text, dict) and text.get("body") else "Param text['body'] missing."
    if kind != "template":
        return f"Unsupported message type {kind}."
    template = body.get("template")
    if not isinstance(template, dict) or not template.get("name"):
        return "Param template['name'] is required."
    if not isinstance(template.get("language"), dict) or not template["language"].get("code"):
        return "Param template['language']['code'] is required."
    for component in template.get("components", []):
        for parameter in component.get("parameters", []):
            if parameter.get("type") != "text" or not parameter.get("text"):
                return "Param template['components'][0]['parameters'] is invalid."
    return ""
