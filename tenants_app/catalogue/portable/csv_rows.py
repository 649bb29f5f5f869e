"""CSV import of agencies and of services (with their published standard components).

Each CSV becomes a portable catalogue document, so it is checked and applied by the same code as a
template; every bad line is reported with its number, and an import with any error changes
nothing.

Agencies: `key,name,abbreviation,kind,parent,phone,email,website,description`
Services: `key,agency,name,category,channel,external_url,keywords,requirements,procedure,
time_value,time_unit,fee,tariff_basis,product,complaint_handling,legal_basis,decree_number,
decree_date,review_date`. Lists (keywords, requirements, procedure, legal basis) are separated by
`|` or by line breaks inside the quoted cell; `fee` is `gratis`, an amount in rupiah, or a text.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalogue.models import KEY_PATTERN
from catalogue.portable.validation import FORMAT, VERSION, CatalogueInvalid
from satupintu.safe_input import UnsafeInput, csv_text_check

AGENCY_KINDS = {
    "opd": "opd",
    "perangkat daerah": "opd",
    "dinas": "opd",
    "provincial": "provincial",
    "pemprov": "provincial",
    "provinsi": "provincial",
    "vertical": "vertical",
    "vertikal": "vertical",
    "instansi vertikal": "vertical",
    "kementerian": "vertical",
    "bumn": "bumn",
    "bumd": "bumd",
    "private": "private",
    "swasta": "private",
    "lainnya": "private",
}
CHANNELS = {
    "in_person": "in_person",
    "tatap muka": "in_person",
    "loket": "in_person",
    "": "in_person",
    "agency_online": "agency_online",
    "daring": "agency_online",
    "online": "agency_online",
    "external_online": "external_online",
    "eksternal": "external_online",
    "sistem eksternal": "external_online",
}
TIME_UNITS = {
    "working_days": "working_days",
    "hari kerja": "working_days",
    "hk": "working_days",
    "days": "days",
    "hari": "days",
    "hours": "hours",
    "jam": "hours",
    "minutes": "minutes",
    "menit": "minutes",
}
AGENCY_COLUMNS = ["key", "name", "kind"]
SERVICE_COLUMNS = [
    "key",
    "agency",
    "name",
    "requirements",
    "procedure",
    "time_value",
    "fee",
    "product",
    "complaint_handling",
]
_KEY = re.compile(KEY_PATTERN)  # the rule the models enforce


def _rows(text: str, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    text = text.lstrip("\ufeff")
    try:
        csv_text_check(text)
    except UnsafeInput as exc:
        raise CatalogueInvalid([str(exc)]) from exc
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in headers]
    if missing:
        raise CatalogueInvalid(
            [_("Baris 1: kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)}]
        )
    reader.fieldnames = headers
    rows = []
    for raw in reader:
        values = {k: (v or "").strip() for k, v in raw.items() if k}
        if any(values.values()):
            rows.append((reader.line_num, values))
    if not rows:
        raise CatalogueInvalid([_("Berkas tidak memuat satu baris data pun.")])
    return rows


def _list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"\||\n", value or "") if part.strip()]


def _key(row: dict[str, str], line: int, errors: list[str]) -> str:
    key = row.get("key") or slugify(row.get("name", ""))[:80]
    if not _KEY.match(key):
        errors.append(
            _("Baris %(line)d: kunci '%(key)s' hanya boleh huruf kecil, angka, dan tanda hubung.")
            % {"line": line, "key": key}
        )
    return key


def agencies_document(text: str) -> tuple[dict[str, Any], dict[int, int]]:
    """The agencies of a CSV as a catalogue document, and item index -> CSV line."""
    errors: list[str] = []
    items: list[dict[str, Any]] = []
    lines: dict[int, int] = {}
    for line, row in _rows(text, AGENCY_COLUMNS):
        kind = AGENCY_KINDS.get(row.get("kind", "").lower())
        if kind is None:
            errors.append(
                _(
                    "Baris %(line)d: jenis instansi '%(kind)s' tidak dikenal "
                    "(pakai opd, pemprov, vertikal, "
                    "bumn, bumd, atau swasta)."
                )
                % {"line": line, "kind": row.get("kind", "")}
            )
            continue
        if not row.get("name"):
            errors.append(_("Baris %(line)d: nama instansi kosong.") % {"line": line})
            continue
        item = {"key": _key(row, line, errors), "name": row["name"], "kind": kind}
        for column, field in (
            ("abbreviation", "abbreviation"),
            ("parent", "parent"),
            ("phone", "phone"),
            ("email", "email"),
            ("website", "website"),
            ("description", "description"),
        ):
            if row.get(column):
                item[field] = row[column]
        lines[len(items)] = line
        items.append(item)
    if errors:
        raise CatalogueInvalid(errors)
    return {"format": FORMAT, "version": VERSION, "agencies": items, "services": []}, lines


def services_document(text: str) -> tuple[dict[str, Any], dict[int, int]]:
    """The services of a CSV (agencies referenced by key must exist in the portal)."""
    errors: list[str] = []
    items: list[dict[str, Any]] = []
    categories: dict[str, str] = {}
    lines: dict[int, int] = {}
    for line, row in _rows(text, SERVICE_COLUMNS):
        problems = []
        channel = CHANNELS.get(row.get("channel", "").lower())
        if channel is None:
            problems.append(
                _("kanal '%(v)s' tidak dikenal (tatap muka, daring, atau eksternal)")
                % {"v": row["channel"]}
            )
        unit = TIME_UNITS.get((row.get("time_unit") or "hari kerja").lower())
        if unit is None:
            problems.append(
                _("satuan waktu '%(v)s' tidak dikenal (hari kerja, hari, jam, menit)")
                % {"v": row["time_unit"]}
            )
        try:
            time_value = int(row.get("time_value", ""))
            if time_value < 0:
                raise ValueError
        except ValueError:
            problems.append(
                _("jangka waktu '%(v)s' harus bilangan bulat") % {"v": row.get("time_value", "")}
            )
            time_value = 0
        fee_text = row.get("fee", "")
        digits = re.sub(r"[^\d]", "", fee_text)
        if fee_text.lower() in ("gratis", "0", "rp0", "free", "tidak dipungut biaya"):
            fee: dict[str, Any] = {"is_free": True}
        elif digits and re.fullmatch(r"(rp\.?\s*)?[\d.\s]+(,-|,00)?", fee_text.lower()):
            fee = {"is_free": False, "amount": int(digits)}
        elif fee_text:
            fee = {"is_free": False, "note": fee_text}
        else:
            problems.append(_("biaya kosong (tulis 'gratis', nominal, atau keterangan)"))
            fee = {"is_free": True}
        if row.get("tariff_basis"):
            fee["tariff_basis"] = row["tariff_basis"]
        for name in ("requirements", "procedure"):
            if not _list(row.get(name, "")):
                problems.append(_("kolom %(name)s kosong") % {"name": name})
        for name in ("agency", "name", "product", "complaint_handling"):
            if not row.get(name):
                problems.append(_("kolom %(name)s kosong") % {"name": name})
        for name in ("decree_date", "review_date"):
            if row.get(name) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[name]):
                problems.append(
                    _("%(name)s '%(v)s' harus berformat TTTT-BB-HH")
                    % {"name": name, "v": row[name]}
                )
        if problems:
            errors.append(
                _("Baris %(line)d: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        standard: dict[str, Any] = {
            "requirements": _list(row["requirements"]),
            "procedure": _list(row["procedure"]),
            "completion_time": {"value": time_value, "unit": unit},
            "fee": fee,
            "product": row["product"],
            "complaint_handling": row["complaint_handling"],
        }
        if row.get("legal_basis"):
            standard["legal_basis"] = _list(row["legal_basis"])
        for name in ("decree_number", "decree_date", "review_date"):
            if row.get(name):
                standard[name] = row[name]
        item: dict[str, Any] = {
            "key": _key(row, line, errors),
            "agency": row["agency"],
            "name": row["name"],
            "channel": channel,
            "standard": standard,
        }
        if row.get("category"):
            category_key = slugify(row["category"])[:80] or "lainnya"
            categories[category_key] = row["category"]
            item["category"] = category_key
        if row.get("external_url"):
            item["external_url"] = row["external_url"]
        if row.get("keywords"):
            item["keywords"] = [k.strip() for k in re.split(r"[|,]", row["keywords"]) if k.strip()]
        lines[len(items)] = line
        items.append(item)
    if errors:
        raise CatalogueInvalid(errors)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "agencies": [],
        "categories": [{"key": k, "name": v} for k, v in categories.items()],
        "services": items,
    }
    return document, lines


def with_line_numbers(errors: list[str], section: str, lines: dict[int, int]) -> list[str]:
    """Rewrite `services[3].standard...` into `Baris 5 (services[3].standard...)` for CSV users."""
    pattern = re.compile(rf"^{section}\[(\d+)\]")
    out = []
    for error in errors:
        match = pattern.match(error)
        if match and int(match.group(1)) in lines:
            out.append(_("Baris %(line)d") % {"line": lines[int(match.group(1))]} + f" ({error})")
        else:
            out.append(error)
    return out
