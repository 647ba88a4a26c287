"""Reading people and the supervision line (position -> parent position)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from tortoise import connections

from portal.db import columns, dialect, fetch, model_from
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import ActingAppointment, Employee, Role, RoleGrant
from portal.people.nip import EmploymentType, parse_nip


async def get_employee(*, employee_id: int) -> Employee | None:
    """The employee with this id, or None."""
    return await Employee.get_or_none(id=employee_id)


async def get_employee_by_nip(*, nip: str) -> Employee | None:
    """Look an employee up by NIP (spaces allowed). A malformed NIP raises INVALID_NIP."""
    return await Employee.get_or_none(nip=validate_any_nip(nip))


def validate_any_nip(nip: str) -> str:
    """The stored form of a NIP (PNS) or NI PPPK; raises INVALID_NIP with the PNS reason."""
    try:
        return parse_nip(nip).value
    except PeopleError as pns_error:
        try:
            return parse_nip(nip, EmploymentType.PPPK).value
        except PeopleError:
            raise pns_error from None


async def get_employee_by_nip_or_raise(*, nip: str) -> Employee:
    employee = await get_employee_by_nip(nip=nip)
    if employee is None:
        raise PeopleError(PeopleErrorCode.NOT_FOUND, "Pegawai tidak ditemukan.", field="nip")
    return employee


async def get_roles(*, employee_id: int) -> tuple[set[Role], set[int]]:
    """Granted roles, and the units a UNIT_HEAD grant covers."""
    roles: set[Role] = set()
    units: set[int] = set()
    for grant in await RoleGrant.filter(employee_id=employee_id).only("role", "unit_id"):
        roles.add(Role(grant.role))
        if grant.role == Role.UNIT_HEAD and grant.unit_id is not None:
            units.add(grant.unit_id)
    return roles, units


async def acting_position_ids(*, employee_id: int, on: dt.date) -> list[int]:
    """Positions whose supervisor rights the employee exercises today as Plt/Plh."""
    rows = await ActingAppointment.filter(
        employee_id=employee_id, starts_on__lte=on, ends_on__gte=on
    ).values_list("position_id", flat=True)
    return [int(r) for r in rows]


@dataclass(frozen=True, slots=True)
class Access:
    """An active employee as authorization sees them: identity, roles, acting appointments."""

    employee_id: int
    nip: str
    name: str
    position_id: int | None
    unit_id: int
    roles: frozenset[Role]
    head_of_units: frozenset[int]
    acting_position_ids: tuple[int, ...]
    # The whole row, read by the same statement: a request that shows the employee (``me``)
    # needs no second read of it.
    employee: Employee | None = field(default=None, compare=False, repr=False)


@cache
def _access_sql() -> str:
    """The employee row, their role grants and their acting appointments on a day, as one UNION.

    This runs on every authenticated request, and three round trips cost more than the rows.
    """
    blanks = ", ".join("NULL" for _ in Employee._meta.fields_db_projection)
    return f"""
        SELECT 'E' AS row_kind, NULL AS num, NULL AS txt, {columns(Employee, "e")}
          FROM employee e WHERE e.id = $1 AND e.active
        UNION ALL
        SELECT 'R', g.unit_id, g.role, {blanks} FROM role_grant g WHERE g.employee_id = $1
        UNION ALL
        SELECT 'A', a.position_id, NULL, {blanks} FROM acting_appointment a
         WHERE a.employee_id = $1 AND a.starts_on <= $2 AND a.ends_on >= $2
    """


async def get_access(*, employee_id: int, on: dt.date) -> Access | None:
    """The active employee's identity, roles and acting positions on ``on``; None if inactive."""
    day: object = on if await dialect() == "postgres" else on.isoformat()
    rows = await fetch(_access_sql(), [employee_id, day])
    me = next((model_from(r, Employee, "e") for r in rows if r["row_kind"] == "E"), None)
    if me is None:
        return None
    grants = [(Role(r["txt"]), r["num"]) for r in rows if r["row_kind"] == "R"]
    return Access(
        employee_id=me.id,
        nip=me.nip,
        name=me.name,
        position_id=me.position_id,
        unit_id=me.unit_id,
        roles=frozenset(role for role, _ in grants),
        head_of_units=frozenset(
            int(unit) for role, unit in grants if role == Role.UNIT_HEAD and unit is not None
        ),
        acting_position_ids=tuple(int(r["num"]) for r in rows if r["row_kind"] == "A"),
        employee=me,
    )


async def line_position_ids(*, root_position_ids: list[int]) -> tuple[set[int], set[int]]:
    """Positions below the given ones: (direct children, all descendants), one recursive query."""
    if not root_position_ids:
        return set(), set()
    placeholders = ", ".join(str(int(p)) for p in root_position_ids)
    sql = f"""
        WITH RECURSIVE line(id, depth) AS (
            SELECT id, 1 FROM position WHERE parent_id IN ({placeholders})
            UNION ALL
            SELECT p.id, line.depth + 1 FROM position p JOIN line ON p.parent_id = line.id
            WHERE line.depth < 50
        )
        SELECT id, MIN(depth) AS depth FROM line GROUP BY id
    """
    rows = await connections.get("default").execute_query_dict(sql)
    direct = {int(r["id"]) for r in rows if int(r["depth"]) == 1}
    return direct, {int(r["id"]) for r in rows}


async def get_supervisor(*, employee: Employee) -> Employee | None:
    """The active holder of the parent position, if anyone holds it."""
    if employee.position_id is None:
        return None
    return (
        await Employee.filter(position__children__id=employee.position_id, active=True)
        .order_by("id")
        .first()
    )
