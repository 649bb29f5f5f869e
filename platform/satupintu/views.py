"""Small views of the platform itself. Schema: both."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.static import serve

from satupintu.db import connection

# What a file system can name (Linux: 255 bytes a component, 4096 a path); we never store more.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 1024


def _storable_name(path: str) -> bool:
    """Whether an upload could have this relative path; a longer one is simply not there."""
    encoded = path.encode("utf-8", "surrogatepass")
    return len(encoded) <= MAX_PATH_BYTES and all(
        len(part) <= MAX_NAME_BYTES for part in encoded.split(b"/")
    )


def media_serve(request: HttpRequest, schema: str, path: str) -> HttpResponseBase:
    """Serve an upload of the current regency only (local storage; production uses S3).

    The schema is part of every media URL; a URL naming another regency's schema is a 404 here,
    so one portal can never be used to read another's files.
    """
    # "private/" holds files with personal data (complaint attachments), served by their own views.
    if schema != connection.schema_name or not _storable_name(path) or path.startswith("private/"):
        raise Http404("Berkas tidak ditemukan.")
    root = Path(settings.MEDIA_ROOT) / schema
    try:
        return serve(request, path, document_root=str(root))
    except SuspiciousFileOperation:  # "../" out of this regency's folder: as unknown as any
        raise Http404("Berkas tidak ditemukan.") from None
