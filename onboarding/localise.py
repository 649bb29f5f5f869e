"""Localising a template for the regency that adopts it ("studi tiru" yields the adopter's own
portal, docs/adr/0035). Pure functions on a catalogue document. Schema: public.

One code path for the wizard, `create_regency --template` and the demo (all reach it through
`provisioning.template_document_for`):

1. placeholders the template marks (`{kabupaten}`, `{kab_kota}`, `{provinsi}`, `{ibukota}`,
   `{nama_mpp}`, `{jenis}`, `{kepala_daerah}`) are filled with the adopter's values;
2. the source region's names that remain (described in `meta.region`: kab/kota name in its forms,
   province, capital and marked places, MPP brand, phones, domains) are rewritten for the adopter;
3. what cannot be guessed is held back: locations' addresses, coordinates and phones (their
   weekly hours stay, listed for the admin to confirm), agencies' phones and websites, branch
   offices of vertical agencies, BUMN and BUMD (inactive until confirmed), standards' SK
   numbers and dates, pledges' signatories. Each held value is returned as a suggestion
   (`Held`) for the new admin's go-live checklist;
4. counts and claims are computed from what is actually imported, and news is not copied.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from regions.selectors import time_zone_for_code

_ABBREVIATIONS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
PLACEHOLDERS = (
    "kabupaten",
    "kab_kota",
    "provinsi",
    "ibukota",
    "nama_mpp",
    "jenis",
    "kepala_daerah",
)
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
# Fields that hold keys (the template's identity, matched on updates), never text.
KEY_FIELDS = frozenset({"key", "agency", "location", "category", "services", "profile"})
HELD_AGENCY_KINDS = frozenset({"vertical", "bumn", "bumd"})
NOT_COPIED_PAGE_KINDS = frozenset({"news", "announcement"})
# Held fields whose template value, rewritten for the adopter, is a fair guess ("Kepolisian Resor
# Badung" -> "Kepolisian Resor Paser"); addresses, phones, coordinates and SK numbers are facts of
# the source region and are offered only as an example (docs/adr/0040).
GUESSABLE_FIELDS = frozenset({"name", "is_active", "signatory"})
# What citizens read in place of a source phone number, until the admin sets their own.
PHONE_STANDIN = "nomor layanan MPP (lihat halaman Kontak)"


@dataclass(frozen=True)
class Region:
    """A kab/kota as the localiser sees it (the adopter from `regions`, the source from meta)."""

    name: str  # short name: "Badung", "Bandung"
    kind: str  # "kabupaten" | "kota"
    province: str
    brand: str = ""
    capital: str = ""
    code: str = ""
    province_short: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    brand_tokens: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    time_zone: str = ""  # "WIB" | "WITA" | "WIT"

    @property
    def full_name(self) -> str:
        return f"{'Kota' if self.kind == 'kota' else 'Kabupaten'} {self.name}"

    @property
    def head_title(self) -> str:
        return f"{'Wali Kota' if self.kind == 'kota' else 'Bupati'} {self.name}"

    @property
    def mpp_brand(self) -> str:
        return self.brand or f"MPP {self.full_name}"

    def words(self) -> list[str]:
        """Every word that belongs to this region (what a crawl of an adopter's portal counts)."""
        found = [self.name, self.province, *self.province_short, *self.places, *self.domains]
        found += [p for p in self.phones if any(ch.isdigit() for ch in p)]
        found += [t for t in (self.brand, *self.brand_tokens) if t and t != f"MPP {self.name}"]
        if self.capital:
            found.append(self.capital)
        return sorted({w for w in found if w}, key=len, reverse=True)


def time_zone_abbreviation(code: str) -> str:
    """WIB, WITA or WIT for a Kemendagri code (Keppres 41/1987, from the regions reference)."""
    if not code:
        return ""
    return _ABBREVIATIONS.get(time_zone_for_code(code), "")


def short_name(full_name: str) -> str:
    return re.sub(r"^(Kabupaten|Kota)\s+", "", full_name).strip()


def source_region(document: dict[str, Any]) -> Region | None:
    meta = document.get("meta", {}).get("region")
    if not meta or not meta.get("name"):
        return None
    return Region(
        name=meta["name"],
        kind=meta.get("kind", document.get("meta", {}).get("regency_kind", "kabupaten")),
        province=meta.get("province", ""),
        brand=meta.get("brand", ""),
        capital=meta.get("capital", ""),
        code=meta.get("code", ""),
        province_short=tuple(meta.get("province_short", [])),
        places=tuple(meta.get("places", [])),
        brand_tokens=tuple(meta.get("brand_tokens", [])),
        phones=tuple(meta.get("phones", [])),
        domains=tuple(meta.get("domains", [])),
        time_zone=time_zone_abbreviation(meta.get("code", "")),
    )


@dataclass
class Held:
    """Values held back for the admin to confirm: (section, key, field) -> the template's value."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, section: str, key: str, name: str, value: Any) -> None:
        if value not in (None, "", []):
            self.items.append({"section": section, "key": key, "field": name, "suggestion": value})

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[item["section"]] = out.get(item["section"], 0) + 1
        return out


class Rewriter:
    """String rewriting from a source region to a target region."""

    def __init__(self, source: Region, target: Region, *, portal_host: str = "") -> None:
        self.source, self.target, self.portal_host = source, target, portal_host
        s, t = source, target
        pairs: list[tuple[str, str]] = [
            (f"Kabupaten {s.name}", t.full_name),
            (f"Kab. {s.name}", t.full_name),
            (f"Kota Besar {s.name}", t.full_name),
            (f"Kota {s.name}", t.full_name),
            (f"Bupati {s.name}", t.head_title),
            (f"Wali Kota {s.name}", t.head_title),
            (f"Walikota {s.name}", t.head_title),
            (f"Pemkab {s.name}", f"Pemerintah {t.full_name}"),
            (f"Pemkot {s.name}", f"Pemerintah {t.full_name}"),
        ]
        if s.province:
            pairs += [(f"Provinsi {s.province}", f"Provinsi {t.province}")]
            pairs += [(short, t.province) for short in s.province_short]
            pairs += [(s.province, t.province)]
        if s.brand and s.brand != t.mpp_brand:
            pairs += [(s.brand, t.mpp_brand)]
        pairs += [(token, "") for token in s.brand_tokens if token.islower()]
        pairs += [(token, t.mpp_brand) for token in s.brand_tokens if not token.islower()]
        pairs += [(phone, PHONE_STANDIN) for phone in s.phones]
        pairs += [(domain, portal_host or "") for domain in s.domains]
        # Places the template marks stand for the adopter's own capital or, unknown, its name.
        pairs += [(place, t.capital or t.name) for place in (s.capital, *s.places) if place]
        pairs += [(s.name, t.name)]
        if s.time_zone and t.time_zone and s.time_zone != t.time_zone:
            pairs += [(s.time_zone, t.time_zone)]  # "07.30-16.00 WITA" in Kalimantan Barat is WIB
        pairs.sort(key=lambda p: len(p[0]), reverse=True)
        self._map = {a.lower(): b for a, b in pairs if a}
        alternatives = "|".join(re.escape(a) for a, _ in pairs if a)
        self._pattern = re.compile(rf"(?<![\w.@-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        self._handles = re.compile(
            r"@[\w.]*(?:"
            + "|".join(re.escape(x.lower()) for x in self._handle_words())
            + r")[\w.]*",
            re.IGNORECASE,
        )
        # Compiled once per rewriter (a template has thousands of texts; docs/adr/0060).
        self._values = self.placeholders()
        domains = self._domain_alt()
        self._domain_links = re.compile(r"https?://[^\s\"'<>]*(?:" + domains + r")[^\s\"'<>]*")
        self._domain_names = re.compile(r"[\w.-]*(?:" + domains + r")")
        self._done: dict[str, str] = {}

    def _handle_words(self) -> list[str]:
        return [self.source.name.lower(), *(t.lower() for t in self.source.brand_tokens)]

    def placeholders(self) -> dict[str, str]:
        t = self.target
        return {
            "kabupaten": t.name,
            "kab_kota": t.full_name,
            "provinsi": t.province,
            "ibukota": t.capital or t.name,
            "nama_mpp": t.mpp_brand,
            "jenis": "kota" if t.kind == "kota" else "kabupaten",
            "kepala_daerah": t.head_title,
        }

    def text(self, value: str) -> str:
        if not value:
            return value
        done = self._done.get(value)  # a template repeats its texts (requirements, hours)
        if done is None:
            done = self._done[value] = self._text(value)
        return done

    def _text(self, value: str) -> str:
        value = _PLACEHOLDER.sub(lambda m: self._values[m.group(1)], value)
        value = self._handles.sub("", value)
        value = self._domain_links.sub("", value)
        value = self._domain_names.sub(self.portal_host, value)
        return self._pattern.sub(lambda m: self._map[m.group(0).lower()], value)

    def _domain_alt(self) -> str:
        return "|".join(re.escape(d) for d in self.source.domains) or r"(?!x)x"

    def walk(self, node: Any) -> Any:
        if isinstance(node, str):
            return self.text(node)
        if isinstance(node, list):
            return [self.walk(v) for v in node]
        if isinstance(node, dict):
            return {k: (v if _is_key(k, v) else self.walk(v)) for k, v in node.items()}
        return node


def _is_key(name: str, value: Any) -> bool:
    """A key or a list of keys (a counter's `services`), not the `services` section."""
    if name not in KEY_FIELDS:
        return False
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    )


def localise_document(
    document: dict[str, Any], *, target: Region, portal_host: str = ""
) -> tuple[dict[str, Any], Held]:
    """The template's document rewritten for `target`, and what is held for the admin to confirm.
    A document without `meta.region`, or adopted by its own source region, only fills its
    placeholders."""
    held = Held()
    source = source_region(document)
    same = source is None or (source.code and source.code == target.code)
    doc = copy.deepcopy(document)
    if same:
        return _placeholders_fill(doc, target), held
    assert source is not None
    doc["pages"] = [p for p in doc.get("pages", []) if p.get("kind") not in NOT_COPIED_PAGE_KINDS]
    _hold(doc, held, source)
    rewriter = Rewriter(source, target, portal_host=portal_host)
    doc = rewriter.walk(doc)
    for item in held.items:
        guessable = item["field"] in GUESSABLE_FIELDS
        item["proposal"] = rewriter.walk(item["suggestion"]) if guessable else None
    doc.setdefault("meta", {}).pop("region", None)
    _claims_compute(doc)
    return doc, held


def source_names_fill(document: dict[str, Any]) -> dict[str, Any]:
    """The document as its source region reads it: placeholders filled with the source's own
    names (the public library and the wizard show a regency's template this way)."""
    source = source_region(document)
    if source is None:
        return document
    return _placeholders_fill(copy.deepcopy(document), source)


def _placeholders_fill(node: Any, target: Region) -> Any:
    values = Rewriter(Region(name="", kind=target.kind, province=""), target).placeholders()
    pattern = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: values[m.group(1)], value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: (v if _is_key(k, v) else walk(v)) for k, v in value.items()}
        return value

    return walk(node)


def _hold(doc: dict[str, Any], held: Held, source: Region) -> None:
    """Hold back what cannot be guessed (before rewriting, so the suggestion is the template's)."""
    places = [p.lower() for p in (source.capital, *source.places) if p]
    profiles = doc.get("schedule_profiles", [])
    default = next((p["key"] for p in profiles if p.get("is_default")), None)
    for loc in doc.get("locations", []):
        # The source's weekly hours stay (a fair default) but are listed for the admin to confirm.
        schedules = loc.get("schedules") or []
        week = next((s for s in schedules if s.get("profile") == default), None)
        week = week or (schedules[0] if schedules else None)
        if week and week.get("days"):
            held.add(
                "locations", loc["key"], "hours", {"profile": week["profile"], "days": week["days"]}
            )
        for name in ("address", "latitude", "longitude", "phone"):
            held.add("locations", loc["key"], name, loc.get(name))
            loc[name] = None if name in ("latitude", "longitude") else ""
        if loc.get("kind") != "main" and any(p in loc["name"].lower() for p in places):
            held.add("locations", loc["key"], "is_active", loc["name"])
            loc["is_active"] = False
    for agency in doc.get("agencies", []):
        for name in ("phone", "website", "email"):
            if agency.get(name):
                held.add("agencies", agency["key"], name, agency[name])
                agency[name] = ""
        if agency.get("kind") in HELD_AGENCY_KINDS and agency.get("is_active", True):
            held.add("agencies", agency["key"], "name", agency["name"])
            agency["is_active"] = False
    for service in doc.get("services", []):
        standard = service.get("standard") or {}
        for name in ("decree_number", "decree_date"):
            if standard.get(name):
                held.add("standards", service["key"], name, standard[name])
                standard.pop(name)
        # The next review follows the source's own decree: a new portal's dashboard said every
        # standard was past review on its first day. The adopter sets it with their own SK.
        standard.pop("review_date", None)
    for pledge in doc.get("pledges", []):
        key = pledge.get("agency") or "mpp"
        if pledge.get("signatory"):
            held.add("pledges", key, "signatory", pledge["signatory"])
            pledge["signatory"] = ""
    branding = doc.get("branding")
    if branding:
        for name in ("address", "phone", "whatsapp", "email", "social"):
            if branding.get(name):
                held.add("contacts", "branding", name, branding.pop(name))


_MORE_THAN = re.compile(r"(lebih dari|sekitar|hampir)\s+(\d+)(\s+(?:jenis\s+)?layanan)", re.I)
_AGENCIES = re.compile(r"\b(\d+)(\s+instansi)\b", re.I)


def _claims_compute(doc: dict[str, Any]) -> None:
    """'lebih dari 150 jenis layanan' and '31 instansi' from what the adopter actually has."""
    services = sum(
        1
        for s in doc.get("services", [])
        if s.get("is_active", True)
        and any(a["key"] == s["agency"] and a.get("is_active", True) for a in doc["agencies"])
    )
    agencies = sum(1 for a in doc.get("agencies", []) if a.get("is_active", True))

    def services_claim(m: re.Match[str]) -> str:
        tens = (services // 10) * 10
        if services < 10 or tens == 0:
            return f"{services}{m.group(3)}"
        if tens == services:
            tens -= 10
        return f"{'lebih dari'} {tens}{m.group(3)}" if tens else f"{services}{m.group(3)}"

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            value = _MORE_THAN.sub(services_claim, value)
            return _AGENCIES.sub(lambda m: f"{agencies}{m.group(2)}", value)
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    for section in ("pages", "locations"):
        doc[section] = fix(doc.get(section, []))
    if "branding" in doc:
        doc["branding"] = fix(doc["branding"])
