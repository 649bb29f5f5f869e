"""Uploads are stored per schema: `<MEDIA_ROOT>/<schema>/...` here, `<prefix>/<schema>/` on S3."""

from django_tenants.files.storage import TenantFileSystemStorage

from satupintu.db import connection


class RegencyFileSystemStorage(TenantFileSystemStorage):
    """django-tenants' per-schema file storage (kept as our own name so settings never change)."""


def current_schema_prefix() -> str:
    return connection.schema_name
