"""Uploads are stored per schema: `<MEDIA_ROOT>/<schema>/...` here, `<prefix>/<schema>/` on S3."""

from django_tenants.files.storage import TenantFileSystemStorage
from storages.backends.s3 import S3Storage

from satupintu.db import connection


class RegencyFileSystemStorage(TenantFileSystemStorage):
    """django-tenants' per-schema file storage (kept as our own name so settings never change)."""


class RegencyS3Storage(S3Storage):
    """S3-compatible object storage whose key prefix ends in the current schema's name."""

    def __init__(self, **settings):
        self._prefix = ""
        super().__init__(**settings)

    @property  # type: ignore[override]
    def location(self) -> str:
        return "/".join(part for part in (self._prefix.strip("/"), connection.schema_name) if part)

    @location.setter
    def location(self, value: str) -> None:
        self._prefix = value or ""
