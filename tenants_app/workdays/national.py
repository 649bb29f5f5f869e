"""Indonesia's national holidays and cuti bersama, from the `holidays` package. Schema: tenant.

Pure computation, no queries: the catalogue's opening hours and the working-day selectors both
read it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
from holidays.constants import GOVERNMENT, PUBLIC


@lru_cache(maxsize=32)
def national_holidays(year: int, *, with_cuti_bersama: bool) -> dict[date, str]:
    """Indonesia's national holidays (SKB 3 Menteri) for one year; with `with_cuti_bersama`, the
    cuti bersama days (the package's GOVERNMENT category) as well."""
    categories = (PUBLIC, GOVERNMENT) if with_cuti_bersama else (PUBLIC,)
    return dict(holidays.country_holidays("ID", years=year, categories=categories).items())
