"""HR side of the people API: ABK workloads, employment history, Plt/Plh, error codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal.graphql.context import Info
from portal.graphql.relay import Node, to_global_id
from portal.graphql.util import local, today
from portal.people import errors, models
from portal.people.ranks import Rank as DomainRank

if TYPE_CHECKING:  # only for mypy: strawberry resolves these through strawberry.lazy
    from portal.graphql.people.types import Employee, OrgUnit, Position, RankInfo

_TYPES = "portal.graphql.people.types"
PositionRef = Annotated["Position", strawberry.lazy(_TYPES)]
UnitRef = Annotated["OrgUnit", strawberry.lazy(_TYPES)]
EmployeeRef = Annotated["Employee", strawberry.lazy(_TYPES)]
RankRef = Annotated["RankInfo", strawberry.lazy(_TYPES)]

PeopleErrorCode = strawberry.enum(
    errors.PeopleErrorCode, description="Why an org chart or staffing change was refused."
)
ChangeKind = strawberry.enum(models.ChangeKind, description="Kind of employment change.")
ActingKind = strawberry.enum(
    models.ActingKind, description="Plt (position vacant) or Plh (holder temporarily away)."
)


@strawberry.type(description="One activity of a position's workload analysis (ABK).")
class PositionWorkload:
    activity: str = strawberry.field(description="What is done (uraian kegiatan).")
    output_unit: str = strawberry.field(description="Unit of the output, e.g. dokumen.")
    yearly_volume: Decimal = strawberry.field(description="Outputs per year.")
    standard_minutes: Decimal = strawberry.field(description="Standard time per output, minutes.")
    yearly_minutes: Decimal = strawberry.field(description="Volume x standard time, minutes.")

    @classmethod
    def from_model(cls, row: models.PositionWorkload) -> PositionWorkload:
        volume, minutes = Decimal(row.yearly_volume), Decimal(row.standard_minutes)
        return cls(
            activity=row.activity,
            output_unit=row.output_unit,
            yearly_volume=volume,
            standard_minutes=minutes,
            yearly_minutes=(volume * minutes).quantize(Decimal("0.01")),
        )


async def _position(info: Info, pk: int | None) -> Position | None:
    from portal.graphql.people.types import Position

    row = await info.context.loaders.position_by_id.load(pk) if pk is not None else None
    return Position.from_model(row) if row else None


async def _unit(info: Info, pk: int | None) -> OrgUnit | None:
    from portal.graphql.people.types import OrgUnit

    row = await info.context.loaders.unit_by_id.load(pk) if pk is not None else None
    return OrgUnit.from_model(row) if row else None


def _rank(value: str | None) -> RankInfo | None:
    from portal.graphql.people.types import RankInfo

    return RankInfo.of(DomainRank(value)) if value else None


@strawberry.type(description="One change of an employee's employment, effective from its TMT.")
class EmploymentChange:
    row: strawberry.Private[models.EmploymentHistory]
    kind: ChangeKind = strawberry.field(description="Hire, transfer, promotion, ...")
    effective_on: dt.date = strawberry.field(description="TMT: the date the change took effect.")
    active: bool = strawberry.field(description="In service after the change.")
    decree_number: str = strawberry.field(description="Number of the decree (SK), if recorded.")
    note: str = strawberry.field(description="Why, in HR's words.")
    recorded_at: dt.datetime = strawberry.field(description="When HR recorded it (WIB).")

    @classmethod
    def from_model(cls, row: models.EmploymentHistory) -> EmploymentChange:
        return cls(
            row=row,
            kind=row.kind,
            effective_on=row.effective_on,
            active=row.active,
            decree_number=row.decree_number,
            note=row.note,
            recorded_at=local(row.recorded_at),  # type: ignore[arg-type]
        )

    @strawberry.field(description="Position after the change.")
    async def position(self, info: Info) -> PositionRef | None:
        return await _position(info, self.row.position_id)

    @strawberry.field(description="Position before the change.")
    async def previous_position(self, info: Info) -> PositionRef | None:
        return await _position(info, self.row.previous_position_id)

    @strawberry.field(description="Unit after the change.")
    async def unit(self, info: Info) -> UnitRef | None:
        return await _unit(info, self.row.unit_id)

    @strawberry.field(description="Unit before the change.")
    async def previous_unit(self, info: Info) -> UnitRef | None:
        return await _unit(info, self.row.previous_unit_id)

    @strawberry.field(description="Rank after the change.")
    def rank(self) -> RankRef | None:
        return _rank(self.row.rank)

    @strawberry.field(description="Rank before the change.")
    def previous_rank(self) -> RankRef | None:
        return _rank(self.row.previous_rank)


@strawberry.type(description="A Plt/Plh appointment: someone exercises a position's rights.")
class ActingAppointment(Node):
    row: strawberry.Private[models.ActingAppointment]
    kind: ActingKind = strawberry.field(description="Plt or Plh.")
    starts_on: dt.date = strawberry.field(description="First day in force.")
    ends_on: dt.date = strawberry.field(description="Last day in force.")
    in_force: bool = strawberry.field(description="In force today.")

    @classmethod
    def from_model(cls, row: models.ActingAppointment) -> ActingAppointment:
        return cls(
            id=to_global_id("ActingAppointment", row.id),
            row=row,
            kind=row.kind,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            in_force=row.starts_on <= today() <= row.ends_on,
        )

    @strawberry.field(description="The position whose supervisor rights are exercised.")
    async def position(self, info: Info) -> PositionRef:
        position = await _position(info, self.row.position_id)
        assert position is not None  # foreign key
        return position

    @strawberry.field(description="The acting employee.")
    async def employee(self, info: Info) -> EmployeeRef:
        from portal.graphql.people.types import Employee

        row = await info.context.loaders.employee_by_id.load(self.row.employee_id)
        assert row is not None  # foreign key
        return Employee.from_model(row)
