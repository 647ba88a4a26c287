"""IKM (Indeks Kepuasan Masyarakat) arithmetic, exactly as PermenPANRB 14/2017 defines it.

NRR of an element = the mean of its answers; IKM = (sum of NRR x 1/9) x 25. The database returns
integer sums and counts; everything after that is ``Fraction`` arithmetic, rounded only when a
number is shown (two decimals, half up).

Grades (mutu pelayanan) by the IKM *as published*, i.e. rounded to two decimals:
A 88.31-100 Sangat Baik, B 76.61-88.30 Baik, C 65.00-76.60 Kurang Baik, D 25.00-64.99 Tidak Baik.
The bands leave gaps (88.30 | 88.31), so an exact value in a gap, e.g. 88.305, is graded by its
rounded form: 88.305 -> 88.31 -> A, and 88.3049... -> 88.30 -> B. The grade then always agrees
with the number printed beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from portal.survey.elements import ELEMENTS

WEIGHT = Fraction(1, 9)  # each of the nine elements weighs the same
SCALE = 25  # maps the 1-4 NRR onto 25-100
# Lowest published IKM of each grade (two decimals): A from 88.31, B 76.61, C 65.00, D below.
GRADE_FLOORS = (
    (Decimal("88.31"), "A"),
    (Decimal("76.61"), "B"),
    (Decimal("65.00"), "C"),
)


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


GRADE_LABELS = {
    Grade.A: "Sangat Baik",
    Grade.B: "Baik",
    Grade.C: "Kurang Baik",
    Grade.D: "Tidak Baik",
}


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """``value`` (not negative) rounded half up to ``places`` decimals, exactly: no float."""
    scaled = value * 10**places + Fraction(1, 2)
    return Decimal(scaled.numerator // scaled.denominator).scaleb(-places)


def grade_of(ikm: Fraction | Decimal) -> Grade:
    """The grade of an IKM value: its two-decimal published form against the standard's bands."""
    shown = rounded(Fraction(ikm))
    for floor, grade in GRADE_FLOORS:
        if shown >= floor:
            return Grade(grade)
    return Grade.D


@dataclass(frozen=True, slots=True)
class ElementScore:
    """One element's result: NRR (mean answer) and its 25-100 equivalent."""

    code: str
    name: str
    answers: int
    nrr: Fraction

    @property
    def score(self) -> Fraction:
        """NRR x 25: the element on the IKM scale (its own grade uses the same bands)."""
        return self.nrr * SCALE


@dataclass(frozen=True, slots=True)
class IkmResult:
    """IKM of a set of responses, with each element and the weakest ones flagged."""

    respondents: int
    elements: tuple[ElementScore, ...]
    ikm: Fraction

    @property
    def shown(self) -> Decimal:
        return rounded(self.ikm)

    @property
    def grade(self) -> Grade:
        return grade_of(self.ikm)

    @property
    def weakest(self) -> tuple[str, ...]:
        """Elements with the lowest NRR (all of them on a tie)."""
        low = min(e.nrr for e in self.elements)
        return tuple(e.code for e in self.elements if e.nrr == low)

    @property
    def below_good(self) -> tuple[str, ...]:
        """Elements whose own score is under grade B (Baik): the ones to act on."""
        return tuple(e.code for e in self.elements if grade_of(e.score) in (Grade.C, Grade.D))


def ikm_from_sums(
    respondents: int, sums: Sequence[int], counts: Sequence[int] | None = None
) -> IkmResult | None:
    """IKM from per-element answer sums (and answer counts, default: one per respondent).

    None when nobody answered. Each NRR is ``Fraction(sum, count)``; the IKM adds them with the
    weight 1/9 and scales by 25, all exact.
    """
    if len(sums) != len(ELEMENTS):
        raise ValueError(f"expected {len(ELEMENTS)} sums, got {len(sums)}")
    counts = list(counts) if counts is not None else [respondents] * len(ELEMENTS)
    if respondents <= 0 or any(c <= 0 for c in counts):
        return None
    elements = tuple(
        ElementScore(e.code, e.name, c, Fraction(s, c))
        for e, s, c in zip(ELEMENTS, sums, counts, strict=True)
    )
    ikm = sum((el.nrr * WEIGHT for el in elements), Fraction(0)) * SCALE
    return IkmResult(respondents, elements, ikm)
