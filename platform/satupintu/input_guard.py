"""The one place that turns input the database or a parser cannot hold into a clear 400 (or 413),
never a 500. Schema: both (it runs before a host is routed to a schema).

PostgreSQL cannot store a NUL character in text or JSON, Python cannot encode a lone surrogate
to UTF-8, a file system refuses a name longer than 255 bytes, and a parser given a deep enough
document runs out of stack. None of that is a server error: it is a request nobody can answer.

`InputGuardMiddleware` looks at what every request brings before any view does: the path and
the form fields (NUL, lone surrogates, over-long values: 400), the declared size of the body
(413), the query string (a read, such as a search: what cannot be held is dropped and long values
cut, so the page answers normally) and the cookies (one we cannot read is dropped, so a browser
holding one is not locked out). What still gets through (a value inside an uploaded file, a
number too large for its column) is caught when it surfaces: `input_error_response` turns the
exception classes listed in `INPUT_ERRORS` into the same 400, for views (`process_exception`)
and for everything else (the 500 handler asks it first). ADR 0018 says why it is one place.
"""

from __future__ import annotations

import csv
import errno
import logging
import sys

from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, RawPostDataException
from django.http.multipartparser import MultiPartParserError

from satupintu.error_pages import notice_page

logger = logging.getLogger(__name__)

MAX_PATH_CHARS = 2_000
MAX_QUERY_VALUE_CHARS = 2_000
MAX_FIELD_NAME_CHARS = 200
# A form field (a long description, a whole procedure) is never near this; files are not fields.
MAX_FIELD_CHARS = 100_000
MAX_COOKIE_CHARS = 4_096
# The largest body any form accepts (the 5 MB catalogue and logo uploads) with room for the rest.
MAX_REQUEST_BYTES = 12 * 1024 * 1024

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def unholdable(value: str, *, limit: int) -> str | None:
    """Why the database or the encoder cannot hold `value`, or None when it can; safe_input turns
    the same reasons into messages for the person who sent a document."""
    if "\x00" in value:
        return "NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "unpaired surrogate"
    if len(value) > limit:
        return "too long"
    return None


def _first_problem(pairs, *, limit: int) -> str | None:
    for key, values in pairs:
        problem = unholdable(key, limit=MAX_FIELD_NAME_CHARS)
        if problem:
            return f"field name: {problem}"
        for value in values:
            if isinstance(value, str):
                problem = unholdable(value, limit=limit)
                if problem:
                    return f"field {key[:40]!r}: {problem}"
    return None


def _clean(value: str) -> str:
    value = value.replace("\x00", "")[:MAX_QUERY_VALUE_CHARS]
    return value.encode("utf-8", "ignore").decode("utf-8")


def _cleaned_query(query: QueryDict) -> QueryDict:
    """A query string is a read (a search, a page number): rather than refuse it, drop what
    cannot be held and cut over-long values, so the page answers as for any odd search."""
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(_clean(key)[:MAX_FIELD_NAME_CHARS], [_clean(v) for v in values])
    cleaned._mutable = False
    return cleaned


def bad_request(request: HttpRequest, *, status: int = 400, reason: str = "") -> HttpResponse:
    """The branded answer to input we cannot hold (Indonesian; English under /en/)."""
    if reason:
        logger.warning(
            "refused input (%s) on %s %s", reason, request.method, request.path[:200].encode()
        )
    name = "too_large" if status == 413 else "bad_input"
    template = f"satupintu/errors/{name}.html"
    return notice_page(request, template, status=status)


class InputGuardMiddleware:
    """Refuses a request whose path or form fields cannot be held (400), or whose body is larger
    than any form takes (413); cleans the query string; drops cookies that cannot be read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = unholdable(request.path, limit=MAX_PATH_CHARS)
        if problem:
            return bad_request(request, reason=f"path: {problem}")
        if _first_problem(request.GET.lists(), limit=MAX_QUERY_VALUE_CHARS):
            request.GET = _cleaned_query(request.GET)  # type: ignore[assignment]
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_REQUEST_BYTES:
            return bad_request(request, status=413, reason=f"body of {length} bytes")
        for name, value in list(request.COOKIES.items()):
            if unholdable(name, limit=MAX_FIELD_NAME_CHARS) or unholdable(
                value, limit=MAX_COOKIE_CHARS
            ):
                del request.COOKIES[name]
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        for value in view_kwargs.values():
            if isinstance(value, str) and unholdable(value, limit=MAX_PATH_CHARS):
                return bad_request(request, reason="path argument")
        content_type = request.content_type or ""
        if request.method in ("GET", "HEAD", "OPTIONS") or content_type not in _FORM_TYPES:
            return None
        if content_type == "multipart/form-data" and getattr(view_func, "csrf_exempt", False):
            return None  # such views (webhooks) read the raw body, which parsing would consume
        try:
            problem = _first_problem(request.POST.lists(), limit=MAX_FIELD_CHARS)
        except (MultiPartParserError, RequestDataTooBig, UnicodeError) as exc:
            return bad_request(request, reason=f"unreadable body: {exc}")
        if problem:
            return bad_request(request, reason=f"form {problem}")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception):
        if _is_bad_lookup(exception):
            # An id in the URL that is not even a number names nothing: not found.
            from satupintu.error_pages import page_not_found

            return page_not_found(request, Http404())
        return input_error_response(request, exception)


def _is_bad_lookup(exc: BaseException) -> bool:
    """Django's refusal to look a non-number up in an id column ("Field 'id' expected a number
    but got 'abc'."), raised from views that pass a path segment straight to the ORM."""
    return isinstance(exc, (ValueError, TypeError)) and "expected a number but got" in str(exc)


def _is_input_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENAMETOOLONG, errno.EILSEQ)
    if isinstance(exc, ValueError) and "NUL" in str(exc):  # psycopg's "cannot contain NUL"
        return True
    return isinstance(exc, INPUT_ERRORS)


INPUT_ERRORS: tuple[type[BaseException], ...] = (
    DataError,  # NUL in JSON, a value too long for its column, a number out of range
    RecursionError,  # a document nested deeper than a parser's stack
    OverflowError,
    csv.Error,  # a field over the csv module's limit, a NUL in a CSV line
    UnicodeError,  # a lone surrogate on its way to UTF-8
    RawPostDataException,  # a body read twice (a multipart post to a raw-body view)
    MultiPartParserError,
)


def input_error_response(request: HttpRequest, exception: BaseException) -> HttpResponse | None:
    """A 400 for an exception caused by input we cannot hold; None for a real server error."""
    if not _is_input_error(exception):
        return None
    logger.warning(
        "input the server cannot hold reached %s %s: %s: %s",
        request.method,
        request.path[:200].encode(),
        type(exception).__name__,
        str(exception)[:200],
        exc_info=exception,
    )
    return bad_request(request)


def input_error_response_for_current_exception(request: HttpRequest) -> HttpResponse | None:
    """For the 500 handler: the exception being handled, if it was input we cannot hold."""
    exception = sys.exc_info()[1]
    return None if exception is None else input_error_response(request, exception)
