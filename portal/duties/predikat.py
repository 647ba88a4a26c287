"""The SKP predikat from the result and behaviour ratings (PermenPANRB 6/2022).

The default matrix is the regulation's annex (Lampiran, predikat kinerja pegawai): results above
expectation with behaviour above make Sangat Baik; results as or above expectation with behaviour
as or above make Baik; results below expectation with behaviour as or above make Butuh Perbaikan
(the work needs improving); behaviour below expectation with results as or above make Kurang
(Kurang/Misconduct: the behaviour is the problem); both below make Sangat Kurang. BKPSDM should
confirm it against the official text in force; it is configurable: PORTAL_SKP_PREDIKAT_MATRIX
takes a JSON object ``{"RESULT/BEHAVIOUR": "PREDIKAT", ...}`` covering all nine combinations,
checked when the settings load (a malformed value stops the start-up, never a rating).
"""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache

from portal.duties.models import Rating


class Predikat(StrEnum):
    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


A, S, B = Rating.ABOVE, Rating.AS_EXPECTED, Rating.BELOW
DEFAULT_MATRIX: dict[tuple[Rating, Rating], Predikat] = {
    # (result, behaviour) -> predikat
    (A, A): Predikat.SANGAT_BAIK,
    (A, S): Predikat.BAIK,
    (A, B): Predikat.KURANG,
    (S, A): Predikat.BAIK,
    (S, S): Predikat.BAIK,
    (S, B): Predikat.KURANG,
    (B, A): Predikat.BUTUH_PERBAIKAN,
    (B, S): Predikat.BUTUH_PERBAIKAN,
    (B, B): Predikat.SANGAT_KURANG,
}


@cache
def parse_matrix(raw: str | None) -> dict[tuple[Rating, Rating], Predikat]:
    """The configured matrix, or the default. ValueError names what is wrong."""
    if not raw:
        return dict(DEFAULT_MATRIX)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise ValueError('expected a JSON object {"RESULT/BEHAVIOUR": "PREDIKAT", ...}')
    matrix = {}
    for key, value in data.items():
        try:
            result, behaviour = str(key).split("/")
            matrix[(Rating(result), Rating(behaviour))] = Predikat(value)
        except ValueError:
            raise ValueError(
                f"{key!r}: {value!r} is not RESULT/BEHAVIOUR (ABOVE, AS_EXPECTED, BELOW) "
                f"to one of {', '.join(Predikat)}"
            ) from None
    if set(matrix) != set(DEFAULT_MATRIX):
        raise ValueError("must cover all nine rating combinations")
    return matrix


def predikat(
    result: Rating, behaviour: Rating, matrix: dict[tuple[Rating, Rating], Predikat] | None = None
) -> Predikat:
    return (matrix or DEFAULT_MATRIX)[(Rating(result), Rating(behaviour))]
