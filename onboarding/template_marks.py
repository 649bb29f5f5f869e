"""What a regency marks as regional when it publishes its own setup as a template (issue #11,
docs/adr/0035): its names turned into placeholders (`{kab_kota}`, `{provinsi}`, ...), and its
capital, other places, phones and domains found in the catalogue, to be listed in the published
`meta.region` so that every adopter gets its own names. Pure functions on a catalogue document;
the publish page (catalogue.template_views) shows the proposals and the admin accepts them all
or unticks some. Schema: public.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from onboarding.localise import Region, Rewriter, _is_key

# Words before a place's name in addresses and outlet names ("Gerai Desa Sukamaju", "Kec. Mengwi").
_LOCALITY = re.compile(
    r"\b(?:Desa|Kelurahan|Kel\.|Kecamatan|Kec\.|Pasar|Kampung|Nagari|Gampong|Distrik)\s+"
    r"([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
)
_PLACE = re.compile(r"^[A-Z][\w'-]*(?:[ -][A-Z][\w'-]*){0,3}$")
_NOT_PLACES = frozenset(
    {"indonesia", "jl", "jalan", "gedung", "mpp", "kabupaten", "kota", "provinsi", "rt", "rw"}
)
_MAIL_PROVIDERS = frozenset(
    {"gmail.com", "yahoo.com", "yahoo.co.id", "outlook.com", "hotmail.com", "ymail.com"}
)
# Section labels for "which texts" (the publish page names where a text is).
SECTION_LABELS = {
    "locations": "Lokasi",
    "agencies": "Instansi",
    "services": "Layanan",
    "counters": "Loket",
    "pledges": "Maklumat",
    "categories": "Kategori",
    "closures": "Hari libur",
    "schedule_profiles": "Jadwal",
    "pages": "Halaman",
    "branding": "Identitas",
}
SHOWN_EXAMPLES = 5


@dataclass
class Term:
    """One of the regency's names and the placeholder it would become, with the texts it is in."""

    term: str  # as first found ("Kabupaten Ogan Komering Ulu Timur")
    placeholder: str  # "{kab_kota}"
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (where, before, after)
    count: int = 0

    @property
    def id(self) -> str:
        return self.term.lower()


@dataclass
class Proposals:
    terms: list[Term]
    capital: str
    places: list[str]
    phones: list[str]
    domains: list[str]


def _marker_rewriter(region: Region) -> Rewriter:
    """The source's names -> placeholders (the same forms adoption recognises)."""
    marker = Region(
        name="{kabupaten}",
        kind=region.kind,
        province="{provinsi}",
        brand="{nama_mpp}",
        capital="{ibukota}",
    )
    rewriter = Rewriter(
        Region(
            name=region.name,
            kind=region.kind,
            province=region.province,
            brand=region.brand,
            capital=region.capital,
        ),
        marker,
    )
    rewriter._map.update(
        {
            f"kabupaten {region.name}".lower(): "{kab_kota}",
            f"kota {region.name}".lower(): "{kab_kota}",
            f"kab. {region.name}".lower(): "{kab_kota}",
            f"bupati {region.name}".lower(): "{kepala_daerah}",
            f"wali kota {region.name}".lower(): "{kepala_daerah}",
            f"walikota {region.name}".lower(): "{kepala_daerah}",
        }
    )
    return rewriter


def _strings(document: dict[str, Any]):
    """(where, section, text, setter) for every text of the document (keys left out)."""

    def walk(node: Any, section: str, where: str, parent: Any, slot: Any):
        if isinstance(node, str):
            yield where, node, parent, slot
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, section, where, node, i)
        elif isinstance(node, dict):
            label = node.get("name") or node.get("title") or node.get("key") or where
            here = f"{SECTION_LABELS.get(section, section)}: {label}" if label != where else where
            for k, v in node.items():
                if k == "meta" or _is_key(k, v):
                    continue
                yield from walk(v, section, here, node, k)

    for section, value in document.items():
        if section in ("format", "version", "meta"):
            continue
        yield from walk(value, section, SECTION_LABELS.get(section, section), document, section)


def placeholder_terms(document: dict[str, Any], region: Region) -> list[Term]:
    """The regency's names found in the document's texts, each with its placeholder and up to
    five of the texts it would change (before -> after)."""
    rewriter = _marker_rewriter(region)
    terms: dict[str, Term] = {}
    for where, text, _parent, _slot in _strings(document):
        found = {m.group(0).lower(): m.group(0) for m in rewriter._pattern.finditer(text)}
        for lower, original in found.items():
            term = terms.setdefault(lower, Term(term=original, placeholder=rewriter._map[lower]))
            term.count += 1
            if len(term.examples) < SHOWN_EXAMPLES:
                after = rewriter._pattern.sub(lambda m: rewriter._map[m.group(0).lower()], text)
                term.examples.append((where, text[:160], after[:160]))
    return sorted(terms.values(), key=lambda t: (-len(t.term), t.term))


def placeholders_apply(
    document: dict[str, Any], region: Region, *, accepted: set[str]
) -> dict[str, Any]:
    """The document with the accepted terms (by `Term.id`) replaced by their placeholders."""
    rewriter = _marker_rewriter(region)
    doc = copy.deepcopy(document)

    def replace(m: re.Match[str]) -> str:
        lower = m.group(0).lower()
        return rewriter._map[lower] if lower in accepted else m.group(0)

    for _where, text, parent, slot in list(_strings(doc)):
        new = rewriter._pattern.sub(replace, text)
        if new != text:
            parent[slot] = new
    return doc


def _places_in(text: str) -> list[str]:
    found = [m.group(1).strip() for m in _LOCALITY.finditer(text or "")]
    # The tail of an address: "Jl. Merdeka No. 1, Martapura" -> Martapura.
    for part in (text or "").split(",")[1:]:
        part = re.sub(r"\s+\d{5}$", "", part.strip())  # postcode
        if _PLACE.match(part):
            found.append(part)
    return found


def _clean_place(place: str, region: Region) -> str:
    place = re.sub(r"^(Kabupaten|Kota|Provinsi|Kab\.)\s+", "", place).strip()
    if not place or place.lower() in _NOT_PLACES:
        return ""
    if place.lower() in {region.name.lower(), region.province.lower()}:
        return ""
    return place


def places_find(document: dict[str, Any], region: Region) -> tuple[str, list[str]]:
    """A guess at the capital (the tail of the main building's or the MPP's address) and the
    places named in locations' names and addresses and the MPP's address."""
    capital = ""
    places: list[str] = []
    locations = document.get("locations", [])
    main = [loc for loc in locations if loc.get("kind") == "main"]
    branding = document.get("branding") or {}
    addresses = [loc.get("address", "") for loc in main] + [branding.get("address", "")]
    for address in addresses:
        tail = [_clean_place(p, region) for p in _places_in(address) if "," in address]
        tail = [p for p in tail if p]
        if tail and not capital:
            capital = tail[-1]
    for loc in locations:
        for text in (loc.get("name", ""), loc.get("address", "")):
            places += _places_in(text)
    places += _places_in(branding.get("address", ""))
    for agency in document.get("agencies", []):
        places += _places_in(agency.get("address", ""))
    seen: dict[str, str] = {}
    for place in places:
        place = _clean_place(place, region)
        if place and place.lower() != capital.lower():
            seen.setdefault(place.lower(), place)
    return capital, sorted(seen.values())


def _host(value: str) -> str:
    value = (value or "").strip().lower()
    host = value.split("@", 1)[1] if "@" in value else re.sub(r"^https?://", "", value)
    return host.split("/", 1)[0].split(":", 1)[0].removeprefix("www.")


def _regional_domain(host: str, region: Region) -> str:
    """The regional part of a host ("disdukcapil.okutimurkab.go.id" -> "okutimurkab.go.id"), or
    "" for a national one ("imigrasi.go.id", "bri.co.id"): a regional government's domain is
    <name>kab.go.id, <name>kota.go.id or <name>prov.go.id, or names the regency itself."""
    labels = host.split(".")
    match = re.search(r"(?:^|\.)([a-z0-9-]+(?:kab|kota|prov)\.go\.id)$", host)
    if match:
        return match.group(1)
    token = re.sub(r"[^a-z]", "", region.name.lower())
    if token and len(labels) > 2 and any(token in label for label in labels[:-2]):
        return host
    return ""


def contacts_find(document: dict[str, Any], region: Region) -> tuple[list[str], list[str]]:
    """Phones in the catalogue's contact fields, and the regency's own domains: the MPP's e-mail
    and website, and regional ones of agencies. A domain a service's online system lives at is
    not proposed: marking it would take the adopters' links to that system away."""
    phones: list[str] = []
    domains: list[str] = []
    branding = document.get("branding") or {}
    rows = [branding, *document.get("locations", []), *document.get("agencies", [])]
    for row in rows:
        for name in ("phone", "whatsapp"):
            value = (row.get(name) or "").strip()
            if sum(ch.isdigit() for ch in value) >= 6:
                phones.append(value)
    for name in ("email", "website"):
        host = _host(branding.get(name, ""))
        if "." in host and host not in _MAIL_PROVIDERS:
            domains.append(_regional_domain(host, region) or host)
    for row in [*document.get("locations", []), *document.get("agencies", [])]:
        for name in ("email", "website"):
            domain = _regional_domain(_host(row.get(name, "")), region)
            if domain:
                domains.append(domain)
    systems = {_host(s.get("external_url", "")) for s in document.get("services", [])}
    domains = [d for d in domains if not any(h == d or h.endswith("." + d) for h in systems if h)]
    return sorted(set(phones)), sorted(set(domains))


def marks_propose(document: dict[str, Any], region: Region) -> Proposals:
    """Everything the publish page proposes for `region`'s own catalogue document."""
    capital, places = places_find(document, region)
    capital = region.capital or capital
    known = {p.lower() for p in places} | {capital.lower()}
    places = sorted([*places, *(p for p in region.places if p.lower() not in known)])
    marked = dataclasses.replace(region, capital=capital)
    phones, domains = contacts_find(document, region)
    phones = sorted({*phones, *region.phones})  # what the template it came from marked, too
    domains = sorted({*domains, *region.domains})
    return Proposals(
        terms=placeholder_terms(document, marked),
        capital=capital,
        places=places,
        phones=phones,
        domains=domains,
    )
