"""Finding the employees a file names by NIP, in a few queries."""

from __future__ import annotations

from portal.imports.csvfile import Row, chunks
from portal.people.errors import PeopleError
from portal.people.models import Employee
from portal.people.service import validate_any_nip


async def employees_by_nip(rows: list[Row]) -> dict[str, int]:
    """Stored NIP -> employee id for every valid NIP in the rows' ``nip`` column."""
    nips = set()
    for row in rows:
        try:
            nips.add(validate_any_nip(row.cells.get("nip", "")))
        except PeopleError:
            continue
    found: dict[str, int] = {}
    for part in chunks(sorted(nips)):
        found.update(dict(await Employee.filter(nip__in=part).values_list("nip", "id")))
    return found


def employee_of(row: Row, known: dict[str, int]) -> int | None:
    """The employee a row names, or None with the problem recorded on ``nip``."""
    raw = row.cells.get("nip", "")
    if not raw.strip():
        row.error("nip", "wajib diisi")
        return None
    try:
        nip = validate_any_nip(raw)
    except PeopleError as error:
        row.error("nip", error.message)
        return None
    employee_id = known.get(nip)
    if employee_id is None:
        row.error("nip", "pegawai dengan NIP ini tidak ada; impor pegawai dahulu")
    return employee_id
