"""The evidence report for PEKPPP (PermenPANRB 29/2022) and the Ombudsman's assessment: for each
item an evaluator asks about, what the regency has in SatuPintu, what is missing, links to proof,
and how much the item weighs, so a regency sees what would move its grade.

Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from catalogue.models import Facility, Location, Service, ServicePledge, WeeklyHours
from surveys.neighbours import complaint_figures_get
from surveys.periods import Period, period_current
from surveys.selectors import follow_up_plan, sample_progress, skm_index

# The 14 components of a service standard (PermenPANRB 15/2014): 6 published, 8 internal.
STANDARD_COMPONENTS = (
    ("requirements", "Persyaratan"),
    ("procedure", "Sistem, mekanisme, dan prosedur"),
    ("completion_time_value", "Jangka waktu penyelesaian"),
    ("fee", "Biaya/tarif"),
    ("product", "Produk pelayanan"),
    ("complaint_handling", "Penanganan pengaduan, saran, dan masukan"),
    ("legal_basis", "Dasar hukum"),
    ("facilities", "Sarana, prasarana, dan/atau fasilitas"),
    ("staff_competence", "Kompetensi pelaksana"),
    ("internal_supervision", "Pengawasan internal"),
    ("staff_count", "Jumlah pelaksana"),
    ("service_guarantee", "Jaminan pelayanan"),
    ("safety_guarantee", "Jaminan keamanan dan keselamatan"),
    ("performance_evaluation", "Evaluasi kinerja pelaksana"),
)
VULNERABLE_FACILITIES = (
    Facility.DISABILITY_ACCESS,
    Facility.WHEELCHAIR,
    Facility.PRIORITY_SEATS,
    Facility.ACCESSIBLE_TOILET,
    Facility.NURSING_ROOM,
    Facility.PLAY_AREA,
)


@dataclass
class EvidenceItem:
    key: str
    title: str
    weight: str  # where the item counts in an evaluation
    met: bool
    finding: str
    missing: list[str] = field(default_factory=list)
    proof: list[str] = field(default_factory=list)


def _filled(standard, name: str) -> bool:
    if name == "fee":
        return standard.fee_is_free or bool(standard.fee_amount or standard.fee_note.strip())
    if name == "completion_time_value":
        return bool(standard.completion_time_value)
    value = getattr(standard, name)
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    return bool(str(value or "").strip())


def _standards() -> EvidenceItem:
    services = list(
        Service.objects.filter(live=True, is_active=True)
        .select_related("current_standard")
        .order_by("name")
    )
    missing = []
    for service in services:
        standard = service.current_standard
        if standard is None:
            missing.append(_("%(s)s: belum ada standar pelayanan") % {"s": service.name})
            continue
        gaps = [label for name, label in STANDARD_COMPONENTS if not _filled(standard, name)]
        if not standard.decree_number.strip():
            gaps.append(_("nomor SK"))
        if gaps:
            missing.append(f"{service.name}: {', '.join(gaps)}")
    complete = len(services) - len(missing)
    return EvidenceItem(
        "standards",
        _("Standar pelayanan lengkap 14 komponen dan ber-SK untuk setiap layanan"),
        _("PEKPPP aspek Kebijakan (24%); Ombudsman: standar pelayanan"),
        bool(services) and not missing,
        _("%(a)d dari %(b)d layanan aktif memiliki standar lengkap dengan SK.")
        % {"a": complete, "b": len(services)},
        missing,
        ["/layanan/"],
    )


def _pledge() -> EvidenceItem:
    active = ServicePledge.objects.filter(is_active=True, agency__isnull=True).exists()
    return EvidenceItem(
        "pledge",
        _("Maklumat pelayanan dipublikasikan"),
        _("PEKPPP aspek Kebijakan; Ombudsman: maklumat pelayanan"),
        active,
        _("Maklumat pelayanan MPP berlaku dan tampil di portal.")
        if active
        else _("Belum ada maklumat pelayanan MPP yang berlaku."),
        [] if active else [_("maklumat pelayanan MPP")],
        ["/maklumat-pelayanan/"] if active else [],
    )


def _facilities() -> EvidenceItem:
    locations = list(Location.objects.filter(is_active=True, kind="main"))
    present = {f for loc in locations for f in loc.facilities}
    labels = dict(Facility.choices)
    missing = [str(labels[f]) for f in VULNERABLE_FACILITIES if f not in present]
    return EvidenceItem(
        "facilities",
        _("Sarana bagi kelompok rentan (disabilitas, lansia, ibu menyusui, anak)"),
        _("PEKPPP aspek Sarana Prasarana (18%); Ombudsman: sarana khusus"),
        bool(locations) and not missing,
        _("%(a)d dari %(b)d sarana kelompok rentan tercatat di gedung MPP.")
        % {"a": len(VULNERABLE_FACILITIES) - len(missing), "b": len(VULNERABLE_FACILITIES)},
        missing,
        ["/lokasi/"],
    )


def _skm(*, today: date) -> list[EvidenceItem]:
    period = Period(today - timedelta(days=365), today, "12bulan")
    result = skm_index(start=period.start, end=period.end)
    semester = period_current(today=today).previous()
    plan = follow_up_plan(period=semester)
    progress = sample_progress(
        period=semester, respondents=skm_index(start=semester.start, end=semester.end).respondents
    )
    sample_ok = progress.target is None or progress.respondents >= progress.target
    run = EvidenceItem(
        "skm_run",
        _("SKM dilaksanakan sesuai PermenPANRB 14/2017 (paling sedikit sekali setahun)"),
        _("PEKPPP Konsultasi & Pengaduan: SKM sesuai Permen 17%"),
        result.respondents > 0 and sample_ok,
        _("%(n)d responden dalam 12 bulan terakhir; IKM × 25 = %(s)s.")
        % {"n": result.respondents, "s": result.score or "–"},
        []
        if result.respondents and sample_ok
        else [
            _("responden sesuai sampel Krejcie–Morgan (%(r)d dari %(t)s)")
            % {"r": progress.respondents, "t": progress.target or "?"}
        ],
        ["/skm/"],
    )
    published = EvidenceItem(
        "skm_published",
        _("Hasil SKM dipublikasikan"),
        _("PEKPPP: publikasi hasil SKM 7%"),
        result.respondents > 0,
        _("Hasil tampil otomatis di halaman Hasil SKM dan laporan PDF."),
        [] if result.respondents else [_("hasil SKM periode berjalan")],
        ["/skm/", "/skm/laporan.pdf"],
    )
    followed = EvidenceItem(
        "skm_follow_up",
        _("Hasil SKM ditindaklanjuti (rencana dan realisasi)"),
        _("PEKPPP: tindak lanjut 7%, kecepatan tindak lanjut 7%"),
        bool(plan.items) and plan.done == len(plan.items),
        _("%(d)d dari %(n)d tindak lanjut %(p)s selesai.")
        % {"d": plan.done, "n": len(plan.items), "p": semester.label},
        [] if plan.items else [_("rencana tindak lanjut %(p)s") % {"p": semester.label}],
        [f"/skm/?periode={semester.key}"],
    )
    return [run, published, followed]


def _complaints(*, today: date) -> EvidenceItem:
    figures = complaint_figures_get(start=date(today.year, 1, 1), end=today, agency_ids=None)
    if figures is None:
        return EvidenceItem(
            "complaints",
            _("Saluran pengaduan dan kepatuhan batas waktu"),
            _("PEKPPP Konsultasi & Pengaduan (10%); Ombudsman: pengelolaan pengaduan"),
            False,
            _(
                "Modul pengaduan SatuPintu belum aktif; "
                "kepatuhan batas waktu tidak dapat ditunjukkan."
            ),
            [_("modul pengaduan (atau bukti dari SP4N-LAPOR!)")],
        )
    closed, on_time = figures.get("closed"), figures.get("closed_within_deadline")
    ok = (
        isinstance(closed, int)
        and isinstance(on_time, int)
        and (closed == 0 or on_time * 100 >= closed * 90)
    )
    return EvidenceItem(
        "complaints",
        _("Saluran pengaduan dan kepatuhan batas waktu"),
        _("PEKPPP Konsultasi & Pengaduan (10%); Ombudsman: pengelolaan pengaduan"),
        ok,
        _("%(r)s pengaduan diterima, %(c)s selesai, %(o)s tepat waktu.")
        % {"r": figures.get("received"), "c": closed, "o": on_time},
        [] if ok else [_("paling sedikit 90% pengaduan selesai dalam batas waktu")],
        ["/kinerja/"],
    )


def _hours() -> EvidenceItem:
    locations = list(
        Location.objects.filter(is_active=True).exclude(kind="digital").order_by("name")
    )
    with_hours = set(WeeklyHours.objects.values_list("location_id", flat=True).distinct())
    missing = [loc.name for loc in locations if loc.pk not in with_hours]
    return EvidenceItem(
        "hours",
        _("Jam layanan dipublikasikan"),
        _("Ombudsman: standar pelayanan (waktu layanan)"),
        bool(locations) and not missing,
        _("%(a)d dari %(b)d lokasi memiliki jam layanan.")
        % {"a": len(locations) - len(missing), "b": len(locations)},
        missing,
        ["/lokasi/"],
    )


def evidence_items(*, today: date) -> list[EvidenceItem]:
    return [
        _standards(),
        _pledge(),
        _facilities(),
        *_skm(today=today),
        _complaints(today=today),
        _hours(),
    ]
