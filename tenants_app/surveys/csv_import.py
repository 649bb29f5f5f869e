"""Reading paper forms from CSV (`tanggal,layanan,u1,…,u9,jenis_kelamin,usia,pendidikan,pekerjaan`,
optionally `saran`): every row is checked and every problem is reported with its row number, in
Indonesian, before anything is written.

Schema: tenant.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from django.utils.translation import gettext as _

from catalogue.models import Service
from surveys.actions import Answers
from surveys.questionnaire import AGE_MAX, AGE_MIN, UNSUR, Education, Gender, Occupation

COLUMNS = (
    "tanggal",
    "layanan",
    *(u.field for u in UNSUR),
    "jenis_kelamin",
    "usia",
    "pendidikan",
    "pekerjaan",
)
OPTIONAL = ("saran",)
MAX_ROWS = 50_000


class ImportInvalid(ValueError):
    code = "skm.import_invalid"

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _lookup(choices) -> dict[str, str]:
    table = {}
    for choice in choices:
        table[choice.value.lower()] = choice.value
        table[str(choice.label).lower()] = choice.value
    return table


GENDERS = {**_lookup(Gender), "laki-laki": "L", "l": "L", "p": "P", "perempuan": "P"}
EDUCATIONS = {
    **_lookup(Education),
    "sd": "sd",
    "sma": "sma",
    "smk": "sma",
    "diii": "d3",
    "d3": "d3",
    "d4": "s1",
    "s1": "s1",
}
OCCUPATIONS = _lookup(Occupation)


def _date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise ValueError(text)


def sheets_parse(*, text: str, today: date) -> list[Answers]:
    """Every row as an answer sheet, or ImportInvalid listing every bad row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportInvalid([_("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)}])
    unknown = [c for c in header if c not in COLUMNS and c not in OPTIONAL]
    if unknown:
        raise ImportInvalid([_("Kolom tidak dikenal: %(cols)s.") % {"cols": ", ".join(unknown)}])
    reader.fieldnames = header
    services: dict[str, Service] = {}
    for known in Service.objects.only("id", "key", "name", "agency_id"):
        services[known.key.lower()] = known
        services.setdefault(known.name.strip().lower(), known)
    sheets: list[Answers] = []
    errors: list[str] = []
    for number, row in enumerate(reader, start=2):  # row 1 is the header
        if number - 1 > MAX_ROWS:
            errors.append(_("Berkas melebihi %(n)d baris.") % {"n": MAX_ROWS})
            break
        if None in row:
            errors.append(
                _("Baris %(row)d: jumlah kolom lebih banyak dari kepala tabel.") % {"row": number}
            )
            continue
        cells = {k: (v or "").strip() for k, v in row.items()}
        problems = []
        try:
            answered_on = _date(cells["tanggal"])
            if answered_on > today:
                problems.append(_("tanggal %(d)s di masa depan") % {"d": cells["tanggal"]})
        except ValueError:
            problems.append(
                _("tanggal '%(d)s' tidak valid (pakai TTTT-BB-HH)") % {"d": cells["tanggal"][:20]}
            )
        service = services.get(cells["layanan"].lower())
        if service is None:
            problems.append(_("layanan '%(s)s' tidak dikenal") % {"s": cells["layanan"][:80]})
        scores = {}
        for unsur in UNSUR:
            value = cells[unsur.field]
            if value not in ("1", "2", "3", "4"):
                problems.append(
                    _("%(code)s harus 1–4 (bukan '%(v)s')") % {"code": unsur.code, "v": value[:10]}
                )
            else:
                scores[unsur.code] = int(value)
        gender = GENDERS.get(cells["jenis_kelamin"].lower())
        if gender is None:
            problems.append(
                _("jenis kelamin '%(v)s' tidak dikenal (L/P)") % {"v": cells["jenis_kelamin"][:20]}
            )
        age = int(cells["usia"]) if cells["usia"].isdigit() and len(cells["usia"]) <= 3 else None
        if age is None or not AGE_MIN <= age <= AGE_MAX:
            problems.append(
                _("usia '%(v)s' harus angka %(a)d–%(b)d")
                % {"v": cells["usia"][:10], "a": AGE_MIN, "b": AGE_MAX}
            )
        education = EDUCATIONS.get(cells["pendidikan"].lower())
        if education is None:
            problems.append(_("pendidikan '%(v)s' tidak dikenal") % {"v": cells["pendidikan"][:30]})
        occupation = OCCUPATIONS.get(cells["pekerjaan"].lower())
        if occupation is None:
            problems.append(_("pekerjaan '%(v)s' tidak dikenal") % {"v": cells["pekerjaan"][:30]})
        suggestion = cells.get("saran", "")
        if len(suggestion) > 2000:
            problems.append(_("saran lebih dari 2000 karakter"))
        if problems:
            errors.append(
                _("Baris %(row)d: %(problems)s.") % {"row": number, "problems": "; ".join(problems)}
            )
            continue
        assert service is not None
        assert gender
        assert age is not None
        assert education
        assert occupation
        sheets.append(
            Answers(
                service=service,
                answered_on=answered_on,
                scores=scores,
                gender=gender,
                age=age,
                education=education,
                occupation=occupation,
                suggestion=suggestion,
            )
        )
    if errors:
        raise ImportInvalid(errors)
    if not sheets:
        raise ImportInvalid([_("Berkas tidak berisi baris jawaban.")])
    return sheets
