"""Validating a portable catalogue document: its JSON Schema, then references between sections."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from satupintu.errors import DomainError

FORMAT = "satupintu.catalogue"
VERSION = 1
SECTIONS = (
    "branding",
    "schedule_profiles",
    "locations",
    "agencies",
    "categories",
    "services",
    "counters",
    "pledges",
    "closures",
    "pages",
)


class CatalogueInvalid(DomainError):
    code = "catalogue_invalid"

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(
            _("Katalog tidak valid; tidak ada yang diubah.") + "\n" + "\n".join(errors)
        )


@cache
def catalogue_schema() -> dict[str, Any]:
    text = (
        resources.files("catalogue.portable").joinpath("catalogue.schema.json").read_text("utf-8")
    )
    return json.loads(text)


def _path(error) -> str:
    parts: list[str] = []
    for part in error.absolute_path:
        parts.append(f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part)))
    return "".join(parts) or _("(dokumen)")


def validate_document(document: Any, *, known: dict[str, set[str]] | None = None) -> None:
    """Raise CatalogueInvalid naming every field that is wrong, or return silently.

    `known` names keys that already exist in the portal (a CSV of services may refer to agencies
    imported earlier)."""
    if not isinstance(document, dict):
        raise CatalogueInvalid([_("Dokumen katalog harus berupa objek JSON.")])
    validator = Draft202012Validator(catalogue_schema())
    errors = [
        _("%(path)s: %(message)s") % {"path": _path(e), "message": e.message}
        for e in sorted(
            validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
    if errors:
        raise CatalogueInvalid(errors[:200])
    errors = _reference_errors(document, known or {})
    if errors:
        raise CatalogueInvalid(errors[:200])


def _keys(document: dict, section: str) -> list[str]:
    return [item["key"] for item in document.get(section, [])]


def _reference_errors(document: dict, known: dict[str, set[str]]) -> list[str]:
    errors: list[str] = []
    for section in (
        "schedule_profiles",
        "locations",
        "agencies",
        "categories",
        "services",
        "counters",
    ):
        section_keys = _keys(document, section)
        for key in {k for k in section_keys if section_keys.count(k) > 1}:
            errors.append(
                _("%(section)s: kunci '%(key)s' dipakai lebih dari sekali.")
                % {"section": section, "key": key}
            )

    def keys(section: str) -> set[str]:
        return set(_keys(document, section)) | known.get(section, set())

    agencies, locations = keys("agencies"), keys("locations")
    categories, services = keys("categories"), keys("services")
    profiles = keys("schedule_profiles")
    for i, service in enumerate(document.get("services", [])):
        if service["agency"] not in agencies:
            errors.append(
                _("services[%(i)d].agency: instansi '%(key)s' tidak ada.")
                % {"i": i, "key": service["agency"]}
            )
        if service.get("category") and service["category"] not in categories:
            errors.append(
                _("services[%(i)d].category: kategori '%(key)s' tidak ada.")
                % {"i": i, "key": service["category"]}
            )
        if service["channel"] == "external_online" and not service.get("external_url"):
            errors.append(
                _("services[%(i)d].external_url: wajib untuk kanal sistem daring eksternal.")
                % {"i": i}
            )
        fee = service["standard"]["fee"]
        if fee["is_free"] and fee.get("amount"):
            errors.append(
                _("services[%(i)d].standard.fee.amount: layanan gratis tidak memiliki nominal.")
                % {"i": i}
            )
        if not fee["is_free"] and not fee.get("amount") and not fee.get("note"):
            errors.append(
                _("services[%(i)d].standard.fee: isi nominal atau keterangan biaya.") % {"i": i}
            )
    for i, counter in enumerate(document.get("counters", [])):
        if counter["agency"] not in agencies:
            errors.append(
                _("counters[%(i)d].agency: instansi '%(key)s' tidak ada.")
                % {"i": i, "key": counter["agency"]}
            )
        if counter["location"] not in locations:
            errors.append(
                _("counters[%(i)d].location: lokasi '%(key)s' tidak ada.")
                % {"i": i, "key": counter["location"]}
            )
        for key in counter.get("services", []):
            if key not in services:
                errors.append(
                    _("counters[%(i)d].services: layanan '%(key)s' tidak ada.")
                    % {"i": i, "key": key}
                )
    codes = [(c["location"], c["code"]) for c in document.get("counters", [])]
    for location, code in {pair for pair in codes if codes.count(pair) > 1}:
        errors.append(
            _("counters: kode loket '%(code)s' dipakai dua kali di lokasi '%(location)s'.")
            % {"code": code, "location": location}
        )
    defaults = [p for p in document.get("schedule_profiles", []) if p.get("is_default")]
    if len(defaults) > 1:
        errors.append(_("schedule_profiles: hanya satu profil boleh menjadi profil bawaan."))
    for i, profile in enumerate(document.get("schedule_profiles", [])):
        if not profile.get("is_default") and not (
            profile.get("starts_on") and profile.get("ends_on")
        ):
            errors.append(
                _(
                    "schedule_profiles[%(i)d]: profil selain bawaan "
                    "wajib punya starts_on dan ends_on."
                )
                % {"i": i}
            )
    for i, location in enumerate(document.get("locations", [])):
        for j, schedule in enumerate(location.get("schedules", [])):
            if schedule["profile"] not in profiles:
                errors.append(
                    _("locations[%(i)d].schedules[%(j)d].profile: profil '%(key)s' tidak ada.")
                    % {"i": i, "j": j, "key": schedule["profile"]}
                )
            errors.extend(_day_errors(schedule["days"], f"locations[{i}].schedules[{j}]"))
    for i, pledge in enumerate(document.get("pledges", [])):
        if pledge.get("agency") and pledge["agency"] not in agencies:
            errors.append(
                _("pledges[%(i)d].agency: instansi '%(key)s' tidak ada.")
                % {"i": i, "key": pledge["agency"]}
            )
    for i, closure in enumerate(document.get("closures", [])):
        if closure.get("location") and closure["location"] not in locations:
            errors.append(
                _("closures[%(i)d].location: lokasi '%(key)s' tidak ada.")
                % {"i": i, "key": closure["location"]}
            )
    return errors


def _day_errors(days: list[dict], where: str) -> list[str]:
    errors = []
    weekdays = [d["weekday"] for d in days]
    for weekday in {w for w in weekdays if weekdays.count(w) > 1}:
        errors.append(
            _("%(where)s.days: hari %(day)d muncul dua kali.") % {"where": where, "day": weekday}
        )
    for k, day in enumerate(days):
        if day.get("closed"):
            continue
        opens, closes = day.get("opens"), day.get("closes")
        if not opens or not closes or closes <= opens:
            errors.append(
                _("%(where)s.days[%(k)d]: jam buka harus sebelum jam tutup.")
                % {"where": where, "k": k}
            )
            continue
        for brk in day.get("breaks", []):
            if not (opens <= brk["start"] < brk["end"] <= closes):
                errors.append(
                    _(
                        "%(where)s.days[%(k)d].breaks: istirahat %(s)s-%(e)s "
                        "harus di dalam jam buka."
                    )
                    % {"where": where, "k": k, "s": brk["start"], "e": brk["end"]}
                )
    return errors
