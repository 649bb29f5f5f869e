"""Small, exact catalogues for the two test regencies (portable format, version 1)."""

from __future__ import annotations

import copy
from typing import Any

NORMAL_DAYS = [
    *[
        {
            "weekday": d,
            "opens": "07:30",
            "closes": "16:00",
            "breaks": [{"start": "12:00", "end": "13:00"}],
        }
        for d in range(4)
    ],
    {
        "weekday": 4,
        "opens": "07:30",
        "closes": "16:30",
        "breaks": [{"start": "11:30", "end": "13:00"}],
    },
    {"weekday": 5, "opens": "08:00", "closes": "12:00"},
    {"weekday": 6, "closed": True},
]
RAMADAN_DAYS = [
    *[
        {
            "weekday": d,
            "opens": "08:00",
            "closes": "15:00",
            "breaks": [{"start": "12:00", "end": "12:30"}],
        }
        for d in range(4)
    ],
    {
        "weekday": 4,
        "opens": "08:00",
        "closes": "15:30",
        "breaks": [{"start": "11:30", "end": "12:30"}],
    },
    {"weekday": 5, "closed": True},
    {"weekday": 6, "closed": True},
]


def _standard(
    requirements: list[str], *, days: int = 1, fee: dict | None = None, **extra
) -> dict[str, Any]:
    return {
        "requirements": requirements,
        "procedure": ["Ambil nomor antrean", "Serahkan berkas di loket", "Terima produk layanan"],
        "completion_time": {"value": days, "unit": "working_days"},
        "fee": fee or {"is_free": True},
        "product": "Dokumen hasil layanan",
        "complaint_handling": "Sampaikan pengaduan ke meja informasi atau SP4N-LAPOR!",
        "legal_basis": ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"],
        "decree_number": "SK-UJI/1/2026",
        "decree_date": "2026-01-05",
        **extra,
    }


ALPHA: dict[str, Any] = {
    "format": "satupintu.catalogue",
    "version": 1,
    "meta": {"title": "Katalog uji Alpha", "regency_kind": "kabupaten"},
    "branding": {
        "brand_name": "MPP Alpha",
        "tagline": "Melayani sepenuh hati",
        "primary_color": "#0b5d51",
        "accent_color": "#8a4b00",
        "address": "Jl. Merdeka No. 1, Martapura",
        "phone": "0735 123456",
        "whatsapp": "0812 3456 7890",
        "email": "mpp@alpha.test",
    },
    "schedule_profiles": [
        {"key": "normal", "name": "Normal", "is_default": True},
        {"key": "ramadan", "name": "Ramadan", "starts_on": "2026-02-18", "ends_on": "2026-03-19"},
    ],
    "locations": [
        {
            "key": "gedung-mpp",
            "name": "Gedung MPP Alpha",
            "kind": "main",
            "address": "Jl. Merdeka No. 1",
            "latitude": -4.03,
            "longitude": 104.17,
            "facilities": ["waiting_room", "nursing_room", "wheelchair"],
            "schedules": [
                {"profile": "normal", "days": NORMAL_DAYS},
                {"profile": "ramadan", "days": RAMADAN_DAYS},
            ],
        },
        {
            "key": "gerai-desa-sukamaju",
            "name": "Gerai Desa Sukamaju",
            "kind": "village",
            "address": "Balai Desa Sukamaju",
            "facilities": ["waiting_room"],
            "schedules": [
                {
                    "profile": "normal",
                    "days": [{"weekday": d, "opens": "08:00", "closes": "12:00"} for d in range(5)]
                    + [{"weekday": 5, "closed": True}, {"weekday": 6, "closed": True}],
                }
            ],
        },
    ],
    "agencies": [
        {
            "key": "disdukcapil",
            "name": "Dinas Kependudukan dan Pencatatan Sipil",
            "abbreviation": "Disdukcapil",
            "kind": "opd",
        },
        {
            "key": "polres",
            "name": "Kepolisian Resor Alpha",
            "abbreviation": "Polres",
            "kind": "vertical",
            "parent": "Kepolisian Negara Republik Indonesia",
        },
        {
            "key": "dpmptsp",
            "name": "Dinas Penanaman Modal dan PTSP",
            "abbreviation": "DPMPTSP",
            "kind": "opd",
        },
    ],
    "categories": [
        {"key": "kependudukan", "name": "Kependudukan"},
        {"key": "kepolisian", "name": "Kepolisian"},
        {"key": "perizinan", "name": "Perizinan Berusaha"},
    ],
    "services": [
        {
            "key": "ktp-el-baru",
            "agency": "disdukcapil",
            "name": "Penerbitan KTP-el Baru",
            "category": "kependudukan",
            "channel": "in_person",
            "keywords": ["e-ktp", "ktp elektronik"],
            "is_popular": True,
            "standard": _standard(["Fotokopi Kartu Keluarga", "Surat pengantar RT/RW"], days=1),
        },
        {
            "key": "akta-kelahiran",
            "agency": "disdukcapil",
            "name": "Penerbitan Akta Kelahiran",
            "category": "kependudukan",
            "channel": "in_person",
            "keywords": ["akte lahir"],
            "standard": _standard(
                ["Surat keterangan lahir dari bidan atau rumah sakit", "Buku nikah orang tua"],
                days=3,
            ),
        },
        {
            "key": "sim-a-baru",
            "agency": "polres",
            "name": "Penerbitan SIM A Baru",
            "category": "kepolisian",
            "channel": "in_person",
            "keywords": ["surat izin mengemudi"],
            "is_popular": True,
            "standard": _standard(
                ["KTP-el asli", "Surat keterangan sehat jasmani", "Sertifikat lulus uji psikologi"],
                days=1,
                fee={"is_free": False, "amount": 120000, "tariff_basis": "PP Nomor 76 Tahun 2020"},
            ),
        },
        {
            "key": "skck",
            "agency": "polres",
            "name": "Penerbitan SKCK",
            "category": "kepolisian",
            "channel": "in_person",
            "standard": _standard(
                ["KTP-el", "Pas foto 4x6 berlatar merah", "Sidik jari"],
                days=1,
                fee={"is_free": False, "amount": 30000, "tariff_basis": "PP Nomor 76 Tahun 2020"},
            ),
        },
        {
            "key": "nib-oss",
            "agency": "dpmptsp",
            "name": "Nomor Induk Berusaha melalui OSS-RBA",
            "category": "perizinan",
            "channel": "external_online",
            "external_url": "https://oss.go.id",
            "external_system": "OSS-RBA",
            "keywords": ["nib", "izin usaha"],
            "standard": _standard(["NIK pelaku usaha", "Alamat email aktif", "NPWP"], days=0),
        },
    ],
    "counters": [
        {
            "key": "loket-a1",
            "agency": "disdukcapil",
            "location": "gedung-mpp",
            "code": "A1",
            "name": "Disdukcapil 1",
            "queue_prefix": "A",
            "floor": "Lantai 1",
            "services": ["ktp-el-baru", "akta-kelahiran"],
        },
        {
            "key": "loket-b1",
            "agency": "polres",
            "location": "gedung-mpp",
            "code": "B1",
            "name": "SIM dan SKCK",
            "queue_prefix": "B",
            "floor": "Lantai 2",
            "services": ["sim-a-baru", "skck"],
        },
        {
            "key": "loket-c1",
            "agency": "dpmptsp",
            "location": "gedung-mpp",
            "code": "C1",
            "name": "Klinik OSS",
            "queue_prefix": "C",
            "floor": "Lantai 1",
            "services": ["nib-oss"],
        },
        {
            "key": "desa-1",
            "agency": "disdukcapil",
            "location": "gerai-desa-sukamaju",
            "code": "D1",
            "name": "Layanan adminduk desa",
            "queue_prefix": "D",
            "services": ["akta-kelahiran"],
        },
    ],
    "pledges": [
        {
            "agency": None,
            "title": "Maklumat Pelayanan",
            "text": "Kami sanggup melayani sesuai standar pelayanan.",
            "signatory": "Bupati Alpha",
            "signed_on": "2026-01-02",
        },
    ],
    "closures": [{"date": "2026-12-31", "name": "Hari jadi kabupaten"}],
    "pages": [
        {"kind": "home", "title": "Beranda", "intro": "Satu tempat untuk semua layanan publik."},
        {
            "kind": "about",
            "title": "Profil MPP",
            "slug": "profil",
            "body": "<p>MPP Alpha dibuka tahun 2020.</p>",
        },
        {
            "kind": "faq",
            "title": "Tanya Jawab",
            "slug": "tanya-jawab",
            "faqs": [
                {"question": "Apakah layanan KTP-el berbayar?", "answer": "<p>Tidak, gratis.</p>"}
            ],
        },
        {
            "kind": "news",
            "title": "MPP Alpha buka Sabtu",
            "slug": "buka-sabtu",
            "date": "2026-11-01",
            "intro": "Kini MPP Alpha juga melayani pada hari Sabtu.",
        },
        {
            "kind": "announcement",
            "title": "Pemadaman listrik",
            "slug": "pemadaman",
            "date": "2026-11-20",
            "urgent": True,
            "intro": "Layanan terganggu.",
        },
    ],
}

BETA: dict[str, Any] = {
    "format": "satupintu.catalogue",
    "version": 1,
    "branding": {"brand_name": "MPP Beta", "primary_color": "#1f3a93", "accent_color": "#1f3a93"},
    "schedule_profiles": [{"key": "normal", "name": "Normal", "is_default": True}],
    "locations": [
        {
            "key": "mpp-beta",
            "name": "Gedung MPP Beta",
            "kind": "main",
            "address": "Jl. Sudirman, Tanah Grogot",
            "schedules": [
                {
                    "profile": "normal",
                    "days": [{"weekday": d, "opens": "08:00", "closes": "15:00"} for d in range(5)]
                    + [{"weekday": 5, "closed": True}, {"weekday": 6, "closed": True}],
                }
            ],
        },
    ],
    "agencies": [
        {
            "key": "bpjs-kesehatan",
            "name": "BPJS Kesehatan Cabang Beta",
            "abbreviation": "BPJS Kesehatan",
            "kind": "bumn",
        },
    ],
    "services": [
        {
            "key": "pendaftaran-jkn",
            "agency": "bpjs-kesehatan",
            "name": "Pendaftaran Peserta JKN",
            "channel": "in_person",
            "keywords": ["bpjs"],
            "standard": _standard(["KTP-el", "Kartu Keluarga", "Buku tabungan"], days=14),
        },
    ],
    "counters": [
        {
            "key": "loket-1",
            "agency": "bpjs-kesehatan",
            "location": "mpp-beta",
            "code": "1",
            "name": "BPJS",
            "services": ["pendaftaran-jkn"],
        },
    ],
}


def alpha_catalogue() -> dict[str, Any]:
    return copy.deepcopy(ALPHA)


def beta_catalogue() -> dict[str, Any]:
    return copy.deepcopy(BETA)
