"""The IKM formula of PermenPANRB 14/2017 on worked examples, and the grade boundaries."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from portal.survey.ikm import Grade, grade_of, ikm_from_sums, rounded

# Four respondents, U1..U9 each (rows are respondents).
FOUR = [
    [4, 3, 3, 4, 3, 4, 4, 3, 3],
    [3, 3, 2, 4, 3, 3, 4, 3, 3],
    [3, 2, 3, 4, 3, 3, 4, 3, 2],
    [4, 3, 3, 4, 3, 4, 4, 3, 3],
]


def sums_of(rows: list[list[int]]) -> list[int]:
    return [sum(column) for column in zip(*rows, strict=True)]


def test_worked_example_four_respondents():
    # By hand: sums 14 11 11 16 12 14 16 12 11 -> NRR 3.5 2.75 2.75 4 3 3.5 4 3 2.75,
    # sum of NRR 29.25; IKM = 29.25 x 1/9 x 25 = 81.25 -> B (Baik).
    result = ikm_from_sums(4, sums_of(FOUR))
    assert result is not None
    assert [e.nrr for e in result.elements] == [
        Fraction(7, 2), Fraction(11, 4), Fraction(11, 4), 4, 3, Fraction(7, 2), 4, 3,
        Fraction(11, 4),
    ]  # fmt: skip
    assert result.ikm == Fraction(8125, 100)
    assert result.shown == Decimal("81.25")
    assert result.grade is Grade.B
    assert result.weakest == ("U2", "U3", "U9")
    # Elements under Baik on their own (NRR x 25 < 76.61): 2.75 x 25 = 68.75, 3 x 25 = 75.
    assert result.below_good == ("U2", "U3", "U5", "U8", "U9")


def test_worked_example_rounds_only_at_the_end():
    # Three respondents answer 3 everywhere, except one answers 4 on U1: NRR U1 = 10/3.
    # Exact: (10/3 + 8 x 3) / 9 x 25 = 2050/27 = 75.9259... -> 75.93 (C, Kurang Baik).
    # Rounding NRR U1 to 3.33 first would give 75.9166... -> 75.92: a different published number.
    result = ikm_from_sums(3, [10, 9, 9, 9, 9, 9, 9, 9, 9])
    assert result is not None
    assert result.ikm == Fraction(2050, 27)
    assert result.shown == Decimal("75.93")
    early = (Decimal("3.33") + 8 * 3) / 9 * 25
    assert early.quantize(Decimal("0.01")) == Decimal("75.92")
    assert result.grade is Grade.C
    assert result.weakest == ("U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")


def test_extremes_are_25_and_100():
    lowest = ikm_from_sums(7, [7] * 9)
    highest = ikm_from_sums(7, [28] * 9)
    assert lowest is not None
    assert highest is not None
    assert (lowest.ikm, lowest.grade) == (25, Grade.D)
    assert (highest.ikm, highest.grade, highest.shown) == (100, Grade.A, Decimal("100.00"))


def test_no_respondents_has_no_ikm():
    assert ikm_from_sums(0, [0] * 9) is None


def test_per_element_counts_are_honoured():
    # An element with fewer answers divides by its own count.
    result = ikm_from_sums(4, [12] * 9, counts=[4, 4, 4, 4, 4, 4, 4, 4, 3])
    assert result is not None
    assert result.elements[8].nrr == 4


def test_wrong_number_of_sums_is_a_bug():
    with pytest.raises(ValueError, match="expected 9"):
        ikm_from_sums(1, [1] * 8)


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("100", Grade.A),
        ("88.31", Grade.A),
        ("88.30", Grade.B),
        ("76.61", Grade.B),
        ("76.60", Grade.C),
        ("65.00", Grade.C),
        ("64.99", Grade.D),
        ("25", Grade.D),
    ],
)
def test_grade_boundaries(value, grade):
    assert grade_of(Fraction(value)) is grade
    assert grade_of(Decimal(value)) is grade


@pytest.mark.parametrize(
    ("value", "shown", "grade"),
    [
        # A value between two bands is graded as it is published: rounded half up to 2 places.
        ("88.305", "88.31", Grade.A),
        ("88.3049999", "88.30", Grade.B),
        ("76.605", "76.61", Grade.B),
        ("76.6049", "76.60", Grade.C),
        ("64.995", "65.00", Grade.C),
        ("64.9949", "64.99", Grade.D),
    ],
)
def test_values_between_bands_take_the_grade_of_their_rounded_form(value, shown, grade):
    assert rounded(Fraction(value)) == Decimal(shown)
    assert grade_of(Fraction(value)) is grade


def test_an_ikm_of_exactly_88_305_from_real_sums_is_grade_a():
    # 5000 respondents, each element summing to 17661: NRR 3.5322, IKM 3.5322 x 25 = 88.305.
    result = ikm_from_sums(5000, [17661] * 9)
    assert result is not None
    assert result.ikm == Fraction("88.305")
    assert (result.shown, result.grade) == (Decimal("88.31"), Grade.A)


def test_rounding_is_exact_half_up():
    assert rounded(Fraction(1, 8), 2) == Decimal("0.13")  # 0.125: a true tie, rounded up
    assert rounded(Fraction(2050, 27), 3) == Decimal("75.926")
