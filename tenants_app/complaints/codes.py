"""Kode Lacak: short, unguessable tracking codes without look-alike characters. Schema: tenant."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, U/V confusion: 30 characters, 10 of them ~ 49 bits.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10


def tracking_code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def tracking_code_normalise(text: str) -> str | None:
    """The stored form of a code as typed ("abcde-fghjk", spaces, lower case); None if it cannot be
    one."""
    cleaned = "".join(ch for ch in (text or "")[:40].upper() if ch not in " -.")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned
