"""Survey periods: a semester ("2026-S1"), a year ("2026") or a custom range of dates.

Schema: tenant (pure functions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _


class PeriodInvalid(ValueError):
    code = "skm.period_invalid"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    key: str

    @property
    def label(self) -> str:
        if re.fullmatch(r"\d{4}-S[12]", self.key):
            return _("Semester %(n)s %(year)s") % {
                "n": "I" if self.key[-1] == "1" else "II",
                "year": self.key[:4],
            }
        if re.fullmatch(r"\d{4}", self.key):
            return _("Tahun %(year)s") % {"year": self.key}
        return f"{self.start:%d-%m-%Y} s.d. {self.end:%d-%m-%Y}"

    def previous(self) -> Period:
        """The period of the same length just before this one (the sample's population)."""
        if re.fullmatch(r"\d{4}-S1", self.key):
            return period_parse(f"{int(self.key[:4]) - 1}-S2")
        if re.fullmatch(r"\d{4}-S2", self.key):
            return period_parse(f"{self.key[:4]}-S1")
        if re.fullmatch(r"\d{4}", self.key):
            return period_parse(str(int(self.key) - 1))
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return period_custom(start=end - length, end=end)


def period_custom(*, start: date, end: date) -> Period:
    if end < start:
        raise PeriodInvalid(_("Tanggal awal harus sama dengan atau sebelum tanggal akhir."))
    if (end - start).days > 366 * 5:
        raise PeriodInvalid(_("Periode paling panjang lima tahun."))
    return Period(start, end, f"{start:%Y-%m-%d}..{end:%Y-%m-%d}")


def period_parse(text: str) -> Period:
    """A period from its key; PeriodInvalid (with an Indonesian message) otherwise."""
    text = (text or "").strip()
    if m := re.fullmatch(r"(\d{4})-S([12])", text):
        year = int(m.group(1))
        if not 2000 <= year <= 2100:
            raise PeriodInvalid(_("Tahun di luar jangkauan."))
        if m.group(2) == "1":
            return Period(date(year, 1, 1), date(year, 6, 30), text)
        return Period(date(year, 7, 1), date(year, 12, 31), text)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not 2000 <= year <= 2100:
            raise PeriodInvalid(_("Tahun di luar jangkauan."))
        return Period(date(year, 1, 1), date(year, 12, 31), text)
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", text):
        try:
            start, end = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
        except ValueError as exc:
            raise PeriodInvalid(_("Tanggal tidak valid.")) from exc
        return period_custom(start=start, end=end)
    raise PeriodInvalid(
        _("Periode tidak dikenal; pakai misalnya 2026-S1, 2026, atau 2026-01-01..2026-03-31.")
    )


def period_current(*, today: date) -> Period:
    return period_parse(f"{today.year}-S{1 if today.month <= 6 else 2}")


def period_choices(*, today: date, years: int = 3) -> list[Period]:
    """Recent semesters and years, newest first, for a period picker."""
    out: list[Period] = []
    for year in range(today.year, today.year - years, -1):
        if year < today.year or today.month > 6:
            out.append(period_parse(f"{year}-S2"))
        out.append(period_parse(f"{year}-S1"))
        out.append(period_parse(str(year)))
    return out
