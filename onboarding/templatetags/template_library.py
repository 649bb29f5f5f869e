"""Template library display helpers: a template's agencies by kind in words. Schema: public."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# The kinds in the order a reader expects them, named as an applicant says them.
KIND_WORDS = (
    ("opd", "OPD"),
    ("provincial", "instansi provinsi"),
    ("vertical", "instansi vertikal"),
    ("bumn", "BUMN"),
    ("bumd", "BUMD"),
    ("private", "mitra swasta"),
)


@register.filter
def agencies_in_words(by_kind: dict | None) -> str:
    """{"opd": 11, "bumd": 2} -> "11 OPD, 2 BUMD"."""
    by_kind = by_kind or {}
    return ", ".join(
        f"{by_kind[kind]} {_(label)}" for kind, label in KIND_WORDS if by_kind.get(kind)
    )
