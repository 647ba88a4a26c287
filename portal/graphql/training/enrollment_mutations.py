"""Enrollment mutations: thin wrappers that map service outcomes to result unions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry

from portal.graphql.context import Info
from portal.graphql.permissions import IsAuthenticated, IsHR
from portal.graphql.relay import from_global_id
from portal.graphql.training.types import Enrollment
from portal.people.errors import PeopleError
from portal.people.service import get_employee_by_nip
from portal.training import completion, enrollment
from portal.training.enrollment_errors import EnrollmentError
from portal.training.enrollment_errors import EnrollmentErrorCode as DomainCode

EnrollmentErrorCode = strawberry.enum(DomainCode, description="Why an enrollment action failed.")


@strawberry.enum(description="An approver's decision.")
class Decision(Enum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"


@strawberry.interface(description="A rule of the enrollment flow was broken; nothing was changed.")
class EnrollmentProblem:
    code: EnrollmentErrorCode = strawberry.field(description="Machine-readable reason.")
    field: str | None = strawberry.field(description="Input field at fault, if one.")
    message: str = strawberry.field(description="Readable reason (Indonesian).")


def _error_type(name: str) -> type:
    return strawberry.type(type(name, (EnrollmentProblem,), {}), description=f"{name[:-5]} failed.")


def _success_type(name: str) -> type:
    cls = type(name, (), {"__annotations__": {"enrollment": Enrollment}})
    cls.enrollment = strawberry.field(description="The enrollment after the change.")  # type: ignore[attr-defined]
    return strawberry.type(cls, description=f"{name[:-7]} succeeded.")


RequestEnrollmentSuccess = _success_type("RequestEnrollmentSuccess")
RequestEnrollmentError = _error_type("RequestEnrollmentError")
CancelEnrollmentSuccess = _success_type("CancelEnrollmentSuccess")
CancelEnrollmentError = _error_type("CancelEnrollmentError")
DecideEnrollmentSuccess = _success_type("DecideEnrollmentSuccess")
DecideEnrollmentError = _error_type("DecideEnrollmentError")
VerifyEnrollmentSuccess = _success_type("VerifyEnrollmentSuccess")
VerifyEnrollmentError = _error_type("VerifyEnrollmentError")
EnrollEmployeeSuccess = _success_type("EnrollEmployeeSuccess")
EnrollEmployeeError = _error_type("EnrollEmployeeError")
RecordAttendanceSuccess = _success_type("RecordAttendanceSuccess")
RecordAttendanceError = _error_type("RecordAttendanceError")
CompleteEnrollmentSuccess = _success_type("CompleteEnrollmentSuccess")
CompleteEnrollmentError = _error_type("CompleteEnrollmentError")
SubmitTrainingFeedbackSuccess = _success_type("SubmitTrainingFeedbackSuccess")
SubmitTrainingFeedbackError = _error_type("SubmitTrainingFeedbackError")

RequestEnrollmentResult = Annotated[
    RequestEnrollmentSuccess | RequestEnrollmentError,
    strawberry.union(
        "RequestEnrollmentResult",
        description="Outcome of RequestEnrollment: success or a typed error.",
    ),
]  # type: ignore[valid-type]
CancelEnrollmentResult = Annotated[
    CancelEnrollmentSuccess | CancelEnrollmentError,
    strawberry.union(
        "CancelEnrollmentResult",
        description="Outcome of CancelEnrollment: success or a typed error.",
    ),
]  # type: ignore[valid-type]
DecideEnrollmentResult = Annotated[
    DecideEnrollmentSuccess | DecideEnrollmentError,
    strawberry.union(
        "DecideEnrollmentResult",
        description="Outcome of DecideEnrollment: success or a typed error.",
    ),
]  # type: ignore[valid-type]
VerifyEnrollmentResult = Annotated[
    VerifyEnrollmentSuccess | VerifyEnrollmentError,
    strawberry.union(
        "VerifyEnrollmentResult",
        description="Outcome of VerifyEnrollment: success or a typed error.",
    ),
]  # type: ignore[valid-type]
EnrollEmployeeResult = Annotated[
    EnrollEmployeeSuccess | EnrollEmployeeError,
    strawberry.union(
        "EnrollEmployeeResult", description="Outcome of EnrollEmployee: success or a typed error."
    ),
]  # type: ignore[valid-type]
RecordAttendanceResult = Annotated[
    RecordAttendanceSuccess | RecordAttendanceError,
    strawberry.union(
        "RecordAttendanceResult",
        description="Outcome of RecordAttendance: success or a typed error.",
    ),
]  # type: ignore[valid-type]
CompleteEnrollmentResult = Annotated[
    CompleteEnrollmentSuccess | CompleteEnrollmentError,
    strawberry.union(
        "CompleteEnrollmentResult",
        description="Outcome of CompleteEnrollment: success or a typed error.",
    ),
]  # type: ignore[valid-type]
SubmitTrainingFeedbackResult = Annotated[
    SubmitTrainingFeedbackSuccess | SubmitTrainingFeedbackError,
    strawberry.union(
        "SubmitTrainingFeedbackResult",
        description="Outcome of SubmitTrainingFeedback: success or a typed error.",
    ),
]  # type: ignore[valid-type]


@strawberry.input(description="Ask for a seat in a session.")
class RequestEnrollmentInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")
    reason: str = strawberry.field(default="", description="Why (shown to the approver).")
    plan_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The plan item it serves."
    )


@strawberry.input(description="Withdraw a request or give a seat back.")
class CancelEnrollmentInput:
    enrollment_id: strawberry.ID = strawberry.field(description="The enrollment.")
    reason: str = strawberry.field(default="", description="Why.")


@strawberry.input(description="Approve or reject the step a request waits at.")
class DecideEnrollmentInput:
    enrollment_id: strawberry.ID = strawberry.field(description="The enrollment.")
    decision: Decision = strawberry.field(description="Approve or reject.")
    note: str = strawberry.field(default="", description="Note to the employee.")


@strawberry.input(description="Put an employee in a session directly (HR or their supervisor).")
class EnrollEmployeeInput:
    nip: str = strawberry.field(description="NIP of the employee.")
    session_id: strawberry.ID = strawberry.field(description="The session.")
    note: str = strawberry.field(default="", description="Why (recorded).")


@strawberry.input(description="Whether an enrolled person attended.")
class RecordAttendanceInput:
    enrollment_id: strawberry.ID = strawberry.field(description="The enrollment.")
    attended: bool = strawberry.field(description="True if they came, false for a no-show.")


@strawberry.input(description="Mark an attendee as having completed the course.")
class CompleteEnrollmentInput:
    enrollment_id: strawberry.ID = strawberry.field(description="The enrollment.")
    certificate_number: str = strawberry.field(
        default="", description="Certificate number, if any."
    )


@strawberry.input(description="An attendee's rating of a session.")
class SubmitTrainingFeedbackInput:
    enrollment_id: strawberry.ID = strawberry.field(description="The enrollment.")
    rating: int = strawberry.field(description="1 (poor) to 5 (excellent).")
    comment: str = strawberry.field(default="", description="Free text.")


T = TypeVar("T")


async def _run(
    call: Callable[[], Awaitable[Any]], success: type, error: type, *, wrap: bool = True
) -> Any:
    try:
        row = await call()
    except (EnrollmentError, PeopleError) as exc:
        return error(
            code=DomainCode(str(exc.code))
            if str(exc.code) in DomainCode.__members__
            else DomainCode.INVALID_INPUT,
            field=exc.field,
            message=exc.message,
        )
    return success(enrollment=Enrollment.from_model(row)) if wrap else success(enrollment=row)


def _id(gid: strawberry.ID, type_name: str) -> int:
    return from_global_id(gid, type_name)[1]


@strawberry.type
class EnrollmentMutations:
    @strawberry.mutation(
        description="Ask for a seat in a training session.", permission_classes=[IsAuthenticated]
    )
    async def request_enrollment(
        self, info: Info, input: RequestEnrollmentInput
    ) -> RequestEnrollmentResult:
        principal = info.context.principal
        assert principal is not None
        plan_item = _id(input.plan_item_id, "TrainingPlanItem") if input.plan_item_id else None
        return await _run(
            lambda: enrollment.request_enrollment(
                principal=principal,
                session_id=_id(input.session_id, "TrainingSession"),
                reason=input.reason,
                plan_item_id=plan_item,
            ),
            RequestEnrollmentSuccess,
            RequestEnrollmentError,
        )

    @strawberry.mutation(
        description="Withdraw your request or give your seat back.",
        permission_classes=[IsAuthenticated],
    )
    async def cancel_enrollment(
        self, info: Info, input: CancelEnrollmentInput
    ) -> CancelEnrollmentResult:
        principal = info.context.principal
        assert principal is not None
        return await _run(
            lambda: enrollment.cancel_enrollment(
                principal=principal,
                enrollment_id=_id(input.enrollment_id, "Enrollment"),
                reason=input.reason,
            ),
            CancelEnrollmentSuccess,
            CancelEnrollmentError,
        )

    @strawberry.mutation(
        description="Approve or reject a request waiting for you (supervisor, delegate, or HR step).",
        permission_classes=[IsAuthenticated],
    )
    async def decide_enrollment(
        self, info: Info, input: DecideEnrollmentInput
    ) -> DecideEnrollmentResult:
        principal = info.context.principal
        assert principal is not None
        return await _run(
            lambda: enrollment.decide_enrollment(
                principal=principal,
                enrollment_id=_id(input.enrollment_id, "Enrollment"),
                approve=input.decision == Decision.APPROVE,
                note=input.note,
            ),
            DecideEnrollmentSuccess,
            DecideEnrollmentError,
        )

    @strawberry.mutation(
        description="HR verification, where the course or session asks for it.",
        permission_classes=[IsHR],
    )
    async def verify_enrollment(
        self, info: Info, input: DecideEnrollmentInput
    ) -> VerifyEnrollmentResult:
        principal = info.context.principal
        assert principal is not None
        return await _run(
            lambda: enrollment.decide_enrollment(
                principal=principal,
                enrollment_id=_id(input.enrollment_id, "Enrollment"),
                approve=input.decision == Decision.APPROVE,
                note=input.note,
                verification=True,
            ),
            VerifyEnrollmentSuccess,
            VerifyEnrollmentError,
        )

    @strawberry.mutation(
        description="Enroll an employee directly (HR, or their direct supervisor).",
        permission_classes=[IsAuthenticated],
    )
    async def enroll_employee(self, info: Info, input: EnrollEmployeeInput) -> EnrollEmployeeResult:
        principal = info.context.principal
        assert principal is not None

        async def call() -> Any:
            employee = await get_employee_by_nip(nip=input.nip)
            return await enrollment.enroll_directly(
                principal=principal,
                employee_id=employee.id if employee else 0,
                session_id=_id(input.session_id, "TrainingSession"),
                note=input.note,
            )

        return await _run(call, EnrollEmployeeSuccess, EnrollEmployeeError)

    @strawberry.mutation(
        description="Record attendance of an enrolled person (HR).", permission_classes=[IsHR]
    )
    async def record_attendance(
        self, info: Info, input: RecordAttendanceInput
    ) -> RecordAttendanceResult:
        principal = info.context.principal
        assert principal is not None
        return await _run(
            lambda: completion.record_attendance(
                principal=principal,
                enrollment_id=_id(input.enrollment_id, "Enrollment"),
                attended=input.attended,
            ),
            RecordAttendanceSuccess,
            RecordAttendanceError,
        )

    @strawberry.mutation(
        description="Mark an attendee complete; credits the course's JP (HR).",
        permission_classes=[IsHR],
    )
    async def complete_enrollment(
        self, info: Info, input: CompleteEnrollmentInput
    ) -> CompleteEnrollmentResult:
        principal = info.context.principal
        assert principal is not None
        return await _run(
            lambda: completion.complete_enrollment(
                principal=principal,
                enrollment_id=_id(input.enrollment_id, "Enrollment"),
                certificate_number=input.certificate_number,
            ),
            CompleteEnrollmentSuccess,
            CompleteEnrollmentError,
        )

    @strawberry.mutation(
        description="Rate a session you attended (once).", permission_classes=[IsAuthenticated]
    )
    async def submit_training_feedback(
        self, info: Info, input: SubmitTrainingFeedbackInput
    ) -> SubmitTrainingFeedbackResult:
        principal = info.context.principal
        assert principal is not None
        enrollment_id = _id(input.enrollment_id, "Enrollment")

        async def call() -> Any:
            await completion.submit_feedback(
                principal=principal,
                enrollment_id=enrollment_id,
                rating=input.rating,
                comment=input.comment,
            )
            return await info.context.loaders.enrollment_by_id.load(enrollment_id)

        return await _run(call, SubmitTrainingFeedbackSuccess, SubmitTrainingFeedbackError)
