"""The SKM index, exactly (docs/adr/0025): NRR, IKM, IKM × 25 rounded half-up, mutu and kinerja,
and the Krejcie–Morgan sample size. Pure arithmetic on exact fractions; nothing here touches the
database.

Schema: tenant (pure functions).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.questionnaire import UNSUR


class WeightMode(models.TextChoices):
    EXACT = "exact", _("1/9 (tepat, skor maksimum 100)")
    PRINTED_0111 = "0.111", _("0,111 (seperti contoh Permen; skor maksimum 99,90)")
    PRINTED_011 = "0.11", _("0,11 (laporan lama; skor maksimum 99,00)")


WEIGHTS: dict[str, Fraction] = {
    WeightMode.EXACT: Fraction(1, 9),
    WeightMode.PRINTED_0111: Fraction(111, 1000),
    WeightMode.PRINTED_011: Fraction(11, 100),
}
WEIGHT_LABELS = {
    WeightMode.EXACT: "1/9",
    WeightMode.PRINTED_0111: "0,111",
    WeightMode.PRINTED_011: "0,11",
}


@dataclass(frozen=True)
class Band:
    mutu: str
    kinerja: str
    floor: Decimal  # the lowest IKM × 25 (already rounded to 2 places) in the band


# Highest first; a score below D's printed floor (possible only with the 0,11 weight: 24,75) is D.
BANDS: tuple[Band, ...] = (
    Band("A", "Sangat Baik", Decimal("88.31")),
    Band("B", "Baik", Decimal("76.61")),
    Band("C", "Kurang Baik", Decimal("65.00")),
    Band("D", "Tidak Baik", Decimal("25.00")),
)


class ScoreOutOfScale(ValueError):
    code = "skm.score_out_of_scale"


def half_up(value: Fraction, places: int) -> Decimal:
    """`value` rounded half-up to `places` decimals, on the exact fraction (so 88,305 is never
    88,30499… first)."""
    scaled = value * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    return Decimal(whole).scaleb(-places)


def band_for(score: Decimal) -> Band:
    """The mutu/kinerja band of an IKM × 25 already rounded to two places."""
    for band in BANDS:
        if score >= band.floor:
            return band
    return BANDS[-1]


@dataclass(frozen=True)
class UnsurResult:
    code: str
    name: str
    total: int
    nrr: Fraction

    @property
    def nrr_display(self) -> Decimal:
        return half_up(self.nrr, 3)

    @property
    def percent(self) -> Decimal:
        """The NRR on the 25–100 scale, for bars."""
        return half_up(self.nrr * 25, 2)


@dataclass(frozen=True)
class IndexResult:
    respondents: int
    unsur: tuple[UnsurResult, ...]
    weight_mode: str
    ikm: Fraction | None  # 1–4
    score: Decimal | None  # IKM × 25, rounded half-up to 2 places
    band: Band | None

    @property
    def weight_label(self) -> str:
        return WEIGHT_LABELS[WeightMode(self.weight_mode)]

    @property
    def ikm_display(self) -> Decimal | None:
        return None if self.ikm is None else half_up(self.ikm, 4)

    @property
    def weakest(self) -> UnsurResult | None:
        if not self.respondents:
            return None
        return min(self.unsur, key=lambda u: (u.nrr, u.code))

    def as_dict(self) -> dict:
        return {
            "respondents": self.respondents,
            "weight": self.weight_label,
            "nrr": {u.code: str(u.nrr_display) for u in self.unsur} if self.respondents else {},
            "ikm": None if self.ikm_display is None else str(self.ikm_display),
            "ikm_x25": None if self.score is None else str(self.score),
            "mutu": self.band.mutu if self.band else None,
            "kinerja": self.band.kinerja if self.band else None,
        }


def index_compute(*, respondents: int, totals: dict[str, int], weight_mode: str) -> IndexResult:
    """The index from the number of respondents and each unsur's sum of scores.

    The sums must be consistent with a 1–4 scale (respondents ≤ sum ≤ 4 × respondents).
    """
    weight = WEIGHTS[WeightMode(weight_mode)]
    rows = []
    for unsur in UNSUR:
        total = int(totals.get(unsur.code, 0) or 0)
        if respondents and not respondents <= total <= 4 * respondents:
            raise ScoreOutOfScale(f"{unsur.code}: {total} is not a sum of 1–4 scores")
        nrr = Fraction(total, respondents) if respondents else Fraction(0)
        rows.append(UnsurResult(unsur.code, str(unsur.name), total, nrr))
    if not respondents:
        return IndexResult(0, tuple(rows), weight_mode, None, None, None)
    ikm = sum((row.nrr * weight for row in rows), Fraction(0))
    score = half_up(ikm * 25, 2)
    return IndexResult(respondents, tuple(rows), weight_mode, ikm, score, band_for(score))


def index_of_answers(*, answers: list[dict[str, int]], weight_mode: str) -> IndexResult:
    """The index of individual answer sheets ({"U1": 3, …}); any score outside 1–4 is refused."""
    totals = dict.fromkeys((u.code for u in UNSUR), 0)
    for sheet in answers:
        for unsur in UNSUR:
            value = sheet.get(unsur.code)
            if value not in (1, 2, 3, 4):
                raise ScoreOutOfScale(f"{unsur.code}: {value!r} is not on the 1–4 scale")
            totals[unsur.code] += value
    return index_compute(respondents=len(answers), totals=totals, weight_mode=weight_mode)


# Krejcie & Morgan (1970): chi-square 3.841 (1 df, 95 %), P = 0.5, d = 0.05.
KM_CHI2 = Fraction(3841, 1000)
KM_P = Fraction(1, 2)
KM_D = Fraction(5, 100)

# The populations N of the published table (Krejcie & Morgan 1970, Table 1). A population between
# two rows takes the next larger row (domain.md section 6), so 1 050 users need 285 respondents
# (the row of 1 100), not the formula's 281 at 1 050.
KM_TABLE_N: tuple[int, ...] = (
    *range(10, 100, 5),
    *range(100, 300, 10),
    *range(300, 500, 20),
    *range(500, 1000, 50),
    *range(1000, 2000, 100),
    *range(2000, 3000, 200),
    *range(3000, 5000, 500),
    *range(5000, 10000, 1000),
    10000,
    15000,
    20000,
    30000,
    40000,
    50000,
    75000,
    1000000,
)


def krejcie_morgan(population: int) -> int:
    """S = X²NP(1−P) ÷ (d²(N−1) + X²P(1−P)), exact, rounded half-up to whole respondents (this
    gives every row of the published table)."""
    top = KM_CHI2 * population * KM_P * (1 - KM_P)
    bottom = KM_D**2 * (population - 1) + KM_CHI2 * KM_P * (1 - KM_P)
    return int(half_up(top / bottom, 0))


def sample_size(*, population: int) -> int:
    """The table's sample for the population: its own row, or the next larger row between two
    rows; never more than the population; past the last row (1 000 000) the formula's 384."""
    if population <= 0:
        return 0
    row = KM_TABLE_N[bisect_left(KM_TABLE_N, population)] if population <= KM_TABLE_N[-1] else None
    return min(population, krejcie_morgan(row or population))
