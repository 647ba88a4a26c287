"""Catalog, plan and enrollment types."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal.graphql.competencies.types import Competency
from portal.graphql.context import Info
from portal.graphql.enums import (
    ApprovalStep,
    EnrollmentStatus,
    PlanItemStatus,
    PlanStatus,
    PositionKind,
    SessionStatus,
    TrainingMethod,
    TrainingMode,
)
from portal.graphql.relay import Node, to_global_id
from portal.graphql.util import local, today
from portal.training import models

if TYPE_CHECKING:
    from portal.graphql.people.types import Employee, OrgUnit

EmployeeRef = Annotated["Employee", strawberry.lazy("portal.graphql.people.types")]
OrgUnitRef = Annotated["OrgUnit", strawberry.lazy("portal.graphql.people.types")]


@strawberry.type(description="A competency a course develops, and the level it leads to.")
class CourseCompetency:
    competency_pk: strawberry.Private[int]
    target_level: int = strawberry.field(description="Level the course leads to (1-5).")

    @strawberry.field(description="The competency.")
    async def competency(self, info: Info) -> Competency:
        row = await info.context.loaders.competency_by_id.load(self.competency_pk)
        assert row is not None
        return Competency.from_model(row)


@strawberry.type(description="A course of the training catalog.")
class Course(Node):
    pk: strawberry.Private[int]
    code: str = strawberry.field(description="Catalog code.")
    title: str = strawberry.field(description="Title.")
    description: str = strawberry.field(description="What the course covers.")
    mode: TrainingMode = strawberry.field(description="Classical or non-classical.")
    method: TrainingMethod = strawberry.field(description="Form of the activity.")
    jp: int = strawberry.field(description="Lesson hours (JP, 45 minutes each) credited.")
    organiser: str = strawberry.field(description="Who runs it.")
    requires_hr_verification: bool = strawberry.field(description="HR verifies approved requests.")
    active: bool = strawberry.field(description="In the catalog; false once archived.")
    eligible_position_kinds: list[PositionKind] = strawberry.field(
        description="Position kinds the course is for; empty means every kind."
    )
    approval_steps: list[ApprovalStep] = strawberry.field(
        description="Extra approval steps after the direct supervisor, in order."
    )

    @classmethod
    def from_model(cls, row: models.Course) -> Course:
        return cls(
            id=to_global_id("Course", row.id),
            pk=row.id,
            code=row.code,
            title=row.title,
            description=row.description,
            mode=row.mode,
            method=row.method,
            jp=row.jp,
            organiser=row.organiser,
            requires_hr_verification=row.requires_hr_verification,
            active=row.active,
            eligible_position_kinds=list(row.eligible_kinds or ()),  # type: ignore[arg-type]
            approval_steps=list(row.approval_steps or ()),  # type: ignore[arg-type]
        )

    @strawberry.field(
        description="Units (with the units below them) the course is for; empty means all."
    )
    async def eligible_units(self, info: Info) -> list[OrgUnitRef]:
        from portal.graphql.people.types import OrgUnit

        loaders = info.context.loaders
        ids = await loaders.eligible_unit_ids_by_course_id.load(self.pk)
        rows = await loaders.unit_by_id.load_many(ids)
        return [OrgUnit.from_model(r) for r in rows if r is not None]

    @strawberry.field(description="Competencies the course develops.")
    async def competencies(self, info: Info) -> list[CourseCompetency]:
        rows = await info.context.loaders.course_competencies_by_course_id.load(self.pk)
        return [
            CourseCompetency(competency_pk=r.competency_id, target_level=r.target_level)
            for r in rows
        ]


@strawberry.type(description="A scheduled run of a course with a number of seats.")
class TrainingSession(Node):
    pk: strawberry.Private[int]
    course_pk: strawberry.Private[int]
    starts_on: dt.date = strawberry.field(description="First day.")
    ends_on: dt.date = strawberry.field(description="Last day.")
    enrollment_deadline: dt.date = strawberry.field(description="Last day to request a seat.")
    place: str = strawberry.field(description="Venue, if classical.")
    online_url: str = strawberry.field(description="Link, if online.")
    capacity: int = strawberry.field(description="Number of seats.")
    seats_taken: int = strawberry.field(description="Seats held by enrolled participants.")
    seats_left: int = strawberry.field(description="Seats still free.")
    status: SessionStatus = strawberry.field(description="Open, closed, cancelled or finished.")
    hr_verification: bool | None = strawberry.field(
        description="Overrides the course's HR verification; null follows the course."
    )
    open_for_requests: bool = strawberry.field(
        description="Open, before its deadline: a request can be made now."
    )

    @classmethod
    def from_model(cls, row: models.TrainingSession) -> TrainingSession:
        return cls(
            id=to_global_id("TrainingSession", row.id),
            pk=row.id,
            course_pk=row.course_id,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            enrollment_deadline=row.enrollment_deadline,
            place=row.place,
            online_url=row.online_url,
            capacity=row.capacity,
            seats_taken=row.seats_taken,
            seats_left=max(row.capacity - row.seats_taken, 0),
            status=row.status,
            hr_verification=row.hr_verification,
            open_for_requests=row.status == models.SessionStatus.OPEN
            and row.enrollment_deadline >= today(),
        )

    @strawberry.field(description="The course this session runs.")
    async def course(self, info: Info) -> Course:
        row = await info.context.loaders.course_by_id.load(self.course_pk)
        assert row is not None
        return Course.from_model(row)


@strawberry.type(description="One planned development activity of a yearly plan.")
class TrainingPlanItem(Node):
    competency_pk: strawberry.Private[int | None]
    course_pk: strawberry.Private[int | None]
    proposed_by_pk: strawberry.Private[int | None]
    title: str = strawberry.field(description="What will be done.")
    method: TrainingMethod = strawberry.field(description="Form of the activity.")
    planned_jp: int = strawberry.field(description="Lesson hours planned.")
    status: PlanItemStatus = strawberry.field(description="Proposed, agreed, completed or dropped.")
    created_at: dt.datetime = strawberry.field(description="When it was proposed.")

    @classmethod
    def from_model(cls, row: models.TrainingPlanItem) -> TrainingPlanItem:
        return cls(
            id=to_global_id("TrainingPlanItem", row.id),
            competency_pk=row.competency_id,
            course_pk=row.course_id,
            proposed_by_pk=row.proposed_by_id,
            title=row.title,
            method=row.method,
            planned_jp=row.planned_jp,
            status=row.status,
            created_at=local(row.created_at),  # type: ignore[arg-type]
        )

    @strawberry.field(description="Who proposed it: the employee, or BKPSDM from the gap analysis.")
    async def proposed_by(self, info: Info) -> EmployeeRef | None:
        from portal.graphql.people.types import Employee

        if self.proposed_by_pk is None:
            return None
        row = await info.context.loaders.employee_by_id.load(self.proposed_by_pk)
        return Employee.from_model(row) if row else None

    @strawberry.field(description="The competency gap this item closes, if any.")
    async def competency(self, info: Info) -> Competency | None:
        if self.competency_pk is None:
            return None
        row = await info.context.loaders.competency_by_id.load(self.competency_pk)
        return Competency.from_model(row) if row else None

    @strawberry.field(description="The catalog course, if the item is one.")
    async def course(self, info: Info) -> Course | None:
        if self.course_pk is None:
            return None
        row = await info.context.loaders.course_by_id.load(self.course_pk)
        return Course.from_model(row) if row else None


@strawberry.type(description="A yearly development plan against the right to 20 JP (PP 11/2017).")
class TrainingPlan:
    year: int = strawberry.field(description="Year of the plan.")
    status: PlanStatus = strawberry.field(
        description="Draft, proposed or agreed (DRAFT if none yet)."
    )
    items: list[TrainingPlanItem] = strawberry.field(description="Planned activities.")
    planned_jp: int = strawberry.field(description="JP of the items not dropped.")
    completed_jp: int = strawberry.field(description="JP completed this year (all activities).")
    right_jp: int = strawberry.field(description="The yearly development right in JP (20).")
    remaining_jp: int = strawberry.field(description="JP still missing to meet the right.")
    right_met: bool = strawberry.field(description="The right is met for the year.")
    employee_pk: strawberry.Private[int]
    plan_pk: strawberry.Private[int | None]
    agreed_by_pk: strawberry.Private[int | None]
    agreed_at: dt.datetime | None = strawberry.field(
        description="When the supervisor last agreed the plan (kept if it was reopened since)."
    )

    @classmethod
    async def load(cls, info: Info, *, employee_id: int, year: int) -> TrainingPlan:
        """The plan view of an employee's year (an empty DRAFT when there is no plan yet)."""
        plan, items, completed = await info.context.loaders.plan_by_employee_year.load(
            (employee_id, year)
        )
        planned = sum(i.planned_jp for i in items if i.status != models.PlanItemStatus.DROPPED)
        return cls(
            year=year,
            status=plan.status if plan else models.PlanStatus.DRAFT,  # type: ignore[arg-type]
            items=[TrainingPlanItem.from_model(i) for i in items],
            planned_jp=planned,
            completed_jp=completed,
            right_jp=models.YEARLY_JP_RIGHT,
            remaining_jp=max(models.YEARLY_JP_RIGHT - completed, 0),
            right_met=completed >= models.YEARLY_JP_RIGHT,
            employee_pk=employee_id,
            plan_pk=plan.id if plan else None,
            agreed_by_pk=plan.agreed_by_id if plan else None,
            agreed_at=local(plan.agreed_at) if plan else None,
        )

    @strawberry.field(description="Whose plan it is.")
    async def employee(self, info: Info) -> EmployeeRef:
        from portal.graphql.people.types import Employee

        row = await info.context.loaders.employee_by_id.load(self.employee_pk)
        assert row is not None
        return Employee.from_model(row)

    @strawberry.field(description="The supervisor who last agreed the plan.")
    async def agreed_by(self, info: Info) -> EmployeeRef | None:
        from portal.graphql.people.types import Employee

        if self.agreed_by_pk is None:
            return None
        row = await info.context.loaders.employee_by_id.load(self.agreed_by_pk)
        return Employee.from_model(row) if row else None

    @strawberry.field(
        description="The supervisor's note when the plan was last returned for changes "
        "(empty once it is submitted again or agreed)."
    )
    async def return_note(self, info: Info) -> str:
        if self.plan_pk is None:
            return ""
        return await info.context.loaders.return_note_by_plan_id.load(self.plan_pk)


@strawberry.type(description="Completed development hours, in SIASN's training-history shape.")
class TrainingRecord(Node):
    title: str = strawberry.field(description="Name of the activity.")
    method: TrainingMethod = strawberry.field(description="Form of the activity.")
    organiser: str = strawberry.field(description="Who ran it.")
    jp: int = strawberry.field(description="Lesson hours credited.")
    year: int = strawberry.field(description="Year credited.")
    completed_on: dt.date = strawberry.field(description="Completion date.")
    certificate_number: str = strawberry.field(description="Certificate number, if any.")

    @classmethod
    def from_model(cls, row: models.TrainingRecord) -> TrainingRecord:
        return cls(
            id=to_global_id("TrainingRecord", row.id),
            title=row.title,
            method=row.method,
            organiser=row.organiser,
            jp=row.jp,
            year=row.year,
            completed_on=row.completed_on,
            certificate_number=row.certificate_number,
        )


@strawberry.type(description="One transition of an enrollment.")
class EnrollmentEvent:
    actor_pk: strawberry.Private[int | None]
    from_status: EnrollmentStatus | None = strawberry.field(description="State before.")
    to_status: EnrollmentStatus = strawberry.field(description="State after.")
    note: str = strawberry.field(description="Why.")
    at: dt.datetime = strawberry.field(description="When.")

    @strawberry.field(description="Who made the move (null for the system).")
    async def actor(self, info: Info) -> EmployeeRef | None:
        from portal.graphql.people.types import Employee

        if self.actor_pk is None:
            return None
        row = await info.context.loaders.employee_by_id.load(self.actor_pk)
        return Employee.from_model(row) if row else None


@strawberry.type(description="A request for, then the holding of, a seat in a session.")
class Enrollment(Node):
    pk: strawberry.Private[int]
    session_pk: strawberry.Private[int]
    employee_pk: strawberry.Private[int]
    status: EnrollmentStatus = strawberry.field(description="Current state.")
    reason: str = strawberry.field(description="Why the employee asked.")
    requested_at: dt.datetime = strawberry.field(description="When it was requested.")
    decided_at: dt.datetime | None = strawberry.field(description="When the last decision came.")
    jp_credited: int = strawberry.field(description="JP credited on completion.")
    approval_step: int = strawberry.field(
        description="Index of the approval step a request waits at (0 = direct supervisor)."
    )

    @classmethod
    def from_model(cls, row: models.Enrollment) -> Enrollment:
        return cls(
            approval_step=row.approval_step,
            id=to_global_id("Enrollment", row.id),
            pk=row.id,
            session_pk=row.session_id,
            employee_pk=row.employee_id,
            status=row.status,
            reason=row.reason,
            requested_at=local(row.requested_at),  # type: ignore[arg-type]
            decided_at=local(row.decided_at),
            jp_credited=row.jp_credited,
        )

    @strawberry.field(description="The session.")
    async def session(self, info: Info) -> TrainingSession:
        row = await info.context.loaders.session_by_id.load(self.session_pk)
        assert row is not None
        return TrainingSession.from_model(row)

    @strawberry.field(description="Who the seat is for.")
    async def employee(self, info: Info) -> EmployeeRef:
        from portal.graphql.people.types import Employee

        row = await info.context.loaders.employee_by_id.load(self.employee_pk)
        assert row is not None
        return Employee.from_model(row)

    @strawberry.field(
        description="Who must act next: SUPERVISOR, a line level up to SIXTH_LEVEL, HR or "
        "HR_VERIFICATION; null when the request is not waiting for a decision."
    )
    async def awaiting_step(self, info: Info) -> str | None:
        from portal.training.enrollment import approval_chain

        if self.status != models.EnrollmentStatus.REQUESTED:
            return None
        session = await info.context.loaders.session_by_id.load(self.session_pk)
        if session is None:
            return None
        course = await info.context.loaders.course_by_id.load(session.course_id)
        if course is None:
            return None
        chain = approval_chain(course, session)
        return chain[min(self.approval_step, len(chain) - 1)]

    @strawberry.field(description="Every transition, oldest first.")
    async def history(self, info: Info) -> list[EnrollmentEvent]:
        rows = await info.context.loaders.events_by_enrollment_id.load(self.pk)
        return [
            EnrollmentEvent(
                actor_pk=r.actor_id,
                from_status=r.from_status,
                to_status=r.to_status,
                note=r.note,
                at=local(r.at),  # type: ignore[arg-type]
            )
            for r in rows
        ]
