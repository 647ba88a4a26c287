"""HR mutations on the org chart: units and positions (with their ABK inputs)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry

from portal.graphql.context import Info
from portal.graphql.enums import PositionKind, PositionLevel, UnitKind
from portal.graphql.payloads import (
    error_type,
    keep,
    keep_nullable_pk,
    keep_pk,
    optional_pk,
    payload,
    pk,
    result_union,
)
from portal.graphql.people.admin_types import PeopleErrorCode
from portal.graphql.people.types import OrgUnit, Position
from portal.graphql.permissions import IsHR, require_principal
from portal.people import positions, units
from portal.people.changes import UNCHANGED, given
from portal.people.models import DEFAULT_EFFECTIVE_MINUTES
from portal.people.models import OrgUnit as OrgUnitModel
from portal.people.models import Position as PositionModel

# --- units ---


@strawberry.input(description="A new unit.")
class CreateUnitInput:
    code: str = strawberry.field(description="Unique unit code.")
    name: str = strawberry.field(description="Full name.")
    short_name: str = strawberry.field(default="", description="Short name, e.g. Dinkes.")
    kind: UnitKind = strawberry.field(default=UnitKind.LAINNYA, description="Kind of unit.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The unit it belongs to (none: a top-level unit)."
    )


@strawberry.input(description="New names or kind for a unit; fields left out stay as they are.")
class UpdateUnitInput:
    id: strawberry.ID = strawberry.field(description="The unit.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Full name.")
    short_name: str | None = strawberry.field(default=strawberry.UNSET, description="Short name.")
    kind: UnitKind | None = strawberry.field(default=strawberry.UNSET, description="Kind.")


@strawberry.input(description="Where a unit (and everything below it) moves.")
class MoveUnitInput:
    id: strawberry.ID = strawberry.field(description="The unit to move.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The new parent unit (null: make it a top-level unit)."
    )


@strawberry.input(description="Close an empty unit.")
class CloseUnitInput:
    id: strawberry.ID = strawberry.field(description="The unit.")
    closed_on: dt.date | None = strawberry.field(
        default=None, description="Closing date (default today, never in the future)."
    )


@strawberry.type(description="The unit after the change.")
class UnitSuccess:
    unit: OrgUnit = strawberry.field(description="The unit as it is now.")


CreateUnitError = error_type("CreateUnitError", PeopleErrorCode, "creating a unit")
UpdateUnitError = error_type("UpdateUnitError", PeopleErrorCode, "changing a unit")
MoveUnitError = error_type("MoveUnitError", PeopleErrorCode, "moving a unit")
CloseUnitError = error_type("CloseUnitError", PeopleErrorCode, "closing a unit")
CreateUnitResult = Annotated[UnitSuccess | CreateUnitError, result_union("CreateUnitResult")]
UpdateUnitResult = Annotated[UnitSuccess | UpdateUnitError, result_union("UpdateUnitResult")]
MoveUnitResult = Annotated[UnitSuccess | MoveUnitError, result_union("MoveUnitResult")]
CloseUnitResult = Annotated[UnitSuccess | CloseUnitError, result_union("CloseUnitResult")]

# --- positions ---


@strawberry.input(description="One ABK activity: yearly volume x standard time.")
class WorkloadInput:
    activity: str = strawberry.field(description="What is done (uraian kegiatan).")
    output_unit: str = strawberry.field(default="dokumen", description="Unit of the output.")
    yearly_volume: Decimal = strawberry.field(description="Outputs per year (0 or more).")
    standard_minutes: Decimal = strawberry.field(description="Minutes per output (more than 0).")

    def spec(self) -> positions.WorkloadSpec:
        return positions.WorkloadSpec(
            self.activity, self.yearly_volume, self.standard_minutes, self.output_unit
        )


@strawberry.input(description="A new position.")
class CreatePositionInput:
    code: str = strawberry.field(description="Unique position code.")
    name: str = strawberry.field(description="Name, e.g. Perawat Ahli Pertama.")
    level: PositionLevel = strawberry.field(description="Level; it fixes the kind.")
    kind: PositionKind | None = strawberry.field(
        default=None, description="Kind; if given it must agree with the level."
    )
    unit_id: strawberry.ID = strawberry.field(description="The unit the position belongs to.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The supervising position (none: top of a tree)."
    )
    grade_class: int = strawberry.field(description="Kelas jabatan 1-17.")
    effective_minutes: int = strawberry.field(
        default=DEFAULT_EFFECTIVE_MINUTES, description="Effective working minutes per year (ABK)."
    )
    workloads: list[WorkloadInput] = strawberry.field(
        default_factory=list, description="ABK activities."
    )


@strawberry.input(description="Changes to a position; fields left out stay as they are.")
class UpdatePositionInput:
    id: strawberry.ID = strawberry.field(description="The position.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    level: PositionLevel | None = strawberry.field(default=strawberry.UNSET, description="Level.")
    kind: PositionKind | None = strawberry.field(
        default=strawberry.UNSET, description="Kind; must agree with the level."
    )
    unit_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Move the position to this unit."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="New supervising position (null: none). Supervision follows at once.",
    )
    grade_class: int | None = strawberry.field(
        default=strawberry.UNSET, description="Kelas jabatan 1-17."
    )
    effective_minutes: int | None = strawberry.field(
        default=strawberry.UNSET, description="Effective working minutes per year (ABK)."
    )
    workloads: list[WorkloadInput] | None = strawberry.field(
        default=strawberry.UNSET, description="ABK activities, replacing the current ones."
    )


@strawberry.input(description="Close a position nobody holds.")
class ClosePositionInput:
    id: strawberry.ID = strawberry.field(description="The position.")
    closed_on: dt.date | None = strawberry.field(
        default=None, description="Closing date (default today, never in the future)."
    )


@strawberry.type(description="The position after the change.")
class PositionSuccess:
    position: Position = strawberry.field(description="The position as it is now.")


CreatePositionError = error_type("CreatePositionError", PeopleErrorCode, "creating a position")
UpdatePositionError = error_type("UpdatePositionError", PeopleErrorCode, "changing a position")
ClosePositionError = error_type("ClosePositionError", PeopleErrorCode, "closing a position")
CreatePositionResult = Annotated[
    PositionSuccess | CreatePositionError, result_union("CreatePositionResult")
]
UpdatePositionResult = Annotated[
    PositionSuccess | UpdatePositionError, result_union("UpdatePositionResult")
]
ClosePositionResult = Annotated[
    PositionSuccess | ClosePositionError, result_union("ClosePositionResult")
]


def _unit(row: OrgUnitModel) -> UnitSuccess:
    return UnitSuccess(unit=OrgUnit.from_model(row))


def _position(row: PositionModel) -> PositionSuccess:
    return PositionSuccess(position=Position.from_model(row))


@strawberry.type
class OrgChartMutation:
    @strawberry.mutation(description="Add a unit to the org chart (HR).", permission_classes=[IsHR])
    async def create_unit(self, info: Info, input: CreateUnitInput) -> CreateUnitResult:
        work = units.create_unit(
            code=input.code,
            name=input.name,
            short_name=input.short_name,
            kind=input.kind,
            parent_id=optional_pk(input.parent_id, "OrgUnit"),
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, CreateUnitError, _unit)

    @strawberry.mutation(
        description="Rename a unit or change its kind (HR).", permission_classes=[IsHR]
    )
    async def update_unit(self, info: Info, input: UpdateUnitInput) -> UpdateUnitResult:
        work = units.update_unit(
            unit_id=pk(input.id, "OrgUnit"),
            name=keep(input.name),
            short_name=keep(input.short_name),
            kind=keep(input.kind),
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, UpdateUnitError, _unit)

    @strawberry.mutation(
        description="Move a unit and its sub-units under another parent (HR).",
        permission_classes=[IsHR],
    )
    async def move_unit(self, info: Info, input: MoveUnitInput) -> MoveUnitResult:
        work = units.move_unit(
            unit_id=pk(input.id, "OrgUnit"),
            parent_id=optional_pk(input.parent_id, "OrgUnit"),
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, MoveUnitError, _unit)

    @strawberry.mutation(
        description="Close a unit without open sub-units, positions or staff (HR).",
        permission_classes=[IsHR],
    )
    async def close_unit(self, info: Info, input: CloseUnitInput) -> CloseUnitResult:
        work = units.close_unit(
            unit_id=pk(input.id, "OrgUnit"),
            closed_on=input.closed_on,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, CloseUnitError, _unit)

    @strawberry.mutation(description="Add a position (HR).", permission_classes=[IsHR])
    async def create_position(self, info: Info, input: CreatePositionInput) -> CreatePositionResult:
        work = positions.create_position(
            code=input.code,
            name=input.name,
            level=input.level,
            kind=input.kind,
            unit_id=pk(input.unit_id, "OrgUnit"),
            parent_id=optional_pk(input.parent_id, "Position"),
            grade_class=input.grade_class,
            effective_minutes=input.effective_minutes,
            workloads=[w.spec() for w in input.workloads],
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, CreatePositionError, _position)

    @strawberry.mutation(
        description="Change a position: name, level, grade, unit, supervisor, ABK (HR).",
        permission_classes=[IsHR],
    )
    async def update_position(self, info: Info, input: UpdatePositionInput) -> UpdatePositionResult:
        workloads = keep(input.workloads)
        work = positions.update_position(
            position_id=pk(input.id, "Position"),
            name=keep(input.name),
            level=keep(input.level),
            kind=keep(input.kind),
            unit_id=keep_pk(input.unit_id, "OrgUnit"),
            parent_id=keep_nullable_pk(input.parent_id, "Position"),
            grade_class=keep(input.grade_class),
            effective_minutes=keep(input.effective_minutes),
            workloads=[w.spec() for w in workloads] if given(workloads) else UNCHANGED,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, UpdatePositionError, _position)

    @strawberry.mutation(
        description="Close a position nobody holds and nothing reports to (HR).",
        permission_classes=[IsHR],
    )
    async def close_position(self, info: Info, input: ClosePositionInput) -> ClosePositionResult:
        work = positions.close_position(
            position_id=pk(input.id, "Position"),
            closed_on=input.closed_on,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, ClosePositionError, _position)
