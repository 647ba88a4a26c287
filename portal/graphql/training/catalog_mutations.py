"""Catalog mutations (HR): courses and sessions. Thin: decode ids, call a service, map."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry

from portal.graphql.context import Info
from portal.graphql.payloads import error_of, payload, pk
from portal.graphql.permissions import IsAuthenticated, IsHR, require_principal
from portal.graphql.training.catalog_inputs import (
    ArchiveCourseInput,
    CancelSessionInput,
    CloseSessionInput,
    CourseCompetencyInput,
    CreateCourseInput,
    CreateSessionInput,
    UpdateCourseInput,
    UpdateSessionInput,
)
from portal.graphql.training.types import Course, TrainingSession
from portal.training import catalog, sessions
from portal.training.errors import CatalogErrorCode as DomainCode

CatalogErrorCode = strawberry.enum(DomainCode, description="Why a catalog change failed.")


@strawberry.interface(description="A catalog rule was broken; nothing was changed.")
class CatalogProblem:
    code: CatalogErrorCode = strawberry.field(description="Machine-readable reason.")
    field: str | None = strawberry.field(description="Input field at fault, if one.")
    message: str = strawberry.field(description="Readable reason (Indonesian).")

    of = error_of(CatalogErrorCode)


def _error_type(name: str, description: str) -> Any:
    return strawberry.type(type(name, (CatalogProblem,), {}), description=description)


CreateCourseError = _error_type("CreateCourseError", "Why the course could not be created.")
UpdateCourseError = _error_type("UpdateCourseError", "Why the course could not be changed.")
ArchiveCourseError = _error_type("ArchiveCourseError", "Why the course could not be archived.")
CreateSessionError = _error_type("CreateSessionError", "Why the session could not be created.")
UpdateSessionError = _error_type("UpdateSessionError", "Why the session could not be changed.")
CloseSessionError = _error_type("CloseSessionError", "Why the session could not be closed.")
CancelSessionError = _error_type("CancelSessionError", "Why the session could not be cancelled.")


def _course_success(name: str, description: str) -> type:
    cls = type(name, (), {"__annotations__": {"course": Course}})
    cls.course = strawberry.field(description="The course after the change.")  # type: ignore[attr-defined]
    return strawberry.type(cls, description=description)


def _session_success(name: str, description: str) -> type:
    cls = type(name, (), {"__annotations__": {"session": TrainingSession}})
    cls.session = strawberry.field(description="The session after the change.")  # type: ignore[attr-defined]
    return strawberry.type(cls, description=description)


CreateCourseSuccess = _course_success("CreateCourseSuccess", "The course was created.")
UpdateCourseSuccess = _course_success("UpdateCourseSuccess", "The course was changed.")
ArchiveCourseSuccess = _course_success("ArchiveCourseSuccess", "The course was archived.")
CreateSessionSuccess = _session_success("CreateSessionSuccess", "The session was scheduled.")
UpdateSessionSuccess = _session_success("UpdateSessionSuccess", "The session was changed.")
CloseSessionSuccess = _session_success("CloseSessionSuccess", "The session takes no more requests.")


@strawberry.type(description="The session was cancelled and its requests with it.")
class CancelSessionSuccess:
    session: TrainingSession = strawberry.field(description="The cancelled session.")
    cancelled_enrollments: int = strawberry.field(
        description="Requests (requested, waitlisted or enrolled) that were cancelled."
    )


CreateCourseResult = Annotated[
    CreateCourseSuccess | CreateCourseError,
    strawberry.union(
        "CreateCourseResult",
        description="Outcome of create course: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
UpdateCourseResult = Annotated[
    UpdateCourseSuccess | UpdateCourseError,
    strawberry.union(
        "UpdateCourseResult",
        description="Outcome of update course: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
ArchiveCourseResult = Annotated[
    ArchiveCourseSuccess | ArchiveCourseError,
    strawberry.union(
        "ArchiveCourseResult",
        description="Outcome of archive course: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
CreateSessionResult = Annotated[
    CreateSessionSuccess | CreateSessionError,
    strawberry.union(
        "CreateSessionResult",
        description="Outcome of create session: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
UpdateSessionResult = Annotated[
    UpdateSessionSuccess | UpdateSessionError,
    strawberry.union(
        "UpdateSessionResult",
        description="Outcome of update session: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
CloseSessionResult = Annotated[
    CloseSessionSuccess | CloseSessionError,
    strawberry.union(
        "CloseSessionResult",
        description="Outcome of close session: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
CancelSessionResult = Annotated[
    CancelSessionSuccess | CancelSessionError,
    strawberry.union(
        "CancelSessionResult",
        description="Outcome of cancel session: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]


def _links(items: list[CourseCompetencyInput]) -> tuple[tuple[int, int], ...]:
    return tuple((pk(i.competency_id, "Competency"), i.target_level) for i in items)


def _units(ids: list[strawberry.ID]) -> tuple[int, ...]:
    return tuple(pk(i, "OrgUnit") for i in ids)


def _course(success: type) -> Callable[[Any], Any]:
    return lambda row: success(course=Course.from_model(row))


def _session(success: type) -> Callable[[Any], Any]:
    return lambda row: success(session=TrainingSession.from_model(row))


def _cancelled(result: tuple[Any, int]) -> CancelSessionSuccess:
    session, count = result
    return CancelSessionSuccess(
        session=TrainingSession.from_model(session), cancelled_enrollments=count
    )


@strawberry.type
class CatalogMutations:
    @strawberry.mutation(
        description="Add a course to the catalog (HR).", permission_classes=[IsAuthenticated, IsHR]
    )
    async def create_course(self, info: Info, input: CreateCourseInput) -> CreateCourseResult:
        spec = catalog.CourseSpec(
            code=input.code,
            title=input.title,
            method=input.method,
            jp=input.jp,
            organiser=input.organiser,
            mode=input.mode,
            description=input.description,
            competencies=_links(input.competencies),
            eligible_kinds=tuple(input.eligible_position_kinds),
            eligible_unit_ids=_units(input.eligible_unit_ids),
            approval_steps=tuple(input.approval_steps),
            requires_hr_verification=input.requires_hr_verification,
        )
        work = catalog.create_course(principal=require_principal(info), spec=spec)
        return await payload(work, CreateCourseError, _course(CreateCourseSuccess))

    @strawberry.mutation(
        description="Change a course (HR).", permission_classes=[IsAuthenticated, IsHR]
    )
    async def update_course(self, info: Info, input: UpdateCourseInput) -> UpdateCourseResult:
        changes = catalog.CourseChanges(
            code=input.code,
            title=input.title,
            method=input.method,
            mode=input.mode,
            jp=input.jp,
            organiser=input.organiser,
            description=input.description,
            competencies=None if input.competencies is None else _links(input.competencies),
            eligible_kinds=None
            if input.eligible_position_kinds is None
            else tuple(input.eligible_position_kinds),
            eligible_unit_ids=None
            if input.eligible_unit_ids is None
            else _units(input.eligible_unit_ids),
            approval_steps=None if input.approval_steps is None else tuple(input.approval_steps),
            requires_hr_verification=input.requires_hr_verification,
        )
        work = catalog.update_course(
            principal=require_principal(info),
            course_id=pk(input.course_id, "Course"),
            changes=changes,
        )
        return await payload(work, UpdateCourseError, _course(UpdateCourseSuccess))

    @strawberry.mutation(
        description="Archive a course: no new sessions; history keeps it (HR).",
        permission_classes=[IsAuthenticated, IsHR],
    )
    async def archive_course(self, info: Info, input: ArchiveCourseInput) -> ArchiveCourseResult:
        work = catalog.archive_course(
            principal=require_principal(info), course_id=pk(input.course_id, "Course")
        )
        return await payload(work, ArchiveCourseError, _course(ArchiveCourseSuccess))

    @strawberry.mutation(
        description="Schedule a session; employees whose gap it closes are told (HR).",
        permission_classes=[IsAuthenticated, IsHR],
    )
    async def create_session(self, info: Info, input: CreateSessionInput) -> CreateSessionResult:
        spec = sessions.SessionSpec(
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            enrollment_deadline=input.enrollment_deadline,
            capacity=input.capacity,
            place=input.place,
            online_url=input.online_url,
            hr_verification=input.hr_verification,
        )
        work = sessions.create_session(
            principal=require_principal(info), course_id=pk(input.course_id, "Course"), spec=spec
        )
        return await payload(work, CreateSessionError, _session(CreateSessionSuccess))

    @strawberry.mutation(
        description="Change an open or closed session; participants hear of new dates (HR).",
        permission_classes=[IsAuthenticated, IsHR],
    )
    async def update_session(self, info: Info, input: UpdateSessionInput) -> UpdateSessionResult:
        extra: dict[str, Any] = {}
        if input.hr_verification is not None:  # Some(value): given, possibly null
            extra["hr_verification"] = input.hr_verification.value
        changes = sessions.SessionChanges(
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            enrollment_deadline=input.enrollment_deadline,
            capacity=input.capacity,
            place=input.place,
            online_url=input.online_url,
            **extra,
        )
        work = sessions.update_session(
            principal=require_principal(info),
            session_id=pk(input.session_id, "TrainingSession"),
            changes=changes,
        )
        return await payload(work, UpdateSessionError, _session(UpdateSessionSuccess))

    @strawberry.mutation(
        description="Stop taking requests; those made go on, participants are told (HR).",
        permission_classes=[IsAuthenticated, IsHR],
    )
    async def close_session(self, info: Info, input: CloseSessionInput) -> CloseSessionResult:
        work = sessions.close_session(
            principal=require_principal(info), session_id=pk(input.session_id, "TrainingSession")
        )
        return await payload(work, CloseSessionError, _session(CloseSessionSuccess))

    @strawberry.mutation(
        description="Cancel a session: every live request is cancelled and its holder told (HR).",
        permission_classes=[IsAuthenticated, IsHR],
    )
    async def cancel_session(self, info: Info, input: CancelSessionInput) -> CancelSessionResult:
        work = sessions.cancel_session(
            principal=require_principal(info),
            session_id=pk(input.session_id, "TrainingSession"),
            reason=input.reason,
        )
        return await payload(work, CancelSessionError, _cancelled)
