"""The SKM index against a worked example computed by hand, the weight settings, the band edges
after half-up rounding, and the Krejcie–Morgan table of domain.md section 6 (between two rows,
the next larger row)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from surveys.index import (
    ScoreOutOfScale,
    WeightMode,
    band_for,
    half_up,
    index_compute,
    index_of_answers,
    sample_size,
)

# Four respondents, by hand:
#   sums U1..U9 = 14 14 12 15 14 14 14 12 14 (total 123)
#   NRR = 3.5 3.5 3.0 3.75 3.5 3.5 3.5 3.0 3.5
#   IKM (1/9)   = 123 / 36      = 3.41666…  ×25 = 85.41666… → 85.42 B Baik
#   IKM (0,111) = 30.75 × 0.111 = 3.41325   ×25 = 85.33125  → 85.33 B Baik
#   IKM (0,11)  = 30.75 × 0.11  = 3.3825    ×25 = 84.5625   → 84.56 B Baik
SHEETS = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [4, 3, 2, 4, 3, 4, 3, 2, 4],
    [3, 4, 3, 4, 4, 3, 4, 3, 3],
]


def _answers():
    return [{f"U{i + 1}": v for i, v in enumerate(sheet)} for sheet in SHEETS]


def test_worked_example_with_exact_weight():
    result = index_of_answers(answers=_answers(), weight_mode=WeightMode.EXACT)
    assert result.respondents == 4
    assert [str(u.nrr_display) for u in result.unsur] == [
        "3.500",
        "3.500",
        "3.000",
        "3.750",
        "3.500",
        "3.500",
        "3.500",
        "3.000",
        "3.500",
    ]
    assert result.ikm == Fraction(123, 36)
    assert result.score == Decimal("85.42")
    assert (result.band.mutu, result.band.kinerja) == ("B", "Baik")
    assert result.weakest.code == "U3"
    assert result.as_dict()["weight"] == "1/9"


@pytest.mark.parametrize(
    ("mode", "score", "label"),
    [(WeightMode.PRINTED_0111, "85.33", "0,111"), (WeightMode.PRINTED_011, "84.56", "0,11")],
)
def test_worked_example_with_printed_weights(mode, score, label):
    result = index_of_answers(answers=_answers(), weight_mode=mode)
    assert result.score == Decimal(score)
    assert result.weight_label == label


def test_all_fours_reach_100_only_with_the_exact_weight():
    totals = {f"U{i}": 40 for i in range(1, 10)}
    assert index_compute(
        respondents=10, totals=totals, weight_mode=WeightMode.EXACT
    ).score == Decimal("100.00")
    assert index_compute(
        respondents=10, totals=totals, weight_mode=WeightMode.PRINTED_0111
    ).score == Decimal("99.90")
    assert index_compute(
        respondents=10, totals=totals, weight_mode=WeightMode.PRINTED_011
    ).score == Decimal("99.00")


def test_all_ones_under_0_11_fall_below_the_printed_d_floor_and_stay_d():
    totals = {f"U{i}": 10 for i in range(1, 10)}
    result = index_compute(respondents=10, totals=totals, weight_mode=WeightMode.PRINTED_011)
    assert result.score == Decimal("24.75")
    assert result.band.mutu == "D"


@pytest.mark.parametrize(
    ("per_unsur", "score", "mutu", "kinerja"),
    [
        (35322, "88.31", "A", "Sangat Baik"),  # exactly 88,305 before rounding
        (35321, "88.30", "B", "Baik"),  # 88,3025
        (30642, "76.61", "B", "Baik"),  # exactly 76,605
        (30641, "76.60", "C", "Kurang Baik"),  # 76,6025
        (25998, "65.00", "C", "Kurang Baik"),  # exactly 64,995
        (25997, "64.99", "D", "Tidak Baik"),  # 64,9925
    ],
)
def test_rounding_half_up_before_banding_at_the_edges(per_unsur, score, mutu, kinerja):
    totals = {f"U{i}": per_unsur for i in range(1, 10)}
    result = index_compute(respondents=10000, totals=totals, weight_mode=WeightMode.EXACT)
    assert result.score == Decimal(score)
    assert (result.band.mutu, result.band.kinerja) == (mutu, kinerja)


def test_half_up_is_exact_not_float():
    assert half_up(Fraction(88305, 1000), 2) == Decimal("88.31")
    assert half_up(Fraction(88304999, 1000000), 2) == Decimal("88.30")
    assert band_for(Decimal("100.00")).mutu == "A"


@pytest.mark.parametrize("bad", [0, 5, None, "3", 2.5])
def test_scores_off_the_scale_are_refused(bad):
    answers = _answers()
    answers[1]["U4"] = bad
    with pytest.raises(ScoreOutOfScale):
        index_of_answers(answers=answers, weight_mode=WeightMode.EXACT)


def test_sums_impossible_on_a_1_to_4_scale_are_refused():
    with pytest.raises(ScoreOutOfScale):
        index_compute(respondents=2, totals={f"U{i}": 9 for i in range(1, 10)}, weight_mode="exact")


def test_no_respondents_no_index():
    result = index_compute(respondents=0, totals={}, weight_mode=WeightMode.EXACT)
    assert (result.score, result.band, result.weakest) == (None, None, None)


# Krejcie & Morgan (1970), Table 1, every row (N, S).
# fmt: off
KM_ROWS = [
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148), (250, 152),
    (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175), (340, 181), (360, 186),
    (380, 191), (400, 196), (420, 201), (440, 205), (460, 210), (480, 214), (500, 217), (550, 226),
    (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274),
    (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310),
    (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335),
    (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361),
    (7000, 364), (8000, 367), (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379),
    (40000, 380), (50000, 381), (75000, 382), (1000000, 384),
]
# fmt: on


def test_krejcie_morgan_every_row_of_the_published_table():
    assert len(KM_ROWS) == 90
    assert [(n, sample_size(population=n)) for n, _s in KM_ROWS] == KM_ROWS


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (11, 11),  # the row of 15 gives 14, but never more than the population
        (41, 40),  # the row of 45 (the formula at 41 gives 37)
        (1001, 285),  # the row of 1 100 (the formula at 1 001 gives 278)
        (1050, 285),  # the formula at 1 050 gives 281
        (12000, 375),  # the row of 15 000 (the formula gives 372)
        (100000, 384),  # the row of 1 000 000 (the formula gives 383)
        (2000000, 384),  # past the last row
    ],
)
def test_krejcie_morgan_between_rows_takes_the_next_larger_row(population, sample):
    assert sample_size(population=population) == sample


def test_krejcie_morgan_small_and_empty_populations():
    assert sample_size(population=0) == 0
    assert sample_size(population=1) == 1
    assert sample_size(population=7) == 7
