"""The machinery of the hostile-input walk (tests/test_hostile_input.py): every URL pattern of a
URLconf with its converters filled with hostile values, and every <form> found on the pages a
role can reach, submitted with hostile values. Nothing here is a list of our URLs or forms: a new
pattern or form is walked because it exists.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

HUGE = "99999999999999999999"
LONG = "x" * 10_000
RTL = "\u202eexe.txt\u202c \u200f"
SURROGATE_UTF8 = "%ED%A0%80"  # how a client sends a lone surrogate in a URL (CESU-8)

# Values for path converters, already percent-encoded where needed.
PATH_VALUES = [
    "%00",
    quote(LONG),
    quote(RTL),
    "-1",
    "0",
    HUGE,
    "abc",
    SURROGATE_UTF8,
    "1",
    "%2e%2e%2f%2e%2e",
    quote("<script>"),
    "1e999",
]
# Query strings: page numbers, NUL, long values, surrogates, arrays, junk names.
QUERY_STRINGS = [
    "page=-1&p=-1&hal=-1",
    f"page={HUGE}&p={HUGE}&hal={HUGE}&id={HUGE}",
    "page=abc&ordering=%00&q=%00",
    f"q={quote(LONG[:1500])}&search={quote(RTL * 100)}&ordering={quote(LONG[:1500])}",
    f"q={quote(LONG[:5000])}",
    f"q={SURROGATE_UTF8}&next={SURROGATE_UTF8}",
    f"next=%2F%2Fevil.example&q={quote(RTL)}&page=1e999",
    "page[]=1&page=2&page=%ff%fe&%00=1",
    "next=/%00&redirect_to=javascript:alert(1)&lang=%00",
]
# Headers nobody sends on purpose: junk languages, NUL in cookies, forged proxies, bad lengths.
JUNK_HEADERS: list[dict[str, str]] = [
    {"HTTP_ACCEPT_LANGUAGE": "zz-ZZ;q=abc, *;q=-1, " + "x" * 600},
    {"HTTP_COOKIE": "sessionid=a\x00b; csrftoken=" + "c" * 5000 + "; django_language=%00"},
    {"HTTP_X_FORWARDED_FOR": "not-an-ip, 999.1.1.1, \x00", "REMOTE_ADDR": "::ffff:300.1.1.1"},
    {"CONTENT_LENGTH": "-5"},
    {"CONTENT_LENGTH": HUGE},
    {"HTTP_X_REQUEST_ID": "\x00" * 80, "HTTP_REFERER": "javascript:%00"},
    {"HTTP_ACCEPT": "application/json;q=\x00", "HTTP_USER_AGENT": "\xff\xfe" * 3},
]
# Hosts a client may claim: unknown, malformed, with NUL, too long.
JUNK_HOSTS = ["evil.example", "localhost:abc", "a\x00b.localhost", "x" * 300 + ".localhost", "[::1"]
# Bodies that are not what any form expects: (content type, body).
RAW_BODIES: list[tuple[str, bytes]] = [
    ("application/json", b"[]"),
    ("application/json", b"null"),
    ("application/json", b"[" * 100_000 + b"]" * 100_000),
    ("application/json", b'{"id": "\\u0000", "created": 99999999999999999999, "x": "\\ud800"}'),
    ("application/x-www-form-urlencoded", b"a=%00&b=" + b"y" * 20_000 + b"&c=%ED%A0%80"),
    ("multipart/form-data; boundary=zzz", b"--zzz\r\nContent-Disposition: form-data; name="),
    ("multipart/form-data", b"no boundary at all"),
    ("text/plain", b"\x00\xff\xfe"),
    ("application/x-www-form-urlencoded", b""),
]


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: the format Django reverses it with, and its parameters."""

    format: str
    params: tuple[str, ...]

    def fill(self, value: str) -> str:
        return "/" + self.format % dict.fromkeys(self.params, value)


def url_patterns(urlconf: str) -> list[Pattern]:
    """Every leaf pattern of `urlconf`, nested includes and namespaces too (Django's own regex
    normaliser gives the same format strings `reverse()` uses)."""

    def walk(patterns, prefix: str, params: tuple[str, ...]) -> Iterator[Pattern]:
        for pattern in patterns:
            fmt, names = normalize(pattern.pattern.regex.pattern)[0]
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + fmt, params + tuple(names))
            else:
                yield Pattern(prefix + fmt, params + tuple(names))

    return sorted(set(walk(get_resolver(urlconf).url_patterns, "", ())), key=lambda p: p.format)


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list[tuple[str, str, str]]  # (name, kind, value)
    options: dict[str, list[str]] = field(default_factory=dict)


def forms_of(page_url: str, html: str) -> list[Form]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for node in soup.find_all("form"):
        action = urljoin(page_url, node.get("action") or page_url)
        fields: list[tuple[str, str, str]] = []
        options: dict[str, list[str]] = {}
        for element in node.find_all(["input", "textarea", "select"]):
            name = element.get("name")
            if not name:
                continue
            if element.name == "select":
                values = [o.get("value", o.text) for o in element.find_all("option")]
                options[name] = [v for v in values if v] or [""]
                fields.append((name, "select", options[name][0]))
            elif element.name == "textarea":
                fields.append((name, "textarea", element.text))
            else:
                fields.append(
                    (name, (element.get("type") or "text").lower(), element.get("value", ""))
                )
        found.append(Form(page_url, action, (node.get("method") or "get").lower(), fields, options))
    return found


def links_of(page_url: str, html: str, host: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    links = []
    for node in soup.find_all("a", href=True):
        url = urlsplit(urljoin(page_url, node["href"]))
        if url.netloc in ("", host) and url.scheme in ("", "http", "https"):
            links.append(url.path)
    return links


NUMERIC = {"number", "range"}
NOT_TEXT = {"hidden", "checkbox", "radio", "submit", "button", "file", "image", "reset"}


def hostile_form_data(form: Form, variant: int) -> dict[str, object]:
    """The form's fields with hostile values: variant 0 long strings, huge numbers and the first
    option; 1 RTL text, negative numbers, hidden fields out of range and the last option; 2 NUL
    in every text field. Files: a CSV with a 200,000-character field, then 100,000 nested
    arrays, then a name too long for any file system."""
    data: dict[str, object] = {}
    text = [LONG, RTL + " -1 ' \" <b>", "a\x00b"][variant]
    number = [HUGE, "-1", "abc"][variant]
    for name, kind, value in form.fields:
        if kind in ("submit", "button", "image", "reset"):
            continue
        if kind == "file":
            data[name] = hostile_file(variant)
        elif kind == "select":
            choices = form.options.get(name, [""])
            data[name] = choices[0] if variant == 0 else choices[-1]
        elif kind in ("checkbox", "radio"):
            data.setdefault(name, value or "on")
        elif kind == "hidden":
            if "csrf" in name:
                data[name] = value
            else:
                data[name] = [value, HUGE, "\x00"][variant]
        elif kind in NUMERIC:
            data[name] = number
        else:
            data[name] = text
    return data


def hostile_file(variant: int) -> SimpleUploadedFile:
    if variant == 0:
        body = b"key,name,kind\nx," + b"n" * 200_000 + b",dinas\n"
        return SimpleUploadedFile("panjang.csv", body, content_type="text/csv")
    if variant == 1:
        body = b"[" * 100_000 + b"]" * 100_000
        return SimpleUploadedFile("dalam.json", body, content_type="application/json")
    return SimpleUploadedFile(
        "n" * 300 + ".png", b"\x89PNG\r\n\x1a\n\x00", content_type="image/png"
    )


@dataclass
class Walk:
    """Requests sent and every answer of 500 or more, with what was sent."""

    client: Client
    host: str
    failures: list[str] = field(default_factory=list)
    sent: int = 0

    def send(self, method: str, path: str, **kwargs) -> object:
        """One request inside a savepoint that is always rolled back: a request that breaks the
        transaction (as production's autocommit would not notice) or deletes something does not
        affect the next one."""
        self.sent += 1
        savepoint = transaction.savepoint_create()
        try:
            response = getattr(self.client, method)(path, **kwargs)
        except Exception as exc:  # the test client re-raises what a view raised
            response = None
            self.failures.append(
                f"{method.upper()} {path[:120]!r} {_short(kwargs)}: {type(exc).__name__}: {exc}"
            )
        finally:
            transaction.savepoint_rollback(savepoint)
        if response is not None and response.status_code >= 500:
            detail = _short(kwargs)
            self.failures.append(
                f"{method.upper()} {path[:120]!r} {detail}: {response.status_code}"
            )
        return response


def _short(kwargs: dict) -> str:
    shown = {}
    for key, value in kwargs.items():
        text = repr(value)
        shown[key] = text[:80] + ("…" if len(text) > 80 else "")
    return json.dumps(shown, ensure_ascii=True) if shown else ""


def route_of(urlconf: str, path: str) -> str | None:
    """The route a path resolves to, so the crawl visits each pattern once."""
    try:
        match = get_resolver(urlconf).resolve(path)
    except Resolver404:
        return None
    return match.route


class LastResortLog(logging.Handler):
    """Collects what the input guard's last resort turned into a 400, to show causes to fix."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("input the server cannot hold"):
            self.records.append(record.getMessage())
