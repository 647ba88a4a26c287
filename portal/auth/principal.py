"""The Principal: the signed-in employee with their roles and supervision line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from portal.people import service as people
from portal.people.models import Employee, Role

JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True, slots=True)
class Line:
    """Positions a principal supervises: direct children and every descendant."""

    direct: frozenset[int]
    all: frozenset[int]


@dataclass(slots=True)
class Principal:
    """Who is asking. Built once per request from a session cookie or a bearer token."""

    employee_id: int
    nip: str
    name: str
    position_id: int | None
    unit_id: int
    roles: frozenset[Role]
    head_of_units: frozenset[int]
    via: str
    acting_position_ids: tuple[int, ...] = ()
    _line: Line | None = field(default=None, repr=False)
    # The employee's row as read for this principal (None where it was not read whole).
    row: Employee | None = field(default=None, repr=False, compare=False)

    @property
    def is_hr(self) -> bool:
        return Role.HR in self.roles

    async def line(self) -> Line:
        """The supervision line, computed once per request (one recursive query)."""
        if self._line is None:
            roots = [p for p in (self.position_id, *self.acting_position_ids) if p is not None]
            direct, every = await people.line_position_ids(root_position_ids=roots)
            self._line = Line(frozenset(direct), frozenset(every))
        return self._line

    async def is_supervisor(self) -> bool:
        return bool((await self.line()).direct)


async def load_principal(*, employee_id: int, via: str) -> Principal | None:
    """Build the principal for an active employee, or None when they no longer may sign in.

    One statement, on every request: nothing is cached between requests, so a revoked role or a
    deactivation counts from the very next request.
    """
    access = await people.get_access(employee_id=employee_id, on=dt.datetime.now(JAKARTA).date())
    if access is None:
        return None
    return Principal(
        employee_id=access.employee_id,
        nip=access.nip,
        name=access.name,
        position_id=access.position_id,
        unit_id=access.unit_id,
        roles=access.roles,
        head_of_units=access.head_of_units,
        via=via,
        acting_position_ids=access.acting_position_ids,
        row=access.employee,
    )


async def principal_for(employee: Employee, *, via: str) -> Principal:
    roles, units = await people.get_roles(employee_id=employee.id)
    today = dt.datetime.now(JAKARTA).date()
    acting = await people.acting_position_ids(employee_id=employee.id, on=today)
    return Principal(
        employee_id=employee.id,
        nip=employee.nip,
        name=employee.name,
        position_id=employee.position_id,
        unit_id=employee.unit_id,
        roles=frozenset(roles),
        head_of_units=frozenset(units),
        via=via,
        acting_position_ids=tuple(acting),
        row=employee,
    )
