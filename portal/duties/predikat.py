"""The SKP predikat from the result and behaviour ratings (PermenPANRB 6/2022).

The default matrix follows our reading of the regulation's annex and is TO BE CONFIRMED against the
official text by BKPSDM. It is configurable: PORTAL_SKP_PREDIKAT_MATRIX takes a JSON object
``{"RESULT/BEHAVIOUR": "PREDIKAT", ...}`` covering all nine combinations.
"""

from __future__ import annotations

import json
from enum import StrEnum

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
    (A, B): Predikat.BUTUH_PERBAIKAN,
    (S, A): Predikat.BAIK,
    (S, S): Predikat.BAIK,
    (S, B): Predikat.BUTUH_PERBAIKAN,
    (B, A): Predikat.KURANG,
    (B, S): Predikat.KURANG,
    (B, B): Predikat.SANGAT_KURANG,
}


def parse_matrix(raw: str | None) -> dict[tuple[Rating, Rating], Predikat]:
    """The configured matrix, or the default; a malformed setting is refused at start-up."""
    if not raw:
        return dict(DEFAULT_MATRIX)
    data = json.loads(raw)
    matrix = {}
    for key, value in data.items():
        result, behaviour = key.split("/")
        matrix[(Rating(result), Rating(behaviour))] = Predikat(value)
    if set(matrix) != set(DEFAULT_MATRIX):
        raise ValueError("PORTAL_SKP_PREDIKAT_MATRIX must cover all nine rating combinations")
    return matrix


def predikat(
    result: Rating, behaviour: Rating, matrix: dict[tuple[Rating, Rating], Predikat] | None = None
) -> Predikat:
    return (matrix or DEFAULT_MATRIX)[(Rating(result), Rating(behaviour))]
