"""Life events on the home page ("I need an ID card"): each leads to the directory, filtered by the
first of its catalogue categories the regency has, else searched by a keyword. No JavaScript.
Schema: tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LifeEvent:
    icon: str  # a name in cms/includes/life_event_icon.html
    label: object  # lazy translation
    category_keys: tuple[str, ...]
    keyword: str


LIFE_EVENTS = (
    LifeEvent("id", _("Dokumen kependudukan"), ("kependudukan",), "KTP"),
    LifeEvent("vehicle", _("Kendaraan dan SIM"), ("kendaraan", "kepolisian"), "kendaraan"),
    LifeEvent("business", _("Usaha dan perizinan"), ("perizinan-berusaha", "perizinan"), "usaha"),
    LifeEvent("health", _("Kesehatan"), ("kesehatan", "jaminan-sosial"), "kesehatan"),
    LifeEvent("land", _("Tanah dan bangunan"), ("pertanahan", "perizinan-bangunan"), "tanah"),
    LifeEvent("tax", _("Pajak"), ("perpajakan",), "pajak"),
)


def life_event_links(*, service_index: str, category_keys: set[str]) -> list[dict[str, object]]:
    """[{"icon", "label", "url"}] for the home page; empty while there is no service directory."""
    if not service_index:
        return []
    links = []
    for event in LIFE_EVENTS:
        key = next((k for k in event.category_keys if k in category_keys), None)
        query = {"kategori": key} if key else {"q": event.keyword}
        links.append(
            {"icon": event.icon, "label": event.label, "url": f"{service_index}?{urlencode(query)}"}
        )
    return links
