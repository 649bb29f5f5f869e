"""django-tenants' backend, with Django's content-type cache kept per schema instead of cleared.

django-tenants clears `ContentType.objects`' process-wide cache on every `set_tenant`, i.e. on
every request, because content-type ids differ between schemas (public's are not a regency's;
a regency cloned from another base could differ too). So every request re-read the same rows.
Here the cache is split by schema (`SchemaContentTypeCache`): an id cached while serving one
schema is never answered in another, so clearing on a schema switch is no longer needed and is
skipped. An explicit `ContentType.objects.clear_cache()` (migrations, test flushes) still clears
every schema's entries. Schema: both (the cache is keyed by the connection's schema).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django_tenants.postgresql_backend import base

from satupintu.conn_recycle import schema_queried_note

_switching = threading.local()


class SchemaContentTypeCache:
    """Stands for ContentTypeManager's `{alias: {key: ContentType}}`, one per (schema, alias)."""

    def __init__(self) -> None:
        self._by_schema: dict[tuple[str, str], dict[Any, Any]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(alias: str) -> tuple[str, str]:
        return (getattr(connections[alias], "schema_name", None) or "", alias)

    def __getitem__(self, alias: str) -> dict[Any, Any]:
        return self._by_schema[self._key(alias)]

    def setdefault(self, alias: str, default: dict[Any, Any]) -> dict[Any, Any]:
        with self._lock:
            return self._by_schema.setdefault(self._key(alias), default)

    def clear(self) -> None:
        if getattr(_switching, "active", False):
            return  # a schema switch: entries are per schema already
        with self._lock:
            self._by_schema.clear()


def content_type_cache_install() -> None:
    manager: Any = ContentType.objects
    if not isinstance(manager._cache, SchemaContentTypeCache):
        manager._cache = SchemaContentTypeCache()


@contextlib.contextmanager
def _schema_switch() -> Iterator[None]:
    _switching.active = True
    try:
        yield
    finally:
        _switching.active = False


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        content_type_cache_install()
        super().__init__(*args, **kwargs)

    def set_tenant(self, tenant: Any, include_public: bool = True) -> None:
        with _schema_switch():
            super().set_tenant(tenant, include_public)

    def _cursor(self, name: str | None = None) -> Any:
        cursor = super()._cursor(name=name)
        schema_queried_note(self)  # the session's schema count (satupintu.conn_recycle)
        return cursor
