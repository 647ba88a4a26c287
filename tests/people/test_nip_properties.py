"""Property tests of the NIP parser: valid numbers round-trip, any text is refused cleanly."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.nip import EmploymentType, Gender, format_nip, parse_nip


@st.composite
def pns_nips(draw: st.DrawFn) -> tuple[str, dt.date, Gender]:
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2010, 12, 31)))
    # TMT CPNS: a month strictly after the birth month, up to 9999.
    first = birth.year * 12 + birth.month  # months since year 0, 1-based, of the month after
    tmt = draw(st.integers(min_value=first, max_value=9999 * 12 + 11))
    tmt_year, tmt_month = divmod(tmt, 12)
    gender = draw(st.sampled_from(list(Gender)))
    sequence = draw(st.integers(min_value=1, max_value=999))
    sex = "1" if gender is Gender.MALE else "2"
    value = f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month + 1:02d}{sex}{sequence:03d}"
    return value, birth, gender


@given(pns_nips())
def test_valid_generated_nips_round_trip(case):
    value, birth, gender = case
    nip = parse_nip(value)
    assert (nip.value, nip.birth_date, nip.gender) == (value, birth, gender)
    assert nip.employment_type is EmploymentType.PNS
    assert nip.formatted == format_nip(value)
    assert parse_nip(nip.formatted) == nip  # the printed form parses back to the same NIP
    assert nip.formatted.replace(" ", "") == value


def _parse(raw: str, kind: EmploymentType = EmploymentType.PNS) -> str:
    """The parsed value, or the refusal's code; anything else escapes and fails the test."""
    try:
        return parse_nip(raw, kind).value
    except PeopleError as error:
        return str(error.code)


@given(st.text(max_size=40))
def test_any_text_is_parsed_or_refused_as_invalid_nip(raw):
    for kind in EmploymentType:
        outcome = _parse(raw, kind)
        if outcome != PeopleErrorCode.INVALID_NIP:
            assert len(outcome) == 18
            assert outcome.isdigit()


@given(st.text(alphabet="0123456789 \t", min_size=10, max_size=30))
def test_digit_soup_never_crashes(raw):
    outcome = _parse(raw)
    assert outcome == PeopleErrorCode.INVALID_NIP or outcome.isdigit()
