"""The supervisor's team view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from portal.duties.team import TeamRow, team_rows
from portal.graphql.context import Info
from portal.graphql.duties.types import Skp
from portal.graphql.permissions import IsAuthenticated
from portal.graphql.util import today, year_or_current
from portal.people.models import Employee as EmployeeModel

if TYPE_CHECKING:
    from portal.graphql.people.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("portal.graphql.people.types")]


@strawberry.type(description="One direct subordinate's SKP progress.")
class TeamMember:
    row: strawberry.Private[TeamRow]
    employee_row: strawberry.Private[EmployeeModel]
    skp_status: str | None = strawberry.field(
        description="DRAFT, AGREED or EVALUATED; null without an SKP."
    )
    results: int = strawberry.field(description="Work results planned.")
    indicators: int = strawberry.field(description="Indicators planned.")
    reports_due: int = strawberry.field(
        description="Indicator reports expected for the quarters that have ended."
    )
    reports_done: int = strawberry.field(description="Indicator reports made for those quarters.")
    overdue: int = strawberry.field(description="Reports missing for quarters that have ended.")
    latest_predikat: str | None = strawberry.field(description="Predikat of the latest review.")

    @classmethod
    def of(cls, row: TeamRow, employee: EmployeeModel) -> TeamMember:
        return cls(
            row=row,
            employee_row=employee,
            skp_status=row.status,
            results=row.results,
            indicators=row.indicators,
            reports_due=row.indicators * row.completed_periods if row.status == "AGREED" else 0,
            reports_done=row.reported_due,
            overdue=row.overdue,
            latest_predikat=row.latest_predikat,
        )

    @strawberry.field(description="The subordinate.")
    def employee(self) -> EmployeeRef:
        from portal.graphql.people.types import Employee

        return Employee.from_model(self.employee_row)

    @strawberry.field(description="The subordinate's SKP, if any.")
    async def skp(self, info: Info) -> Skp | None:
        if self.row.skp_id is None:
            return None
        row = await info.context.loaders.skp_by_employee_year.load(
            (self.employee_row.id, self._year)
        )
        return Skp.from_model(row) if row else None

    _year: strawberry.Private[int] = 0


async def team_members(*, position_ids: set[int], year: int) -> list[TeamMember]:
    """Direct subordinates (holders of the given positions) with their progress: two statements."""
    employees = await EmployeeModel.filter(
        position_id__in=list(position_ids), active=True
    ).order_by("name", "id")
    rows = await team_rows(employee_ids=[e.id for e in employees], year=year, today=today())
    members = [TeamMember.of(r, e) for r, e in zip(rows, employees, strict=True)]
    for m in members:
        m._year = year
    return members


@strawberry.type
class TeamQuery:
    @strawberry.field(
        description="Your direct subordinates' SKP progress for a year (default: this year).",
        permission_classes=[IsAuthenticated],
    )
    async def my_team(self, info: Info, year: int | None = None) -> list[TeamMember]:
        principal = info.context.principal
        assert principal is not None
        line = await principal.line()
        return await team_members(position_ids=set(line.direct), year=year_or_current(year))
