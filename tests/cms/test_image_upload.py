"""Issue 16: an image uploaded in a regency's admin is stored shrunk (at most 2400 px, re-encoded,
no EXIF, orientation applied), keeps its transparency when it has some, lands in the regency's
own media folder, and a file that is not an image is refused in Indonesian, never with a 500."""

import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.image_upload import MAX_SIDE
from tests.conftest import in_schema, staff_client

EXIF_GPS = 0x8825
EXIF_ORIENTATION = 0x0112


def _noisy_photo(width: int, height: int) -> PILImage.Image:
    """A photo-like image: smooth random colour, which compresses about as a camera's picture does
    (a 5000 x 3000 one is some 3 MB at quality 92, under the 5 MB upload limit)."""
    small = (width // 16, height // 16)
    noise = PILImage.frombytes("RGB", small, os.urandom(small[0] * small[1] * 3))
    return noise.resize((width, height), PILImage.Resampling.BICUBIC)


def _camera_jpeg(width=5000, height=3000, *, orientation: int = 1) -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    exif[EXIF_ORIENTATION] = orientation
    exif[EXIF_GPS] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 12.0)}
    out = io.BytesIO()
    _noisy_photo(width, height).save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def _stored(regency, title: str):
    with in_schema(regency):
        image = get_image_model().objects.get(title=title)
        path = Path(image.file.path)
        with PILImage.open(path) as stored:
            stored.load()
            return image, path, stored


@pytest.fixture
def admin(alpha):
    return staff_client(alpha, "admin.foto@alpha.test", group="Admin MPP")


def _add(admin, name: str, content: bytes, title: str):
    return admin.post(
        "/admin/images/add/",
        {
            "title": title,
            "description": "Gedung MPP dari depan",
            "file": SimpleUploadedFile(name, content, "image/jpeg"),
        },
    )


def test_a_large_camera_photo_is_stored_at_most_2400_px_without_exif_in_the_regencys_folder(
    alpha, admin
):
    upload = _camera_jpeg()
    assert PILImage.open(io.BytesIO(upload)).getexif()[EXIF_GPS]  # the fixture has GPS

    response = _add(admin, "gedung.jpg", upload, "Gedung MPP")

    assert response.status_code == 302, response.content.decode()[:3000]
    image, path, stored = _stored(alpha, "Gedung MPP")
    assert stored.format == "JPEG"
    assert stored.size == (MAX_SIDE, 1440)
    assert (image.width, image.height) == stored.size
    assert len(stored.getexif()) == 0
    assert "exif" not in stored.info
    assert path.stat().st_size == image.file_size
    assert image.file_size < len(upload) / 3
    assert path.is_relative_to(Path(settings.MEDIA_ROOT) / alpha.schema_name / "original_images")


def test_the_cameras_orientation_is_applied_before_exif_is_dropped(alpha, admin):
    # Orientation 6: the camera held upright, the pixels stored lying on their side.
    response = _add(admin, "tegak.jpg", _camera_jpeg(3000, 2000, orientation=6), "Tegak")

    assert response.status_code == 302
    image, _, stored = _stored(alpha, "Tegak")
    assert stored.size == (1600, MAX_SIDE)
    assert len(stored.getexif()) == 0
    edit = admin.get(f"/admin/images/{image.pk}/").content.decode()
    assert "Titik fokus" in edit
    assert "drag a box" not in edit


def test_a_png_logo_with_transparency_stays_a_png_with_its_alpha(alpha, admin):
    logo = PILImage.new("RGBA", (600, 200), (0, 0, 0, 0))
    logo.paste((20, 90, 160, 255), (50, 50, 550, 150))
    out = io.BytesIO()
    logo.save(out, "PNG")

    response = admin.post(
        "/admin/images/add/",
        {"title": "Logo", "file": SimpleUploadedFile("logo.png", out.getvalue(), "image/png")},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    _, path, stored = _stored(alpha, "Logo")
    assert stored.format == "PNG"
    assert path.suffix == ".png"
    assert stored.mode == "RGBA"
    assert stored.getpixel((5, 5))[3] == 0
    assert stored.getpixel((300, 100)) == (20, 90, 160, 255)


def test_the_multiple_uploader_shrinks_too(alpha, admin):
    response = admin.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("banyak.jpg", _camera_jpeg(4000, 4000), "image/jpeg")},
    )

    assert response.status_code == 200
    assert json.loads(response.content)["success"] is True
    _, _, stored = _stored(alpha, "banyak.jpg")
    assert stored.size == (MAX_SIDE, MAX_SIDE)
    assert len(stored.getexif()) == 0


def test_the_multiple_uploaders_set_aside_upload_is_shrunk_too(alpha, admin):
    """A collection removed while the uploader was open fails the collection, not the file:
    Wagtail keeps the upload aside as an UploadedFile and copies it into the image once the
    admin has filled the form in again."""
    with in_schema(alpha):
        from wagtail.models import Collection

        kept = Collection.get_first_root_node().add_child(name="Gedung")  # two: it asks which
        gone = Collection.get_first_root_node().add_child(name="Dihapus")
        gone_id = gone.pk
        gone.delete()

    response = admin.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("gedung.jpg", _camera_jpeg(4000, 3000), "image/jpeg"),
            "collection": str(gone_id),
        },
    )

    body = json.loads(response.content)
    assert body["success"] is True
    upload_id = body["uploaded_file_id"]  # set aside, not yet an image
    with in_schema(alpha):
        from wagtail.models import UploadedFile

        with PILImage.open(UploadedFile.objects.get(pk=upload_id).file.path) as pending:
            assert max(pending.size) == MAX_SIDE
            assert len(pending.getexif()) == 0
        url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=(upload_id,))
    prefix = f"uploaded-image-{upload_id}"

    response = admin.post(
        url, {f"{prefix}-title": "Gedung MPP", f"{prefix}-collection": str(kept.pk)}
    )

    assert json.loads(response.content)["success"] is True
    _, _, stored = _stored(alpha, "Gedung MPP")
    assert stored.size == (MAX_SIDE, MAX_SIDE * 3 // 4)
    assert len(stored.getexif()) == 0


def test_the_choosers_upload_shrinks_too(alpha, admin):
    with in_schema(alpha):
        url = reverse("wagtailimages_chooser:create")

    response = admin.post(
        url,
        {
            "image-chooser-upload-title": "Dari pemilih",
            "image-chooser-upload-description": "Loket",
            "image-chooser-upload-file": SimpleUploadedFile(
                "pemilih.jpg", _camera_jpeg(3600, 1200), "image/jpeg"
            ),
        },
    )

    assert response.status_code == 200
    _, _, stored = _stored(alpha, "Dari pemilih")
    assert stored.size == (MAX_SIDE, 800)
    assert len(stored.getexif()) == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.jpg", b"ini bukan foto, hanya teks biasa\n" * 20, "Unggah gambar yang valid"),
        (  # a JPEG cut short: its header reads, its picture does not
            "rusak.jpg",
            _camera_jpeg(800, 600)[:40_000],
            "Berkas ini bukan gambar yang dapat dibaca",
        ),
    ],
)
def test_a_file_that_is_not_a_readable_image_is_refused_in_indonesian(
    alpha, admin, name, content, message
):
    response = _add(admin, name, content, "Bukan foto")

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Upload a valid image" not in page
    with in_schema(alpha):
        assert not get_image_model().objects.filter(title="Bukan foto").exists()


def test_a_png_named_jpg_is_refused_in_indonesian(alpha, admin):
    out = io.BytesIO()
    PILImage.new("RGB", (40, 40), "red").save(out, "PNG")

    response = _add(admin, "foto.jpg", out.getvalue(), "Salah nama")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bukan gambar .jpeg yang sah: isi berkasnya berformat png" in page
    assert "Not a valid" not in page


def test_the_upload_screen_says_the_photo_is_shrunk_and_its_gps_removed(admin):
    page = admin.get("/admin/images/add/").content.decode()

    assert "Foto diperkecil saat diunggah (sisi terpanjang paling besar 2400 px)" in page
    assert "Multi-word tags" not in page


def test_the_wizards_logo_is_stored_shrunk_too(alpha):
    """The applicant's logo from the onboarding wizard reaches the portal through
    cms.actions.portal_branding_set, not an admin form: it is shrunk and stripped the same way."""
    from django.core.files.base import ContentFile

    from cms.actions import portal_branding_set

    with in_schema(alpha):
        branding = portal_branding_set(
            regency_name="Kabupaten Ogan Komering Ulu Timur",
            brand_name="MPP Alpha",
            primary_color="#0b5394",
            accent_color="#8a4b00",
            logo=ContentFile(_camera_jpeg(3600, 3600), name="logo.jpg"),
        )
        title = branding.logo.title
    image, _path, stored = _stored(alpha, title)
    assert max(stored.size) == MAX_SIDE
    assert EXIF_GPS not in stored.getexif()
    assert image.width == MAX_SIDE
