"""NIP (PNS) and NI PPPK: parsing, validation and display.

A PNS NIP is ``YYYYMMDD YYYYMM S NNN``: birth date, TMT CPNS (month the person became a candidate
civil servant), sex (1 male, 2 female) and a sequence number. PPPK staff carry an 18-digit number
that also starts with the birth date but whose middle part is the PPPK appointment, so the TMT rule
does not apply to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from portal.people.errors import PeopleError, PeopleErrorCode


class EmploymentType(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class Gender(StrEnum):
    MALE = "MALE"
    FEMALE = "FEMALE"


@dataclass(frozen=True, slots=True)
class Nip:
    """A validated identity number."""

    value: str
    employment_type: EmploymentType
    birth_date: dt.date
    gender: Gender | None

    @property
    def formatted(self) -> str:
        """``19860926 201505 1 001``: the layout printed on SK and ID cards."""
        v = self.value
        return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"


def _invalid(message: str) -> PeopleError:
    return PeopleError(PeopleErrorCode.INVALID_NIP, message, field="nip")


def parse_nip(raw: str, employment_type: EmploymentType = EmploymentType.PNS) -> Nip:
    """Validate ``raw`` (spaces allowed) and return the parsed number, or raise INVALID_NIP."""
    value = "".join(raw.split())
    if len(value) != 18 or not value.isascii() or not value.isdigit():
        raise _invalid("NIP harus terdiri dari 18 angka.")
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise _invalid("Tanggal lahir dalam NIP tidak valid.") from None
    if birth.year < 1900:
        raise _invalid("Tanggal lahir dalam NIP tidak valid.")
    if employment_type is EmploymentType.PPPK:
        return Nip(value, employment_type, birth, None)

    tmt_year, tmt_month = int(value[8:12]), int(value[12:14])
    if not 1 <= tmt_month <= 12:
        raise _invalid("Bulan TMT CPNS dalam NIP harus 01-12.")
    if (tmt_year, tmt_month) <= (birth.year, birth.month):
        raise _invalid("TMT CPNS dalam NIP harus setelah tanggal lahir.")
    if value[14] not in "12":
        raise _invalid("Kode jenis kelamin dalam NIP harus 1 atau 2.")
    if value[15:] == "000":
        raise _invalid("Nomor urut dalam NIP tidak boleh 000.")
    gender = Gender.MALE if value[14] == "1" else Gender.FEMALE
    return Nip(value, employment_type, birth, gender)


def format_nip(value: str) -> str:
    """Display form of a stored 18-digit number."""
    return f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}" if len(value) == 18 else value
