"""The citizen's side: file, track, reply, reopen, rate, own copy; plan gating and isolation."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints.models import Attachment, Complaint, Status
from tests.complaints.conftest import plan_set
from tests.conftest import in_schema

FORM = {
    "classification": "pengaduan",
    "subject": "Antrean KTP lama",
    "body": "Saya menunggu tiga jam di loket KTP tanpa kepastian.",
    "identity": "nama",
    "reporter_name": "Wayan",
    "reporter_contact": "081234567890",
}


def _file(client, **extra):
    return client.post("/pengaduan/", {**FORM, **extra})


def _code(response) -> str:
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"].rstrip("/").split("/")[-1]


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (8.0, 40.0, 0.0)}  # GPSInfo: latitude
    exif[0x010F] = "KameraKu"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_citizen_files_and_tracks_without_seeing_personal_data(
    complaints_on, alpha_client, pinned_clock
):
    code = _code(_file(alpha_client))
    thanks = alpha_client.get(f"/pengaduan/terkirim/{code}/")
    assert thanks.status_code == 200
    assert f"{code[:5]}-{code[5:]}" in thanks.content.decode()
    assert "no-cache" in thanks["Cache-Control"] or "max-age=0" in thanks["Cache-Control"]
    page = alpha_client.get(f"/pengaduan/lacak/{code}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Antrean KTP lama" in text
    assert "Diterima" in text
    assert "Wayan" not in text
    assert "081234567890" not in text
    # typed with a dash and in lower case, the code still finds it
    found = alpha_client.get("/pengaduan/lacak/", {"kode": f"{code[:5].lower()}-{code[5:]}"})
    assert found["Location"] == f"/pengaduan/lacak/{code}/"


def test_alphas_tracking_code_finds_nothing_on_beta(
    complaints_on, alpha_client, beta_client, pinned_clock
):
    code = _code(_file(alpha_client))
    assert beta_client.get(f"/pengaduan/lacak/{code}/").status_code == 404
    assert alpha_client.get(f"/pengaduan/lacak/{code}/").status_code == 200


def test_bad_input_is_refused_in_indonesian_and_nothing_is_kept(
    complaints_on, alpha_client, pinned_clock
):
    response = _file(alpha_client, body="", reporter_contact="bukan kontak", classification="x")
    assert response.status_code == 422
    text = response.content.decode()
    assert "Laporan belum terkirim" in text
    assert "Tulis nomor HP" in text
    with in_schema(complaints_on):
        assert Complaint.objects.count() == 0


def test_named_without_contact_and_anonymous_without_contact(
    complaints_on, alpha_client, pinned_clock
):
    assert _file(alpha_client, reporter_contact="").status_code == 422
    code = _code(_file(alpha_client, identity="anonim", reporter_name="Tetap", reporter_contact=""))
    with in_schema(complaints_on):
        complaint = Complaint.objects.get(tracking_code=code)
        assert (complaint.reporter_name, complaint.reporter_contact) == ("", "")


def test_the_honeypot_keeps_nothing(complaints_on, alpha_client, pinned_clock):
    response = _file(alpha_client, website="http://spam.example")
    assert response.status_code == 302
    with in_schema(complaints_on):
        assert Complaint.objects.count() == 0


def test_rate_limits_per_ip_and_per_contact(complaints_on, alpha_client, pinned_clock):
    for _ in range(3):
        _code(_file(alpha_client))
    assert _file(alpha_client).status_code == 422  # the contact's fourth today
    _code(_file(alpha_client, reporter_contact="warga@contoh.id"))
    # every attempt counts for the address: the sixth this hour is refused
    assert _file(alpha_client, identity="anonim").status_code == 429
    with in_schema(complaints_on):
        assert Complaint.objects.count() == 4


def test_an_image_loses_its_gps_and_a_disguised_file_is_refused(
    complaints_on, alpha_client, pinned_clock
):
    photo = SimpleUploadedFile("foto.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    code = _code(_file(alpha_client, attachments=[photo]))
    with in_schema(complaints_on):
        attachment = Attachment.objects.get(complaint__tracking_code=code)
        assert attachment.content_type == "image/jpeg"
        with attachment.file.open("rb") as stored, Image.open(stored) as image:
            assert not image.getexif()
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _file(alpha_client, attachments=[fake], reporter_contact="warga@contoh.id")
    assert response.status_code == 422
    assert "gambar (JPG, PNG, WebP) atau PDF" in response.content.decode()


def test_the_module_off_is_a_404_and_not_in_the_menu(
    complaints_on, alpha, alpha_client, pinned_clock
):
    assert "/pengaduan/" in alpha_client.get("/").content.decode()
    plan_set(alpha, "dasar")
    cache.clear()  # the home page was cached whole with the menu of the old plan
    assert alpha_client.get("/pengaduan/").status_code == 404
    assert alpha_client.get("/pengaduan/statistik/").status_code == 404
    assert "/pengaduan/" not in alpha_client.get("/").content.decode()


def test_the_reporter_replies_and_downloads_their_own_copy(
    complaints_on, alpha_client, pinned_clock
):
    code = _code(_file(alpha_client))
    reply = alpha_client.post(
        f"/pengaduan/lacak/{code}/pesan/", {"text": "Nomor antrean saya A-017."}
    )
    assert reply.status_code == 302
    assert (
        "Nomor antrean saya A-017."
        in alpha_client.get(f"/pengaduan/lacak/{code}/").content.decode()
    )
    wrong = alpha_client.post(f"/pengaduan/lacak/{code}/salinan/", {"contact": "0800"})
    assert wrong.status_code == 422
    copy = alpha_client.post(f"/pengaduan/lacak/{code}/salinan/", {"contact": " 081234567890 "})
    assert copy.status_code == 200
    document = json.loads(copy.content)
    assert (document["nama"], document["kontak"]) == ("Wayan", "081234567890")


@pytest.mark.parametrize("what", ["buka", "nilai"])
def test_reopen_and_rating_are_refused_before_selesai(
    complaints_on, alpha_client, pinned_clock, what
):
    code = _code(_file(alpha_client))
    response = alpha_client.post(
        f"/pengaduan/lacak/{code}/{what}/", {"text": "Belum beres", "rating": "5"}
    )
    assert response.status_code == 422
    with in_schema(complaints_on):
        complaint = Complaint.objects.get(tracking_code=code)
        assert (complaint.status, complaint.rating) == (Status.RECEIVED, None)


def _closed(regency, code: str) -> None:
    from catalogue.models import Agency
    from complaints.actions import (
        complaint_answer,
        complaint_close,
        complaint_forward,
        complaint_verify,
    )

    with in_schema(regency):
        complaint = Complaint.objects.get(tracking_code=code)
        complaint_verify(complaint=complaint, actor=None)
        complaint_forward(complaint=complaint, actor=None, agency=Agency.objects.first())
        complaint_answer(complaint=complaint, actor=None, text="Sudah kami tindak lanjuti.")
        complaint_close(complaint=complaint, actor=None)


def test_a_closed_complaint_about_a_service_invites_its_reporter_to_the_skm(
    complaints_on, alpha_client, beta_client, pinned_clock
):
    from catalogue.models import Service

    with in_schema(complaints_on):
        ktp = Service.objects.get(key="ktp-el-baru")
    about_ktp = _code(_file(alpha_client, service=str(ktp.pk)))
    about_nothing = _code(_file(alpha_client, reporter_contact="081234567891"))
    assert "Isi survei" not in alpha_client.get(f"/pengaduan/lacak/{about_ktp}/").content.decode()

    _closed(complaints_on, about_ktp)
    _closed(complaints_on, about_nothing)

    page = alpha_client.get(f"/pengaduan/lacak/{about_ktp}/").content.decode()
    assert "Survei Kepuasan Masyarakat" in page
    token = page.split("/skm/isi/", 1)[1].split("/", 1)[0]
    form = alpha_client.get(f"/skm/isi/{token}/")
    assert form.status_code == 200
    assert ktp.name in form.content.decode()
    again = alpha_client.get(f"/pengaduan/lacak/{about_ktp}/").content.decode()
    assert f"/skm/isi/{token}/" in again  # one link per complaint, however often the page opens
    assert (
        "/skm/isi/" not in alpha_client.get(f"/pengaduan/lacak/{about_nothing}/").content.decode()
    )
    # The link is alpha's: beta's portal does not know it.
    assert beta_client.get(f"/skm/isi/{token}/").status_code == 404
