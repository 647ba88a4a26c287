"""Types of the report lists: staffing needs per position, and who falls short by name."""

from __future__ import annotations

import strawberry

from portal.graphql.competencies.types import Competency
from portal.graphql.context import Info
from portal.graphql.people.types import Employee, OrgUnit, Position
from portal.graphql.training.types import Course
from portal.reports import shortfalls, staffing

# Registered in place: the domain enums are the GraphQL enums (see reports/types.py).
strawberry.enum(
    staffing.StaffingDirection,
    description="SHORTAGE: fewer holders than the ABK need; SURPLUS: more; ALL: every analysed "
    "position.",
)
strawberry.enum(shortfalls.GapOrder, description="Order of the competency gap list.")
strawberry.enum(shortfalls.JpOrder, description="Order of the 20 JP shortfall list.")


async def _position(info: Info, pk: int) -> Position:
    row = await info.context.loaders.position_by_id.load(pk)
    assert row is not None
    return Position.from_model(row)


async def _unit(info: Info, pk: int) -> OrgUnit:
    row = await info.context.loaders.unit_by_id.load(pk)
    assert row is not None
    return OrgUnit.from_model(row)


async def _employee(info: Info, pk: int) -> Employee:
    row = await info.context.loaders.employee_by_id.load(pk)
    assert row is not None
    return Employee.from_model(row)


@strawberry.type(description="A position's ABK need against its holders.")
class StaffingNeed:
    position_pk: strawberry.Private[int]
    unit_pk: strawberry.Private[int]
    required_headcount: float = strawberry.field(
        description="ABK need: sum(yearly volume x standard minutes) / effective minutes."
    )
    actual_headcount: int = strawberry.field(description="Active employees holding it.")
    gap: float = strawberry.field(description="Required minus actual: > 0 shortage, < 0 surplus.")

    @classmethod
    def of(cls, need: staffing.StaffingNeed) -> StaffingNeed:
        return cls(
            position_pk=need.position_id,
            unit_pk=need.unit_id,
            required_headcount=need.required,
            actual_headcount=need.holders,
            gap=need.gap,
        )

    @strawberry.field(description="The position.")
    async def position(self, info: Info) -> Position:
        return await _position(info, self.position_pk)

    @strawberry.field(description="The position's unit.")
    async def unit(self, info: Info) -> OrgUnit:
        return await _unit(info, self.unit_pk)


@strawberry.type(description="An employee below the level their position requires.")
class EmployeeCompetencyGap:
    employee_pk: strawberry.Private[int]
    position_pk: strawberry.Private[int]
    unit_pk: strawberry.Private[int]
    competency_pk: strawberry.Private[int]
    course_pks: strawberry.Private[list[int]]
    required_level: int = strawberry.field(description="Level the position requires.")
    assessed_level: int | None = strawberry.field(
        description="Latest assessed level; null when never assessed (counts as 0)."
    )
    gap: int = strawberry.field(description="Required minus assessed (at least 1 here).")

    @classmethod
    def of(cls, gap: shortfalls.EmployeeGap, courses: list[int]) -> EmployeeCompetencyGap:
        return cls(
            employee_pk=gap.employee_id,
            position_pk=gap.position_id,
            unit_pk=gap.unit_id,
            competency_pk=gap.competency_id,
            course_pks=courses,
            required_level=gap.required,
            assessed_level=gap.assessed,
            gap=gap.gap,
        )

    @strawberry.field(description="Who falls short.")
    async def employee(self, info: Info) -> Employee:
        return await _employee(info, self.employee_pk)

    @strawberry.field(description="The employee's position (which sets the requirement).")
    async def position(self, info: Info) -> Position:
        return await _position(info, self.position_pk)

    @strawberry.field(description="The employee's unit.")
    async def unit(self, info: Info) -> OrgUnit:
        return await _unit(info, self.unit_pk)

    @strawberry.field(description="The competency.")
    async def competency(self, info: Info) -> Competency:
        row = await info.context.loaders.competency_by_id.load(self.competency_pk)
        assert row is not None
        return Competency.from_model(row)

    @strawberry.field(
        description="Active courses open to the employee that reach the required level, best "
        "fit first (the one `proposePlanItemsFromGaps` proposes)."
    )
    async def closing_courses(self, info: Info) -> list[Course]:
        rows = await info.context.loaders.course_by_id.load_many(self.course_pks)
        return [Course.from_model(r) for r in rows if r is not None]


@strawberry.type(description="An employee below the yearly 20 JP development right.")
class JpShortfall:
    employee_pk: strawberry.Private[int]
    unit_pk: strawberry.Private[int]
    year: int = strawberry.field(description="The year.")
    completed_jp: int = strawberry.field(description="JP completed in the year.")
    missing_jp: int = strawberry.field(description="JP still missing to reach 20.")

    @classmethod
    def of(cls, row: shortfalls.JpShortfall) -> JpShortfall:
        return cls(
            employee_pk=row.employee_id,
            unit_pk=row.unit_id,
            year=row.year,
            completed_jp=row.completed,
            missing_jp=row.missing,
        )

    @strawberry.field(description="Who has not met the right yet.")
    async def employee(self, info: Info) -> Employee:
        return await _employee(info, self.employee_pk)

    @strawberry.field(description="The employee's unit.")
    async def unit(self, info: Info) -> OrgUnit:
        return await _unit(info, self.unit_pk)
