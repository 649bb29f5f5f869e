"""Uploads are stored per schema: `<MEDIA_ROOT>/<schema>/...` here, `<prefix>/<schema>/` on S3."""

import uuid
from pathlib import PurePosixPath

from django.utils.deconstruct import deconstructible
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


@deconstructible
class public_upload_path:
    """`upload_to` for files applicants upload at the platform host: a random name per file, so
    nothing in the path reveals or collides with another applicant's upload."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other) -> bool:
        return isinstance(other, public_upload_path) and other.folder == self.folder
