"""A local stand-in for Stripe's API, on loopback, speaking its protocol: form-encoded requests with
bracketed keys, JSON objects with `object` and `id`, list objects with `has_more` pagination,
Stripe's error shape, and API keys in the Authorization header. The real `stripe` library talks to
it (StripeClient with `base_addresses={"api": url}`). Webhook payloads are signed the way Stripe
signs them. Tests also change the fake's state directly (Stripe's side of a payment) and turn the
change into the event Stripe would send.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

API_KEY = "sk_test_satupintu_fake"
WEBHOOK_SECRET = "whsec_satupintu_fake"
_ids = itertools.count(1)


def new_id(prefix: str) -> str:
    return f"{prefix}_fake{next(_ids):06d}"


def parse_form(body: str) -> dict[str, Any]:
    """`items[0][price]=x&metadata[a]=b&lookup_keys[]=k` -> nested dicts and lists."""
    result: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+|\[\]", key)
        target: Any = result
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            nxt = parts[index + 1] if not last else None
            container: Any = [] if (nxt == "[]" or (nxt or "").isdigit()) else {}
            if part == "[]":
                target.append(value)
                break
            if isinstance(target, list):
                position = int(part)
                while len(target) <= position:
                    target.append({} if not last else None)
                if last:
                    target[position] = value
                else:
                    if not isinstance(target[position], (dict, list)):
                        target[position] = container
                    target = target[position]
            elif last:
                target[part] = value
            else:
                target = target.setdefault(part, container)
    return result


class StripeError(Exception):
    def __init__(self, status: int, message: str, *, code: str = "", param: str = ""):
        self.status, self.message, self.code, self.param = status, message, code, param

    def body(self) -> dict[str, Any]:
        error = {"type": "invalid_request_error", "message": self.message}
        if self.code:
            error["code"] = self.code
        if self.param:
            error["param"] = self.param
        return {"error": error}


class FakeStripe:
    """The fake's state and its API; `url` is what the client's base address points at."""

    def __init__(self):
        self.objects: dict[str, dict[str, dict[str, Any]]] = {
            "customers": {},
            "products": {},
            "prices": {},
            "subscriptions": {},
            "checkout_sessions": {},
            "invoices": {},
            "portal_sessions": {},
        }
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    # --- serving ----------------------------------------------------------------------------------
    def start(self) -> FakeStripe:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Request-Id", new_id("req"))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_form(self.rfile.read(length).decode()) if length else {}
                url = urlparse(self.path)
                query = parse_form(url.query)
                if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    self._send(
                        401,
                        {
                            "error": {
                                "type": "invalid_request_error",
                                "message": "Invalid API Key provided.",
                            }
                        },
                    )
                    return
                try:
                    with fake.lock:
                        fake.requests.append((method, url.path))
                        status, payload = fake.route(method, url.path, {**query, **form})
                except StripeError as error:
                    self._send(error.status, error.body())
                    return
                self._send(status, payload)

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_DELETE(self):
                self._handle("DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (idempotent); the client then meets a refused connection, as when
        Stripe cannot be reached."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    # --- the API ----------------------------------------------------------------------------------
    def route(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        routes = [
            ("POST", r"^/v1/customers$", self.create_customer),
            ("GET", r"^/v1/customers/(?P<id>[^/]+)$", lambda p, id: self.get("customers", id)),
            ("POST", r"^/v1/products$", self.create_product),
            ("GET", r"^/v1/products$", lambda p: self.list("products", p)),
            ("POST", r"^/v1/products/(?P<id>[^/]+)$", lambda p, id: self.update("products", id, p)),
            ("POST", r"^/v1/prices$", self.create_price),
            ("GET", r"^/v1/prices$", self.list_prices),
            ("POST", r"^/v1/prices/(?P<id>[^/]+)$", lambda p, id: self.update("prices", id, p)),
            ("POST", r"^/v1/subscriptions$", self.create_subscription),
            (
                "GET",
                r"^/v1/subscriptions/(?P<id>[^/]+)$",
                lambda p, id: self.get("subscriptions", id),
            ),
            ("POST", r"^/v1/subscriptions/(?P<id>[^/]+)$", self.update_subscription),
            ("DELETE", r"^/v1/subscriptions/(?P<id>[^/]+)$", self.cancel_subscription),
            ("POST", r"^/v1/checkout/sessions$", self.create_checkout_session),
            (
                "GET",
                r"^/v1/checkout/sessions/(?P<id>[^/]+)$",
                lambda p, id: self.get("checkout_sessions", id),
            ),
            ("POST", r"^/v1/billing_portal/sessions$", self.create_portal_session),
            ("GET", r"^/v1/invoices$", self.list_invoices),
        ]
        for verb, pattern, handler in routes:
            match = re.match(pattern, path)
            if verb == method and match:
                return 200, handler(params, **match.groupdict())
        raise StripeError(404, f"Unrecognized request URL ({method}: {path}).")

    def _require(self, params: dict[str, Any], *names: str) -> None:
        for name in names:
            if name not in params or params[name] in ("", None):
                raise StripeError(
                    400, f"Missing required param: {name}.", code="parameter_missing", param=name
                )

    def get(self, kind: str, object_id: str) -> dict[str, Any]:
        try:
            return self.objects[kind][object_id]
        except KeyError:
            label = kind.rstrip("s").replace("_", " ")
            raise StripeError(
                404, f"No such {label}: '{object_id}'", code="resource_missing", param="id"
            ) from None

    def update(self, kind: str, object_id: str, params: dict[str, Any]) -> dict[str, Any]:
        obj = self.get(kind, object_id)
        for key, value in params.items():
            obj[key] = _coerce(value)
        return obj

    def list(self, kind: str, params: dict[str, Any], items: list | None = None) -> dict[str, Any]:
        items = list(self.objects[kind].values()) if items is None else items
        limit = int(params.get("limit", 10))
        if params.get("starting_after"):
            ids = [o["id"] for o in items]
            items = items[ids.index(params["starting_after"]) + 1 :]
        return {
            "object": "list",
            "url": f"/v1/{kind}",
            "has_more": len(items) > limit,
            "data": items[:limit],
        }

    def create_customer(self, params: dict[str, Any]) -> dict[str, Any]:
        customer = {
            "id": new_id("cus"),
            "object": "customer",
            "created": int(time.time()),
            "email": params.get("email"),
            "name": params.get("name"),
            "metadata": params.get("metadata", {}),
        }
        self.objects["customers"][customer["id"]] = customer
        return customer

    def create_product(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require(params, "name")
        product = {
            "id": new_id("prod"),
            "object": "product",
            "active": True,
            "name": params["name"],
            "description": params.get("description"),
            "metadata": params.get("metadata", {}),
        }
        self.objects["products"][product["id"]] = product
        return product

    def create_price(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require(params, "product", "currency", "unit_amount")
        self.get("products", params["product"])
        if params.get("transfer_lookup_key") == "true":
            for other in self.objects["prices"].values():
                if other.get("lookup_key") == params.get("lookup_key"):
                    other["lookup_key"] = None
        price = {
            "id": new_id("price"),
            "object": "price",
            "active": True,
            "product": params["product"],
            "currency": params["currency"],
            "unit_amount": int(params["unit_amount"]),
            "recurring": {"interval": params.get("recurring", {}).get("interval")},
            "lookup_key": params.get("lookup_key"),
        }
        self.objects["prices"][price["id"]] = price
        return price

    def list_prices(self, params: dict[str, Any]) -> dict[str, Any]:
        keys = params.get("lookup_keys")
        items = [
            p for p in self.objects["prices"].values() if not keys or p.get("lookup_key") in keys
        ]
        return self.list("prices", params, items)

    def create_subscription(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require(params, "customer", "items")
        self.get("customers", params["customer"])
        price = self.get("prices", params["items"][0]["price"])
        now = int(time.time())
        trial = int(params.get("trial_period_days") or 0)
        subscription = {
            "id": new_id("sub"),
            "object": "subscription",
            "customer": params["customer"],
            "created": now,
            "status": "trialing" if trial else "active",
            "trial_end": now + trial * 86400 if trial else None,
            "collection_method": params.get("collection_method", "charge_automatically"),
            "days_until_due": int(params["days_until_due"])
            if params.get("days_until_due")
            else None,
            "items": {
                "object": "list",
                "data": [
                    {
                        "id": new_id("si"),
                        "object": "subscription_item",
                        "price": price,
                        "current_period_end": now + 365 * 86400,
                    }
                ],
            },
            "metadata": params.get("metadata", {}),
        }
        self.objects["subscriptions"][subscription["id"]] = subscription
        return subscription

    def update_subscription(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        subscription = self.get("subscriptions", id)
        if "trial_end" in params:
            subscription["trial_end"] = int(params["trial_end"])
        return subscription

    def cancel_subscription(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        subscription = self.get("subscriptions", id)
        subscription["status"] = "canceled"
        return subscription

    def create_checkout_session(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require(params, "mode", "success_url", "line_items")
        self.get("prices", params["line_items"][0]["price"])
        session = {
            "id": new_id("cs"),
            "object": "checkout.session",
            "mode": params["mode"],
            "status": "open",
            "client_reference_id": params.get("client_reference_id"),
            "customer": None,
            "subscription": None,
            "customer_email": params.get("customer_email"),
            "success_url": params["success_url"],
            "cancel_url": params.get("cancel_url"),
            "line_items": params["line_items"],
            "metadata": params.get("metadata", {}),
        }
        session["url"] = f"{self.url}/checkout/{session['id']}"
        self.objects["checkout_sessions"][session["id"]] = session
        return session

    def create_portal_session(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require(params, "customer")
        self.get("customers", params["customer"])
        session = {
            "id": new_id("bps"),
            "object": "billing_portal.session",
            "customer": params["customer"],
            "return_url": params.get("return_url"),
            "url": f"{self.url}/portal/{new_id('p')}",
        }
        self.objects["portal_sessions"][session["id"]] = session
        return session

    def list_invoices(self, params: dict[str, Any]) -> dict[str, Any]:
        items = [
            i for i in self.objects["invoices"].values() if i["customer"] == params.get("customer")
        ]
        return self.list("invoices", params, items)

    # --- Stripe's side of things, for tests -------------------------------------------------------
    def complete_checkout(self, session_id: str) -> dict[str, Any]:
        """The applicant pays on Stripe's page: a customer and an active subscription appear."""
        with self.lock:
            session = self.get("checkout_sessions", session_id)
            customer = self.create_customer({"email": session.get("customer_email")})
            subscription = self.create_subscription(
                {
                    "customer": customer["id"],
                    "items": [{"price": session["line_items"][0]["price"]}],
                }
            )
            session.update(
                status="complete", customer=customer["id"], subscription=subscription["id"]
            )
            return session

    def set_subscription_status(self, subscription_id: str, status: str) -> dict[str, Any]:
        with self.lock:
            subscription = self.get("subscriptions", subscription_id)
            subscription["status"] = status
            return dict(subscription)

    def add_invoice(self, subscription_id: str, *, status: str) -> dict[str, Any]:
        with self.lock:
            subscription = self.get("subscriptions", subscription_id)
            invoice = {
                "id": new_id("in"),
                "object": "invoice",
                "customer": subscription["customer"],
                "status": status,
                "amount_due": subscription["items"]["data"][0]["price"]["unit_amount"],
                "amount_paid": 0,
                "currency": "idr",
                "hosted_invoice_url": f"{self.url}/invoice/{new_id('h')}",
                "created": int(time.time()),
                "parent": {
                    "type": "subscription_details",
                    "subscription_details": {"subscription": subscription_id},
                },
            }
            self.objects["invoices"][invoice["id"]] = invoice
            return invoice


def _coerce(value: Any) -> Any:
    if value == "true":
        return True
    if value == "false":
        return False
    return value


def event(event_type: str, obj: dict[str, Any], *, created: int | None = None) -> dict[str, Any]:
    return {
        "id": new_id("evt"),
        "object": "event",
        "type": event_type,
        "api_version": "2025-10-29",
        "created": created if created is not None else int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The `Stripe-Signature` header Stripe sends: `t=<time>,v1=<HMAC-SHA256 of "t.payload">`."""
    timestamp = timestamp or int(time.time())
    digest = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"
