"""Spelling-tolerant service search: the same normalisation for documents and queries.

PostgreSQL has no Indonesian text-search dictionary, so documents use the `simple` configuration,
common spelling variants are folded to one form on both sides (antrian/antrean, akte/akta,
ijin/izin, e-KTP/KTP-el, ...), and a query word the regency's catalogue does not contain is
corrected to the closest word it does contain (typos such as "pasprt" or "kelurga"). This needs no
database extension, so it works on every PostgreSQL, including the embedded one.
"""

from __future__ import annotations

import difflib
import re

# Variant -> the form we index. Multi-word variants are matched before single words.
SPELLINGS: dict[str, str] = {
    "kartu tanda penduduk elektronik": "ktp",
    "kartu tanda penduduk": "ktp",
    "ktp elektronik": "ktp",
    "ktp-el": "ktp",
    "ktpel": "ktp",
    "e-ktp": "ktp",
    "ektp": "ktp",
    "kartu keluarga": "kk",
    "surat izin mengemudi": "sim",
    "surat ijin mengemudi": "sim",
    "surat keterangan catatan kepolisian": "skck",
    "nomor pokok wajib pajak": "npwp",
    "antrian": "antrean",
    "akte": "akta",
    "ijin": "izin",
    "perijinan": "perizinan",
    "pasport": "paspor",
    "passport": "paspor",
    "pasfor": "paspor",
    "sertipikat": "sertifikat",
    "sertifikad": "sertifikat",
    "kelahiran": "lahir",
    "kematian": "mati",
    "pernikahan": "nikah",
    "perkawinan": "kawin",
    "perceraian": "cerai",
    "perpanjang": "perpanjangan",
    "npwpd": "npwpd",
    "bpjs kes": "bpjs kesehatan",
    "bpjs tk": "bpjs ketenagakerjaan",
    "jamsostek": "bpjs ketenagakerjaan",
    "pln": "listrik pln",
    "pdam": "air minum pdam",
}
_PHRASES = sorted((k for k in SPELLINGS if " " in k or "-" in k), key=len, reverse=True)
# Words of the spelling variants we fold, so that a typo of a variant is still recognised.
_VARIANT_WORDS = frozenset(
    w for phrase in SPELLINGS for w in re.split(r"[\s-]+", phrase) if len(w) >= 3
)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12


def normalise(text: str) -> str:
    """Lower-case words with spelling variants folded; punctuation becomes space."""
    lowered = " " + " ".join(_WORD.findall((text or "").lower())) + " "
    for phrase in _PHRASES:
        lowered = lowered.replace(f" {phrase} ", f" {SPELLINGS[phrase]} ")
    words = [SPELLINGS.get(word, word) for word in lowered.split()]
    return " ".join(words)


def raw_words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def query_words(query: str, *, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """The words of a citizen's query: typos corrected against `vocabulary`, spelling variants
    folded, bounded in number; safe to put in a tsquery."""
    words = raw_words(query[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]
    if vocabulary:
        words = correct_words(words, vocabulary | _VARIANT_WORDS)
    words = normalise(" ".join(words)).split()
    safe = []
    for word in words:
        for part in word.split("-"):
            if part and part not in safe:
                safe.append(part)
    return safe[:MAX_QUERY_WORDS]


def correct_words(words: list[str], vocabulary: frozenset[str]) -> list[str]:
    """Replace words the catalogue does not know (not even as a prefix) by the closest it knows."""
    corrected = []
    for word in words:
        if len(word) < 4 or word in vocabulary or any(v.startswith(word) for v in vocabulary):
            corrected.append(word)
            continue
        match = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        corrected.append(match[0] if match else word)
    return corrected


def tsquery_for(words: list[str], *, operator: str = "&") -> str:
    """Prefix matching on the words: `ktp:* & baru:*` (words are [a-z0-9] only)."""
    return f" {operator} ".join(f"{w}:*" for w in words if re.fullmatch(r"[a-z0-9]+", w))
