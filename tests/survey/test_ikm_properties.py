"""Property tests of the IKM arithmetic (PermenPANRB 14/2017) on generated answer sets."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from portal.survey.elements import ELEMENTS
from portal.survey.ikm import Grade, grade_of, ikm_from_sums, rounded

N = len(ELEMENTS)
GRADE_ORDER = [Grade.D, Grade.C, Grade.B, Grade.A]
answers = st.lists(
    st.lists(st.integers(min_value=1, max_value=4), min_size=N, max_size=N),
    min_size=1,
    max_size=60,
)


@given(answers)
def test_ikm_of_answers_is_the_mean_answer_times_25(responses):
    sums = [sum(r[i] for r in responses) for i in range(N)]
    result = ikm_from_sums(len(responses), sums)
    assert result is not None
    all_answers = [a for r in responses for a in r]
    assert result.ikm == Fraction(sum(all_answers), len(all_answers)) * 25
    assert 25 <= result.ikm <= 100
    assert result.grade is grade_of(result.ikm)
    assert set(result.weakest) <= {e.code for e in ELEMENTS}
    assert set(result.below_good) <= {e.code for e in ELEMENTS}


@given(answers, answers)
def test_better_answers_never_give_a_worse_grade(low, high):
    lows = [sum(r[i] for r in low) for i in range(N)]
    highs = [sum(r[i] for r in high) for i in range(N)]
    a, b = ikm_from_sums(len(low), lows), ikm_from_sums(len(high), highs)
    assert a is not None
    assert b is not None
    if a.ikm <= b.ikm:
        assert GRADE_ORDER.index(a.grade) <= GRADE_ORDER.index(b.grade)


@given(st.fractions(min_value=0, max_value=100))
def test_rounding_is_half_up_and_exact(value):
    expected = (
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        if value.denominator < 10**6
        else None
    )
    shown = rounded(value)
    assert abs(Fraction(shown) - value) <= Fraction(1, 200)
    if expected is not None and Fraction(expected) != Fraction(shown):
        # Decimal division is inexact for long fractions; only exact cases must agree.
        assert Fraction(str(Decimal(value.numerator) / Decimal(value.denominator))) != value
    else:
        assert expected is None or shown == expected


@given(st.integers(min_value=-3, max_value=0), st.lists(st.integers(), min_size=N, max_size=N))
def test_no_respondents_means_no_ikm(respondents, sums):
    assert ikm_from_sums(respondents, sums) is None
