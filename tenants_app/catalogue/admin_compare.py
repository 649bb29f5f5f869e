"""Comparing two revisions of a service in the admin: the standard's fields (fees, requirements,
time) travel in the revision's `standard_draft`, which no form field shows, so this panel adds
one comparison per standard field to Wagtail's compare view. Schema: tenant.
"""

from __future__ import annotations

import functools

from django.utils.html import escape
from wagtail.admin.compare import TextDiff, diff_text
from wagtail.admin.panels import Panel

STANDARD_LABELS = {
    "requirements": "Persyaratan",
    "procedure": "Alur / prosedur",
    "completion_time_value": "Jangka waktu",
    "completion_time_unit": "Satuan waktu",
    "completion_time_note": "Keterangan waktu",
    "fee_is_free": "Gratis",
    "fee_amount": "Biaya (Rp)",
    "fee_note": "Keterangan biaya",
    "tariff_basis": "Dasar tarif",
    "product": "Produk pelayanan",
    "complaint_handling": "Penanganan pengaduan",
    "legal_basis": "Dasar hukum",
    "decree_number": "Nomor SK",
    "decree_date": "Tanggal SK",
    "review_date": "Tanggal peninjauan berikutnya",
}


def _as_text(value) -> str:
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if value is True:
        return "Ya"
    if value is False:
        return "Tidak"
    return "" if value is None else str(value)


class StandardFieldComparison:
    """One standard field of two revisions, shaped like wagtail.admin.compare.FieldComparison."""

    is_field = True
    is_child_relation = False

    def __init__(self, name: str, obj_a, obj_b):
        self.name = name
        self.val_a = _as_text((obj_a.standard_draft or {}).get(name))
        self.val_b = _as_text((obj_b.standard_draft or {}).get(name))

    def field_label(self) -> str:
        return STANDARD_LABELS[self.name]

    def htmldiff(self) -> str:
        if self.val_a == self.val_b:
            return escape(self.val_a)
        if "\n" in self.val_a or "\n" in self.val_b:
            return diff_text(self.val_a, self.val_b).to_html()
        return TextDiff([("deletion", self.val_a), ("addition", self.val_b)]).to_html()

    def has_changed(self) -> bool:
        return self.val_a != self.val_b


class StandardComparisonPanel(Panel):
    """Shows nothing in the form; contributes the standard's fields to the compare view."""

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self) -> bool:
            return False

        def get_comparison(self):
            return [functools.partial(StandardFieldComparison, name) for name in STANDARD_LABELS]
