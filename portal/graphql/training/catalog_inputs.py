"""Inputs of the catalog mutations."""

from __future__ import annotations

import datetime as dt

import strawberry

from portal.graphql.enums import ApprovalStep, PositionKind, TrainingMethod, TrainingMode


@strawberry.input(description="A competency a course develops and the level it leads to.")
class CourseCompetencyInput:
    competency_id: strawberry.ID = strawberry.field(description="The competency.")
    target_level: int = strawberry.field(description="Level the course leads to (1-5).")


@strawberry.input(description="A new course. Mode may be left out: the method implies it.")
class CreateCourseInput:
    code: str = strawberry.field(description="Catalog code, unique (stored upper-case).")
    title: str = strawberry.field(description="Title.")
    method: TrainingMethod = strawberry.field(description="Form of the activity.")
    jp: int = strawberry.field(description="Lesson hours (JP) credited, more than 0.")
    organiser: str = strawberry.field(description="Who runs it.")
    mode: TrainingMode | None = strawberry.field(
        default=None, description="Classical or not; must agree with the method when given."
    )
    description: str = strawberry.field(default="", description="What the course covers.")
    competencies: list[CourseCompetencyInput] = strawberry.field(
        default_factory=list, description="Competencies developed, each once, with target level."
    )
    eligible_position_kinds: list[PositionKind] = strawberry.field(
        default_factory=list, description="Position kinds it is for; empty means every kind."
    )
    eligible_unit_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Units (and the units below) it is for; empty: all."
    )
    approval_steps: list[ApprovalStep] = strawberry.field(
        default_factory=list,
        description="Extra approvals after the direct supervisor, in order (at most 5).",
    )
    requires_hr_verification: bool = strawberry.field(
        default=False, description="HR verifies approved requests."
    )


@strawberry.input(
    description="Changes to a course: left-out fields keep their value; lists replace."
)
class UpdateCourseInput:
    course_id: strawberry.ID = strawberry.field(description="The course.")
    code: str | None = strawberry.field(default=None, description="New code.")
    title: str | None = strawberry.field(default=None, description="New title.")
    method: TrainingMethod | None = strawberry.field(default=None, description="New method.")
    mode: TrainingMode | None = strawberry.field(default=None, description="New mode.")
    jp: int | None = strawberry.field(default=None, description="New JP.")
    organiser: str | None = strawberry.field(default=None, description="New organiser.")
    description: str | None = strawberry.field(default=None, description="New description.")
    competencies: list[CourseCompetencyInput] | None = strawberry.field(
        default=None, description="All competencies developed (replaces the list)."
    )
    eligible_position_kinds: list[PositionKind] | None = strawberry.field(
        default=None, description="All eligible position kinds (replaces the list)."
    )
    eligible_unit_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="All eligible units (replaces the list)."
    )
    approval_steps: list[ApprovalStep] | None = strawberry.field(
        default=None, description="The whole extra approval chain (replaces it)."
    )
    requires_hr_verification: bool | None = strawberry.field(
        default=None, description="HR verifies approved requests."
    )


@strawberry.input(description="The course to archive.")
class ArchiveCourseInput:
    course_id: strawberry.ID = strawberry.field(description="The course.")


@strawberry.input(description="A new session of a course.")
class CreateSessionInput:
    course_id: strawberry.ID = strawberry.field(description="The course (not archived).")
    starts_on: dt.date = strawberry.field(description="First day.")
    ends_on: dt.date = strawberry.field(description="Last day, on or after the first.")
    enrollment_deadline: dt.date = strawberry.field(description="Last day to ask, by the first.")
    capacity: int = strawberry.field(description="Seats, more than 0.")
    place: str = strawberry.field(default="", description="Venue; a venue or a link is needed.")
    online_url: str = strawberry.field(default="", description="http(s) link, if online.")
    hr_verification: bool | None = strawberry.field(
        default=None, description="Override the course's HR verification; null follows it."
    )


@strawberry.input(description="Changes to an open or closed session: left-out fields are kept.")
class UpdateSessionInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")
    starts_on: dt.date | None = strawberry.field(default=None, description="New first day.")
    ends_on: dt.date | None = strawberry.field(default=None, description="New last day.")
    enrollment_deadline: dt.date | None = strawberry.field(
        default=None, description="New deadline."
    )
    capacity: int | None = strawberry.field(
        default=None, description="New number of seats, never below the seats taken."
    )
    place: str | None = strawberry.field(default=None, description="New venue.")
    online_url: str | None = strawberry.field(default=None, description="New link.")
    hr_verification: strawberry.Maybe[bool | None] = strawberry.field(
        default=None,
        description="Override of HR verification; an explicit null follows the course.",
    )


@strawberry.input(description="The session to close for new requests.")
class CloseSessionInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")


@strawberry.input(description="The session to cancel, and why.")
class CancelSessionInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")
    reason: str = strawberry.field(description="Why: told to everyone with a request.")
