"""The SKM questionnaire as PermenPANRB 14/2017 sets it: nine unsur with fixed codes U1–U9, each
answered on a 1–4 scale in the regulation's wording, and the respondent's profile (no NIK, no name).

Schema: tenant (constants only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCALE = (1, 2, 3, 4)
StrOrPromise = str | Promise


@dataclass(frozen=True)
class Unsur:
    code: str  # "U1" … "U9": stable, some implementations swap U8 and U9
    name: StrOrPromise
    question: StrOrPromise
    answers: tuple[StrOrPromise, ...]  # the wording of scores 1, 2, 3, 4

    @property
    def field(self) -> str:
        return self.code.lower()


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        _("Persyaratan"),
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan "
            "dengan jenis pelayanannya?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        "U2",
        _("Sistem, Mekanisme, dan Prosedur"),
        _("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Unsur(
        "U3",
        _("Waktu Penyelesaian"),
        _("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Unsur(
        "U4",
        _("Biaya/Tarif"),
        _("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Unsur(
        "U5",
        _("Produk Spesifikasi Jenis Pelayanan"),
        _(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
            "dalam standar pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        "U6",
        _("Kompetensi Pelaksana"),
        _("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Unsur(
        "U7",
        _("Perilaku Pelaksana"),
        _(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
            "kesopanan dan keramahan?"
        ),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    Unsur(
        "U8",
        _("Penanganan Pengaduan, Saran dan Masukan"),
        _("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    Unsur(
        "U9",
        _("Sarana dan Prasarana"),
        _("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
)
UNSUR_BY_CODE = {u.code: u for u in UNSUR}
SCORE_FIELDS = tuple(u.field for u in UNSUR)


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    DIPLOMA = "d3", _("D1–D3")
    S1 = "s1", _("D4/S1")
    S2 = "s2", _("S2")
    S3 = "s3", _("S3")


class Occupation(models.TextChoices):
    PNS = "pns", _("PNS")
    TNI = "tni", _("TNI")
    POLRI = "polri", _("POLRI")
    PRIVATE = "swasta", _("Swasta")
    SELF_EMPLOYED = "wirausaha", _("Wirausaha")
    STUDENT = "pelajar", _("Pelajar/Mahasiswa")
    OTHER = "lainnya", _("Lainnya")


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Tablet di loket")
    LINK = "link", _("Tautan/QR sekali pakai")
    PAPER = "paper", _("Formulir kertas (dientri admin)")
    IMPORT = "import", _("Impor CSV")


AGE_MIN, AGE_MAX = 15, 100
