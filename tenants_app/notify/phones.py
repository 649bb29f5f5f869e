"""Indonesian mobile numbers in E.164 ("0812-3456-789" -> "+628123456789"). Schema: tenant."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from satupintu.errors import DomainError

_SEPARATORS = re.compile(r"[\s\-.()/]")


class PhoneInvalid(DomainError):
    code = "phone_invalid"


def phone_normalise(*, raw: str) -> str:
    """`raw` as +62… ; accepts 08…, 8…, 628…, +628…, with spaces, dashes, dots or brackets."""
    text = _SEPARATORS.sub("", raw or "")
    if not text:
        raise PhoneInvalid(_("Nomor HP wajib diisi."))
    if text.startswith("+"):
        if not text.startswith("+62"):
            raise PhoneInvalid(_("Hanya nomor HP Indonesia (+62) yang dapat menerima pesan."))
        text = text[3:]
    elif text.startswith("62"):
        text = text[2:]
    elif text.startswith("0"):
        text = text[1:]
    if not text.isdigit():
        raise PhoneInvalid(_("Nomor HP hanya boleh berisi angka."))
    if not text.startswith("8"):
        raise PhoneInvalid(_("Nomor HP Indonesia diawali 08 (atau +628)."))
    if not 9 <= len(text) <= 12:
        raise PhoneInvalid(_("Nomor HP harus 10 sampai 13 digit (termasuk 0 di depan)."))
    return f"+62{text}"
