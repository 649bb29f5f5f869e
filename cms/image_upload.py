"""Every image uploaded in a regency's admin is shrunk before it is stored. Schema: tenant.

Wagtail builds its single, multiple and chooser upload forms from `WAGTAILIMAGES_IMAGE_FORM_BASE`
(settings/_wagtail.py), which names `RegencyImageForm` below. Its `clean_file` replaces the upload
with `image_shrink(...)`: the camera's orientation applied, the longest side at most `MAX_SIDE`,
re-encoded without metadata (EXIF holds GPS positions and camera serials: personal data nobody
asked for), so a 5 MB phone photo of the building is stored as a few hundred KB. Photos become
JPEG; images with transparency and small graphics such as a logo stay PNG (whichever of PNG and
JPEG is smaller when neither applies); WebP stays WebP; animated GIFs are kept as uploaded.

Wagtail's multiple uploader has a second way in: when a field other than the file fails (a file
name longer than a title may be, say), it keeps the raw upload as a `wagtail.models.UploadedFile`
and later copies it into the image as it came. `pending_upload_shrink` (a pre_save receiver,
cms/apps.py) shrinks that file too, before it is first written.

The file is still saved by Wagtail through the default storage, so it lands under the regency's
own media folder (`<MEDIA_ROOT>/<schema>/original_images/`) as before.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from wagtail.images.forms import BaseImageForm

from cms.wagtail_input import UNREADABLE_IMAGE

MAX_SIDE = 2400
JPEG_QUALITY = 82
WEBP_QUALITY = 82
# A PNG without transparency is kept as PNG unless the JPEG is at most this share of its size:
# graphics (logos, diagrams, screenshots) compress well as PNG and blur as JPEG; photos do not.
PNG_TO_JPEG_RATIO = 0.5

UNREADABLE = UNREADABLE_IMAGE  # "Berkas ini bukan gambar yang dapat dibaca; unggah PNG, …"

SHRUNK_HELP = _(
    "Foto diperkecil saat diunggah (sisi terpanjang paling besar 2400 px) dan data kamera, "
    "termasuk lokasi GPS, dihapus."
)

_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


@dataclass(frozen=True)
class Shrunk:
    name: str
    content: bytes
    format: str  # "JPEG", "PNG", "WEBP", or "GIF" (an animated GIF, kept as uploaded)


def _has_alpha(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        alpha = cast(tuple[int, int], image.getchannel("A").getextrema())
        return alpha[0] < 255  # some pixel is not fully opaque
    return image.mode == "P" and "transparency" in image.info


def _encode(image: Image.Image, fmt: str, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **extra)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True, **extra)
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4, **extra)
    return out.getvalue()


def image_shrink(*, content: bytes, name: str) -> Shrunk:
    """The upload `content` (named `name`) oriented, at most `MAX_SIDE` px on its longest side and
    re-encoded without EXIF, XMP or comments. Raises `ValidationError` (Indonesian) when Pillow
    cannot decode the whole image."""
    try:
        image: Image.Image = Image.open(io.BytesIO(content))
        source_format = image.format
        if source_format == "GIF" and getattr(image, "n_frames", 1) > 1:
            image.load()
            return Shrunk(name=name, content=content, format="GIF")
        if source_format == "JPEG":
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at 1/2, 1/4 … scale when it can
        image.load()
        icc = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        raise ValidationError(UNREADABLE, code="invalid_image") from exc

    if max(image.size) > MAX_SIDE:
        if image.mode == "P":
            image = image.convert("RGBA")
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)

    if source_format == "JPEG":
        fmt, data = "JPEG", _encode(image, "JPEG", icc)
    elif source_format == "WEBP":
        fmt, data = "WEBP", _encode(image, "WEBP", icc)
    elif _has_alpha(image):
        fmt, data = "PNG", _encode(image, "PNG", icc)
    else:  # PNG or a still GIF without transparency: a graphic stays PNG, a photo becomes JPEG
        png = _encode(image, "PNG", icc)
        jpeg = _encode(image, "JPEG", icc)
        fmt, data = ("JPEG", jpeg) if len(jpeg) <= PNG_TO_JPEG_RATIO * len(png) else ("PNG", png)

    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    keep = suffix in (".jpg", ".jpeg") if fmt == "JPEG" else suffix == _SUFFIXES[fmt]
    return Shrunk(name=name if keep else path.stem + _SUFFIXES[fmt], content=data, format=fmt)


class RegencyImageForm(BaseImageForm):
    """Wagtail's image form, storing the shrunk image instead of the upload as it came."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # the multiple uploader's edit form has none
            field = self.fields["file"]
            field.help_text = format_lazy("{} {}", field.help_text, SHRUNK_HELP)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):  # editing without a new file: the stored one
            return upload
        upload.seek(0)
        shrunk = image_shrink(content=upload.read(), name=upload.name)
        if shrunk.format == "GIF":
            upload.seek(0)
            return upload
        return SimpleUploadedFile(shrunk.name, shrunk.content, _CONTENT_TYPES[shrunk.format])


def pending_upload_shrink(sender, instance, **kwargs) -> None:
    """Shrink a multiple upload that Wagtail keeps aside until its other fields are filled in.
    Runs before the file is first written (an uncommitted file); the upload form already found
    the file readable, so an unreadable one here is left to Wagtail's own checks."""
    from wagtail.images import get_image_model

    upload = instance.file
    if not upload or getattr(upload, "_committed", True) or instance.for_content_type_id is None:
        return
    if instance.for_content_type.model_class() is not get_image_model():
        return
    upload.seek(0)
    try:
        shrunk = image_shrink(content=upload.read(), name=os.path.basename(upload.name))
    except ValidationError:
        upload.seek(0)
        return
    if shrunk.format == "GIF":
        upload.seek(0)
        return
    instance.file = ContentFile(shrunk.content, name=shrunk.name)
