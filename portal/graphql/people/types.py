"""Employee, position and unit types.

Basic identity (name, NIP, rank, position, unit) is visible to whoever can reach the object (for
example an employee reading their supervisor); personal fields check ``can_view_employee`` first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from portal.competencies.service import build_profile
from portal.graphql.competencies.types import CompetencyProfile, CompetencyRequirement
from portal.graphql.context import Info
from portal.graphql.duties.types import Duty, Skp, SkpResult
from portal.graphql.enums import (
    EmploymentType,
    EnrollmentStatus,
    Gender,
    PositionKind,
    PositionLevel,
    Rank,
    UnitKind,
)
from portal.graphql.people.admin_types import EmploymentChange, PositionWorkload
from portal.graphql.permissions import Forbidden
from portal.graphql.relay import Connection, Node, build_connection, page_request, to_global_id
from portal.graphql.training.types import (
    Enrollment,
    TrainingPlan,
    TrainingRecord,
)
from portal.graphql.util import year_or_current
from portal.people import models
from portal.people.access import can_view_employee
from portal.people.nip import format_nip
from portal.people.ranks import Rank as DomainRank


@strawberry.type(description="A rank with its display label and name.")
class RankInfo:
    code: Rank = strawberry.field(description="Rank code.")
    label: str = strawberry.field(description="Golongan/ruang as printed, e.g. III/a.")
    title: str = strawberry.field(description="Name of the rank (pangkat), e.g. Penata Muda.")

    @classmethod
    def of(cls, rank: DomainRank) -> RankInfo:
        return cls(code=rank, label=rank.label, title=rank.title)


@strawberry.type(description="An organisational unit (OPD or a part of one).")
class OrgUnit(Node):
    pk: strawberry.Private[int]
    parent_pk: strawberry.Private[int | None]
    code: str = strawberry.field(description="Unit code.")
    name: str = strawberry.field(description="Full name.")
    short_name: str = strawberry.field(description="Short name, e.g. Dinkes.")
    kind: UnitKind = strawberry.field(description="Kind of unit.")
    active: bool = strawberry.field(description="Open (false once closed).")
    closed_on: dt.date | None = strawberry.field(description="When the unit was closed.")

    @classmethod
    def from_model(cls, row: models.OrgUnit) -> OrgUnit:
        return cls(
            id=to_global_id("OrgUnit", row.id),
            pk=row.id,
            parent_pk=row.parent_id,
            code=row.code,
            name=row.name,
            short_name=row.short_name,
            kind=row.kind,
            active=row.active,
            closed_on=row.closed_on,
        )

    @strawberry.field(description="The unit this one belongs to.")
    async def parent(self, info: Info) -> OrgUnit | None:
        if self.parent_pk is None:
            return None
        row = await info.context.loaders.unit_by_id.load(self.parent_pk)
        return OrgUnit.from_model(row) if row else None


@strawberry.type(description="A position (jabatan). Its parent position supervises it.")
class Position(Node):
    pk: strawberry.Private[int]
    unit_pk: strawberry.Private[int]
    parent_pk: strawberry.Private[int | None]
    code: str = strawberry.field(description="Position code.")
    name: str = strawberry.field(description="Name, e.g. Perawat Ahli Pertama.")
    kind: PositionKind = strawberry.field(description="JPT, administrasi or fungsional.")
    level: PositionLevel = strawberry.field(description="Level within the kind.")
    grade_class: int = strawberry.field(description="Kelas jabatan (1-17).")
    active: bool = strawberry.field(description="Open (false once closed).")
    closed_on: dt.date | None = strawberry.field(description="When the position was closed.")
    effective_minutes: int = strawberry.field(
        description="Effective working time per year for ABK, minutes (default 75,000)."
    )

    @classmethod
    def from_model(cls, row: models.Position) -> Position:
        return cls(
            id=to_global_id("Position", row.id),
            pk=row.id,
            unit_pk=row.unit_id,
            parent_pk=row.parent_id,
            code=row.code,
            name=row.name,
            kind=row.kind,
            level=row.level,
            grade_class=row.grade_class,
            active=row.active,
            closed_on=row.closed_on,
            effective_minutes=row.effective_minutes,
        )

    @strawberry.field(description="The position that supervises this one.")
    async def parent(self, info: Info) -> Position | None:
        if self.parent_pk is None:
            return None
        row = await info.context.loaders.position_by_id.load(self.parent_pk)
        return Position.from_model(row) if row else None

    @strawberry.field(description="Workload analysis (ABK) activities.")
    async def workloads(self, info: Info) -> list[PositionWorkload]:
        rows = await info.context.loaders.workloads_by_position_id.load(self.pk)
        return [PositionWorkload.from_model(r) for r in rows]

    @strawberry.field(
        description="ABK headcount need: sum of volume x standard time / effective time, "
        "two decimals."
    )
    async def required_headcount(self, info: Info) -> Decimal:
        rows = await info.context.loaders.workloads_by_position_id.load(self.pk)
        total = sum(
            (Decimal(r.yearly_volume) * Decimal(r.standard_minutes) for r in rows), Decimal(0)
        )
        return (total / self.effective_minutes).quantize(Decimal("0.01"))

    @strawberry.field(description="Competency levels the position requires.")
    async def requirements(self, info: Info) -> list[CompetencyRequirement]:
        rows = await info.context.loaders.requirements_by_position_id.load(self.pk)
        return [CompetencyRequirement.from_model(r) for r in rows]

    @strawberry.field(description="The unit the position belongs to.")
    async def unit(self, info: Info) -> OrgUnit:
        row = await info.context.loaders.unit_by_id.load(self.unit_pk)
        assert row is not None
        return OrgUnit.from_model(row)

    @strawberry.field(description="Duties of the position (uraian tugas).")
    async def duties(self, info: Info) -> list[Duty]:
        rows = await info.context.loaders.duties_by_position_id.load(self.pk)
        return [Duty.from_model(r) for r in rows]


@strawberry.type(description="A civil servant (ASN): PNS or PPPK.")
class Employee(Node):
    pk: strawberry.Private[int]
    position_pk: strawberry.Private[int | None]
    unit_pk: strawberry.Private[int]
    row_email: strawberry.Private[str | None]
    row_birth_date: strawberry.Private[dt.date]
    nip: str = strawberry.field(description="NIP or NI PPPK, 18 digits.")
    nip_formatted: str = strawberry.field(description="NIP as printed: 19860926 201505 1 001.")
    name: str = strawberry.field(description="Name without titles.")
    full_name: str = strawberry.field(description="Name with academic titles.")
    employment_type: EmploymentType = strawberry.field(description="PNS or PPPK.")
    gender: Gender = strawberry.field(description="Sex.")
    rank: RankInfo = strawberry.field(description="Current rank.")
    active: bool = strawberry.field(description="Still in service.")

    @classmethod
    def from_model(cls, row: models.Employee) -> Employee:
        return cls(
            id=to_global_id("Employee", row.id),
            pk=row.id,
            position_pk=row.position_id,
            unit_pk=row.unit_id,
            row_email=row.email,
            row_birth_date=row.birth_date,
            nip=row.nip,
            nip_formatted=format_nip(row.nip),
            name=row.name,
            full_name=row.full_name,
            employment_type=row.employment_type,
            gender=row.gender,
            rank=RankInfo.of(DomainRank(row.rank)),
            active=row.active,
        )

    async def _guard(self, info: Info) -> None:
        principal = info.context.principal
        if principal is None or not await can_view_employee(
            principal, employee_id=self.pk, position_id=self.position_pk
        ):
            raise Forbidden()

    @strawberry.field(description="Position held, if any.")
    async def position(self, info: Info) -> Position | None:
        if self.position_pk is None:
            return None
        row = await info.context.loaders.position_by_id.load(self.position_pk)
        return Position.from_model(row) if row else None

    @strawberry.field(description="Unit the employee works in.")
    async def unit(self, info: Info) -> OrgUnit:
        row = await info.context.loaders.unit_by_id.load(self.unit_pk)
        assert row is not None
        return OrgUnit.from_model(row)

    @strawberry.field(description="Direct supervisor: the holder of the parent position.")
    async def supervisor(self, info: Info) -> Employee | None:
        if self.position_pk is None:
            return None
        row = await info.context.loaders.supervisor_by_position_id.load(self.position_pk)
        return Employee.from_model(row) if row else None

    @strawberry.field(description="Work e-mail (personal: self, supervisors, HR).")
    async def email(self, info: Info) -> str | None:
        await self._guard(info)
        return self.row_email

    @strawberry.field(description="Birth date (personal: self, supervisors, HR).")
    async def birth_date(self, info: Info) -> dt.date:
        await self._guard(info)
        return self.row_birth_date

    @strawberry.field(description="Employment history (hire, transfers, ranks), oldest first.")
    async def employment_history(self, info: Info) -> list[EmploymentChange]:
        await self._guard(info)
        rows = await info.context.loaders.employment_history_by_employee_id.load(self.pk)
        return [EmploymentChange.from_model(r) for r in rows]

    @strawberry.field(description="Duties of the employee's position.")
    async def duties(self, info: Info) -> list[Duty]:
        await self._guard(info)
        if self.position_pk is None:
            return []
        rows = await info.context.loaders.duties_by_position_id.load(self.position_pk)
        return [Duty.from_model(r) for r in rows]

    @strawberry.field(description="The SKP for a year (default: this year).")
    async def skp(self, info: Info, year: int | None = None) -> Skp | None:
        await self._guard(info)
        row = await info.context.loaders.skp_by_employee_year.load((self.pk, year_or_current(year)))
        return Skp.from_model(row) if row else None

    @strawberry.field(
        description="The direct supervisor's work results for a year (default: this year): what "
        "this employee's main results are cascaded from (self, supervisors, HR)."
    )
    async def skp_cascade_options(self, info: Info, year: int | None = None) -> list[SkpResult]:
        await self._guard(info)
        if self.position_pk is None:
            return []
        loaders = info.context.loaders
        supervisor = await loaders.supervisor_by_position_id.load(self.position_pk)
        if supervisor is None:
            return []
        skp = await loaders.skp_by_employee_year.load((supervisor.id, year_or_current(year)))
        rows = await loaders.results_by_skp_id.load(skp.id) if skp else []
        return [SkpResult.from_model(r) for r in rows]

    @strawberry.field(description="Competencies against what the position requires, with the gap.")
    async def competency_profile(self, info: Info) -> CompetencyProfile:
        await self._guard(info)
        loaders = info.context.loaders
        # Both asked for before either is awaited: one wave of statements, not two.
        assessed = loaders.latest_assessments_by_employee_id.load(self.pk)
        requirements = (
            await loaders.requirements_by_position_id.load(self.position_pk)
            if self.position_pk is not None
            else []
        )
        assessments = await assessed
        profile = build_profile(requirements, assessments)
        # The items' competencies as one batch, before the items resolve: those already cached
        # (brought along by the plan or a course) would otherwise resolve a tick before the
        # others, and what is asked of them next (levels) would take two statements, not one.
        await loaders.competency_by_id.load_many([i.competency_id for i in profile.items])
        return CompetencyProfile.from_profile(profile)

    @strawberry.field(description="The development plan for a year (default: this year).")
    async def training_plan(self, info: Info, year: int | None = None) -> TrainingPlan:
        await self._guard(info)
        return await TrainingPlan.load(info, employee_id=self.pk, year=year_or_current(year))

    @strawberry.field(
        description="Completed development activities of a year (default: this year)."
    )
    async def training_records(self, info: Info, year: int | None = None) -> list[TrainingRecord]:
        await self._guard(info)
        rows = await info.context.loaders.records_by_employee_year.load(
            (self.pk, year_or_current(year))
        )
        return [TrainingRecord.from_model(r) for r in rows]

    @strawberry.field(description="Enrollment requests, newest first.")
    async def enrollments(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: list[EnrollmentStatus] | None = None,
    ) -> Connection[Enrollment]:
        await self._guard(info)
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        statuses = tuple(sorted(str(s) for s in status or ()))
        rows, total = await info.context.loaders.enrollment_page.load(
            (self.pk, statuses, page.offset, page.limit)
        )
        return build_connection(rows, total, page, Enrollment.from_model)
