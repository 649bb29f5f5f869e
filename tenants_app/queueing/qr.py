"""QR codes drawn on the server as inline SVG (segno), so a kiosk prints them offline."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, scale: int = 3) -> SafeString:
    """`data` as an inline SVG QR code (error correction M), safe to put in a template."""
    svg = segno.make(data, error="m").svg_inline(scale=scale, omitsize=True)
    return mark_safe(svg)  # noqa: S308 - segno's own SVG of our own URL
