"""The version of a regency's cached citizen pages, and the mark that lets a view be cached.

Infrastructure both floors of a regency's schema use: tenant apps bump the version when they
write, the portal layer (cms) reads it to key its whole-page cache, and a view or page type is
cached only when it is marked `cacheable` (opt-in, docs/adr/0027): admin, accounts, live, kiosk
and personal pages are never cached because nobody marks them. Schema: tenant (the cache's key
function carries the schema name).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import pickle
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django_tenants.utils import schema_context

from satupintu.db import connection

_CACHE_VERSION_KEY = "portal:content-version"
CACHEABLE_ATTRIBUTE = "portal_cacheable"


# The versions read during one citizen GET, by schema: one cache round trip per request, not one
# per fragment (issue #15). Set only inside `portal_version_scope`; a bump forgets its schema.
_request_versions: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "portal_request_versions", default=None
)


def portal_cache_version() -> int:
    """The current content version of this regency's cached pages (per schema by key function)."""
    memo = _request_versions.get()
    schema_name = connection.schema_name
    if memo is not None and schema_name in memo:
        return memo[schema_name]
    version = cache.get(_CACHE_VERSION_KEY)
    if version is None:
        version = _fresh_version()
        cache.add(_CACHE_VERSION_KEY, version, None)
    if memo is not None:
        memo[schema_name] = int(version)
    return int(version)


def _fresh_version() -> int:
    """A new version when the shared cache has none (first use, or it was flushed): random, so
    it never repeats an earlier one whose fragments a process may still keep locally."""
    return secrets.randbits(52)


@contextlib.contextmanager
def portal_version_scope() -> Iterator[None]:
    """Within a read-only request: the content version is read from the cache once per schema.
    Within an open scope (an earlier middleware's), the same one serves."""
    if _request_versions.get() is not None:
        yield
        return
    token = _request_versions.set({})
    try:
        yield
    finally:
        _request_versions.reset(token)


class LocalFragments:
    """This process's copy of recently used fragments, in front of the shared cache.

    Entries are immutable: every key carries the content version, so a bump makes new keys and
    the old ones merely age out of this LRU. Values are kept pickled, so each reader gets its own
    objects (as from the shared cache) and no thread sees another's changes.

    Bounded by size as well as by count: a portal's home page alone is 8-9 fragments, so 500
    regencies in turn cycled through the former 2,000 entries and every lookup missed (issue #15);
    what a process may hold is a number of bytes, whatever the number of regencies."""

    def __init__(self, max_entries: int, max_bytes: int | None = None) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0  # bytes held: values and keys
        self._entries: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _weight(key: tuple[str, str], data: bytes) -> int:
        return len(data) + len(key[0]) + len(key[1])

    def get(self, key: tuple[str, str]) -> bytes | None:
        with self._lock:
            data = self._entries.get(key)
            if data is not None:
                self._entries.move_to_end(key)
            return data

    def put(self, key: tuple[str, str], data: bytes) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= self._weight(key, old)
            self._entries[key] = data
            self.size += self._weight(key, data)
            while len(self._entries) > self.max_entries or (
                self.max_bytes is not None and self.size > self.max_bytes and self._entries
            ):
                gone, gone_data = self._entries.popitem(last=False)
                self.size -= self._weight(gone, gone_data)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._entries)


# Every regency's home page and its commonest pages (measured: a home 5-30 KB in 8-9 entries).
_local_fragments = LocalFragments(max_entries=100_000, max_bytes=48 * 1024 * 1024)


def fragment_get(key: str) -> Any:
    """A fragment cached by `fragment_set`, or None. `key` must carry `portal_cache_version()`:
    this process keeps a copy (keyed also by the schema) that nothing else invalidates."""
    local_key = (connection.schema_name, key)
    data = _local_fragments.get(local_key)
    if data is not None:
        return pickle.loads(data)  # noqa: S301 (our own bytes, never from outside)
    value = cache.get(key)
    if value is not None:
        _local_fragments.put(local_key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


def fragment_set(key: str, value: Any, timeout: int) -> None:
    """Keep a fragment under `key` (which carries the content version) here and shared."""
    cache.set(key, value, timeout)
    _local_fragments.put(
        (connection.schema_name, key), pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    )


def fragment_local_forget() -> None:
    """Forget this process's copies (tests that clear the shared cache)."""
    _local_fragments.clear()


def portal_cache_bump() -> None:
    """Invalidate every cached page of this regency at once (catalogue or page changed).

    Bumped now and again once the surrounding transaction commits: a page rendered from the old
    rows in between would otherwise stay cached under the new version.
    """
    schema_name = connection.schema_name
    memo = _request_versions.get()
    if memo is not None:
        memo.pop(schema_name, None)

    def bump_for_tenant() -> None:
        with schema_context(schema_name):
            try:
                cache.incr(_CACHE_VERSION_KEY)
            except ValueError:
                cache.set(_CACHE_VERSION_KEY, _fresh_version(), None)

    bump_for_tenant()
    transaction.on_commit(bump_for_tenant)


# The instants at which the page being rendered changes by the clock alone ("open now" ends, an
# office opens). Set only while the page cache renders a page it may keep (`page_freshness_scope`);
# a list, not a value, so a view running in another thread (ASGI) appends to the same one.
_fresh_until: contextvars.ContextVar[list[datetime] | None] = contextvars.ContextVar(
    "portal_fresh_until", default=None
)


def page_fresh_until(when: datetime) -> None:
    """What is being rendered changes by the clock alone at `when`: a kept copy of the page must
    not outlive it (the content version covers every other change). Outside a page the cache may
    keep, nothing happens."""
    changes = _fresh_until.get()
    if changes is not None:
        changes.append(when)


@contextlib.contextmanager
def page_freshness_scope() -> Iterator[list[datetime]]:
    """Collects `page_fresh_until` calls made while a page renders."""
    changes: list[datetime] = []
    token = _fresh_until.set(changes)
    try:
        yield changes
    finally:
        _fresh_until.reset(token)


def cacheable[T](target: T) -> T:
    """Mark a view function, a class-based view or a Wagtail page type as cacheable whole for
    anonymous visitors. Anything not marked is never cached by the portal's page cache."""
    if isinstance(target, type):
        setattr(target, CACHEABLE_ATTRIBUTE, True)
        return target
    view: Callable[..., Any] = target  # type: ignore[assignment]

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return view(*args, **kwargs)

    setattr(wrapped, CACHEABLE_ATTRIBUTE, True)
    return wrapped  # type: ignore[return-value]


def request_mark_cacheable(request: HttpRequest) -> None:
    """The view or page answering `request` is marked: the page cache may keep its response."""
    setattr(request, CACHEABLE_ATTRIBUTE, True)


def request_is_cacheable(request: HttpRequest) -> bool:
    return bool(getattr(request, CACHEABLE_ATTRIBUTE, False))


def is_cacheable(target: object) -> bool:
    """Whether a view (function, `as_view()` result) or a page instance was marked `cacheable`."""
    if getattr(target, CACHEABLE_ATTRIBUTE, False):
        return True
    view_class = getattr(target, "view_class", None)
    return bool(view_class is not None and getattr(view_class, CACHEABLE_ATTRIBUTE, False))
