"""The version of a regency's cached citizen pages, and the mark that lets a view be cached.

Infrastructure both floors of a regency's schema use: tenant apps bump the version when they
write, the portal layer (cms) reads it to key its whole-page cache, and a view or page type is
cached only when it is marked `cacheable` (opt-in, docs/adr/0027): admin, accounts, live, kiosk
and personal pages are never cached because nobody marks them. Schema: tenant (the cache's key
function carries the schema name).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_tenants.utils import schema_context

from satupintu.db import connection

_CACHE_VERSION_KEY = "portal:content-version"
CACHEABLE_ATTRIBUTE = "portal_cacheable"


def portal_cache_version() -> int:
    """The current content version of this regency's cached pages (per schema by key function)."""
    version = cache.get(_CACHE_VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp())
        cache.add(_CACHE_VERSION_KEY, version, None)
    return int(version)


def portal_cache_bump() -> None:
    """Invalidate every cached page of this regency at once (catalogue or page changed).

    Bumped now and again once the surrounding transaction commits: a page rendered from the old
    rows in between would otherwise stay cached under the new version.
    """
    schema_name = connection.schema_name

    def bump_for_tenant() -> None:
        with schema_context(schema_name):
            try:
                cache.incr(_CACHE_VERSION_KEY)
            except ValueError:
                cache.set(_CACHE_VERSION_KEY, int(timezone.now().timestamp()), None)

    bump_for_tenant()
    transaction.on_commit(bump_for_tenant)


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
