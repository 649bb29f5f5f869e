"""Uploads are stored per schema: `<MEDIA_ROOT>/<schema>/...` locally, `<prefix>/<schema>/...` on S3."""

from django.db import connection
from django_tenants.files.storage import TenantFileSystemStorage


class RegencyFileSystemStorage(TenantFileSystemStorage):
    """django-tenants' per-schema file storage (kept as our own name so settings never change)."""


def current_schema_prefix() -> str:
    return connection.schema_name
