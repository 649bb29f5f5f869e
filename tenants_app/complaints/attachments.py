"""Attachments: the type decided by the file's first bytes, sizes limited, images re-encoded so
that no metadata (GPS position, camera, owner) survives. Schema: tenant.
"""

from __future__ import annotations

import io
import secrets

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from satupintu.errors import DomainError

MAX_FILES = 3
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


class AttachmentRefused(DomainError):
    code = "complaint_attachment_refused"


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the first bytes, or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    return None


def _clean_image(data: bytes, kind: str) -> bytes:
    """The picture alone: decoded and encoded again without EXIF, XMP or ICC text."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise AttachmentRefused(_("Gambar terlalu besar (piksel)."))
            image = ImageOps.exif_transpose(opened)  # keep the orientation the EXIF told
            out = io.BytesIO()
            if kind == "jpg":
                image.convert("RGB").save(out, "JPEG", quality=88)
            elif kind == "png":
                image.save(out, "PNG")
            else:
                image.save(out, "WEBP", quality=88)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise AttachmentRefused(_("Gambar rusak atau tidak dapat dibaca.")) from exc


def attachment_prepare(upload) -> tuple[ContentFile, str, str, str]:
    """(clean file, content type, extension, original name) of one upload, or AttachmentRefused."""
    if upload.size > MAX_BYTES:
        raise AttachmentRefused(_("Lampiran paling besar 5 MB per berkas."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise AttachmentRefused(_("Lampiran paling besar 5 MB per berkas."))
    found = sniff(data[:16])
    if found is None:
        raise AttachmentRefused(_("Lampiran harus berupa gambar (JPG, PNG, WebP) atau PDF."))
    content_type, extension = found
    if extension != "pdf":
        data = _clean_image(data, extension)
    name = (getattr(upload, "name", "") or "")[:120]
    return (
        ContentFile(data, name=f"{secrets.token_hex(8)}.{extension}"),
        content_type,
        extension,
        name,
    )
