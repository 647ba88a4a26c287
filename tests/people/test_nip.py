"""NIP and NI PPPK validation (DESIGN.md section 2)."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.nip import EmploymentType, Gender, format_nip, parse_nip
from portal.people.ranks import PositionKind, PositionLevel, Rank


def test_parse_valid_pns_nip():
    nip = parse_nip("19860926 201505 1 001")
    assert nip.value == "198609262015051001"
    assert nip.birth_date == dt.date(1986, 9, 26)
    assert nip.gender is Gender.MALE
    assert nip.formatted == "19860926 201505 1 001"
    assert parse_nip("199203152019032001").gender is Gender.FEMALE


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "18 angka"),
        ("1986092620150510011", "18 angka"),
        ("19860926201505100A", "18 angka"),
        ("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "18 angka"),  # Arabic-Indic digits are digits to Python, not to us
        ("198602302015051001", "Tanggal lahir"),
        ("198609262015131001", "Bulan TMT"),
        ("198609262015001001", "Bulan TMT"),
        ("198609261986091001", "setelah tanggal lahir"),
        ("198609262015053001", "jenis kelamin"),
        ("198609262015051000", "000"),
    ],
)
def test_invalid_pns_nip_is_a_typed_error(raw, reason):
    with pytest.raises(PeopleError) as caught:
        parse_nip(raw)
    assert caught.value.code is PeopleErrorCode.INVALID_NIP
    assert caught.value.field == "nip"
    assert reason in caught.value.message


def test_ni_pppk_needs_only_a_real_birth_date():
    pppk = parse_nip("198702142022212005", EmploymentType.PPPK)
    assert pppk.birth_date == dt.date(1987, 2, 14)
    assert pppk.gender is None
    with pytest.raises(PeopleError):
        parse_nip("198702302022212005", EmploymentType.PPPK)


def test_format_and_ranks():
    assert format_nip("199203152019032001") == "19920315 201903 2 001"
    assert Rank.III_A.label == "III/a"
    assert Rank.III_A.title == "Penata Muda"
    assert Rank.IV_E.title == "Pembina Utama"
    assert Rank.PPPK_IX.label == "IX"
    assert len([r for r in Rank if not r.is_pppk]) == 17
    assert len([r for r in Rank if r.is_pppk]) == 17
    assert PositionLevel.AHLI_PERTAMA.kind is PositionKind.FUNGSIONAL
    assert PositionLevel.PENGAWAS.kind is PositionKind.ADMINISTRASI
    assert PositionLevel.JPT_PRATAMA.kind is PositionKind.JPT
