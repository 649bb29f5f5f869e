"""Colour checks for a portal's branding: WCAG 2.2 contrast of the text that sits on the colours."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def branding_colour_problems(*, primary: str, accent: str) -> dict[str, str]:
    """Why a colour pair cannot be used, per field; empty when both pass WCAG AA.

    The primary colour is the header and button background under white text; the accent colour is
    used for links and secondary buttons on the white page, so both need 4.5:1 against white.
    """
    problems: dict[str, str] = {}
    for field, colour, role in (
        ("primary_color", primary, _("teks putih di atas warna utama (kepala halaman, tombol)")),
        ("accent_color", accent, _("tautan berwarna aksen di atas latar putih")),
    ):
        if not colour or not HEX.match(colour):
            problems[field] = _("Tulis warna sebagai kode hex enam digit, misalnya #0b5d51.")
            continue
        ratio = contrast_ratio(colour, WHITE)
        if ratio < AA_NORMAL_TEXT:
            problems[field] = _(
                "Kontras %(role)s hanya %(ratio).2f:1; WCAG AA mensyaratkan paling sedikit 4,5:1. "
                "Pilih warna yang lebih gelap."
            ) % {"role": role, "ratio": ratio}
    return problems
