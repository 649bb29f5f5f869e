"""Readers for uploaded documents (CSV and JSON) and outside events that refuse what the database
or the parser cannot hold, with a message fit to show the uploader. Schema: both.

`json_document` and `csv_text_check` are what every upload of a catalogue, a template or a
region list goes through; `stripe_envelope` checks a signed Stripe event's shape before any of
it reaches the database. The request-level guard (`satupintu.input_guard`) cannot see inside a
file; these can.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from satupintu.input_guard import unholdable

MAX_DEPTH = 32  # the catalogue format nests five deep; a template a little more
MAX_CSV_FIELD_CHARS = 20_000  # a whole procedure in one cell is far below this
MAX_STRING_CHARS = 100_000


class UnsafeInput(ValueError):
    """A document that cannot be held; the message is for the person who sent it."""


def _string_problem(value: str) -> str | None:
    problem = unholdable(value, limit=MAX_STRING_CHARS)
    if problem == "NUL character":
        return _("memuat karakter NUL (\\u0000), yang tidak dapat disimpan")
    if problem == "unpaired surrogate":
        return _("memuat karakter Unicode yang tidak lengkap (surrogate tanpa pasangan)")
    if problem == "too long":
        return _("memuat teks lebih dari %(n)d karakter") % {"n": MAX_STRING_CHARS}
    return None


def document_check(document: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Walk a parsed JSON value without recursion; raise UnsafeInput at the first thing the
    database cannot hold (NUL, lone surrogates, giant strings) or past `max_depth`."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            raise UnsafeInput(
                _("Dokumen bersarang terlalu dalam (lebih dari %(n)d tingkat).") % {"n": max_depth}
            )
        if isinstance(value, str):
            problem = _string_problem(value)
            if problem:
                raise UnsafeInput(_("Dokumen %(problem)s.") % {"problem": problem})
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, depth + 1))
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**63 - 1:
            raise UnsafeInput(_("Dokumen memuat angka di luar batas."))


def _nesting_depth(text: str) -> int:
    """The deepest bracket nesting of a JSON text, counted outside strings; cheap and iterative,
    so that a document of 100,000 nested arrays never reaches the recursive parser."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def json_document(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON text that must be storable. Raises json.JSONDecodeError for bad syntax (its
    line and column help the uploader) and UnsafeInput for what cannot be held."""
    if _nesting_depth(text) > max_depth:
        raise UnsafeInput(
            _("Dokumen bersarang terlalu dalam (lebih dari %(n)d tingkat).") % {"n": max_depth}
        )
    document = json.loads(text)
    document_check(document, max_depth=max_depth)
    return document


def csv_text_check(text: str, *, max_field: int = MAX_CSV_FIELD_CHARS) -> None:
    """Refuse CSV text with NUL characters, or a line longer than any field may be (the csv
    module's own limit, 131,072, raises otherwise; ours is lower and says so in Indonesian)."""
    if "\x00" in text:
        raise UnsafeInput(_("Berkas memuat karakter NUL, yang tidak dapat disimpan."))
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > max_field:
            raise UnsafeInput(
                _("Baris %(line)d lebih dari %(n)d karakter; periksa isi berkas.")
                % {"line": number, "n": max_field}
            )


# Stripe's `created` is a Unix time; anything past year 3000 is not a real event.
MAX_UNIX_TIME = 32_503_680_000


def stripe_envelope(payload: bytes) -> tuple[dict[str, Any], str, str, int, dict[str, Any]]:
    """A signed Stripe event's (event, id, type, created, data.object), or UnsafeInput when the
    body is not the object Stripe sends (an array, null, ids too long, a time out of range)."""
    try:
        event = json_document(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UnsafeInput("not a JSON document that can be stored") from exc
    if not isinstance(event, dict):
        raise UnsafeInput("the event is not a JSON object")
    event_id, event_type, created = event.get("id"), event.get("type"), event.get("created")
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(event_id, str) or not 0 < len(event_id) <= 80:
        raise UnsafeInput("id is not a string of 1 to 80 characters")
    if not isinstance(event_type, str) or not 0 < len(event_type) <= 80:
        raise UnsafeInput("type is not a string of 1 to 80 characters")
    if not isinstance(created, int) or isinstance(created, bool):
        raise UnsafeInput("created is not a Unix time")
    if not 0 <= created <= MAX_UNIX_TIME:
        raise UnsafeInput("created is not a Unix time")
    if not isinstance(obj, dict):
        raise UnsafeInput("data.object is not an object")
    return event, event_id, event_type, created, obj
