"""Rules for regency addresses: subdomains under the platform and custom domains. Schema: public."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SUBDOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalise_host(value: str) -> str:
    return (value or "").strip().lower().rstrip(".")


def validate_subdomain(value: str) -> str:
    """Return the normalised subdomain or raise ValidationError saying what is wrong."""
    value = normalise_host(value)
    if not value:
        raise ValidationError(_("Subdomain wajib diisi."), code="required")
    if len(value) < 3 or len(value) > 40:
        raise ValidationError(_("Subdomain harus 3 sampai 40 karakter."), code="length")
    if not _SUBDOMAIN.match(value):
        raise ValidationError(
            _(
                "Subdomain hanya boleh berisi huruf kecil a-z, angka, dan tanda hubung, "
                "dan tidak boleh diawali atau diakhiri tanda hubung."
            ),
            code="invalid",
        )
    if "--" in value:
        raise ValidationError(
            _("Subdomain tidak boleh berisi dua tanda hubung berurutan."), code="invalid"
        )
    if value.isdigit():
        raise ValidationError(_("Subdomain tidak boleh hanya berisi angka."), code="invalid")
    if value in settings.RESERVED_SUBDOMAINS:
        raise ValidationError(
            _("Subdomain '%(value)s' dicadangkan untuk platform; pilih nama lain.")
            % {"value": value},
            code="reserved",
        )
    return value


def validate_custom_domain(value: str) -> str:
    value = normalise_host(value)
    if value.startswith(("http://", "https://")):
        raise ValidationError(
            _("Tulis nama domain saja, tanpa http:// atau https://."), code="invalid"
        )
    if not value or len(value) > 253 or "." not in value:
        raise ValidationError(
            _("Domain '%(value)s' tidak valid; contoh yang benar: mpp.badungkab.go.id.")
            % {"value": value},
            code="invalid",
        )
    labels = value.split(".")
    if not all(_LABEL.match(label) for label in labels) or not labels[-1].isalpha():
        raise ValidationError(
            _("Domain '%(value)s' tidak valid; contoh yang benar: mpp.badungkab.go.id.")
            % {"value": value},
            code="invalid",
        )
    base = settings.PLATFORM_BASE_DOMAIN
    if value == base or value.endswith(f".{base}"):
        raise ValidationError(
            _("Domain di bawah %(base)s diatur sebagai subdomain, bukan domain sendiri.")
            % {"base": base},
            code="platform",
        )
    return value


def subdomain_host(subdomain: str) -> str:
    return f"{subdomain}.{settings.PLATFORM_BASE_DOMAIN}"


def suggest_subdomain(official_name: str) -> str:
    """`Kabupaten Badung` -> `badung`; `Kota Bandung` -> `kotabandung` is left to the caller."""
    name = re.sub(r"^(kabupaten|kota(\s+administrasi)?)\s+", "", official_name.strip(), flags=re.I)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:40].strip("-")
