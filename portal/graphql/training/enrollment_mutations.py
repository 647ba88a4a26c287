"""Enrollment mutations: thin wrappers that map service outcomes to result unions."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import strawberry

from portal.graphql.context import Info
from portal.graphql.payloads import error_of, optional_pk, payload, pk
from portal.graphql.permissions import IsAuthenticated, IsHR, require_principal
from portal.graphql.training.types import Enrollment
from portal.people.service import get_employee_by_nip
from portal.training import completion, enrollment
from portal.training.enrollment_errors import EnrollmentErrorCode as DomainCode
from portal.training.models import Enrollment as EnrollmentModel

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

    # A direct enrollment looks the employee up by NIP: people's codes read as INVALID_INPUT.
    of = error_of(EnrollmentErrorCode, fallback=EnrollmentErrorCode.INVALID_INPUT)


def _error_type(name: str) -> Any:
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


def _enrollment(success: type) -> Callable[[EnrollmentModel], Any]:
    return lambda row: success(enrollment=Enrollment.from_model(row))


@strawberry.type
class EnrollmentMutations:
    @strawberry.mutation(
        description="Ask for a seat in a training session.", permission_classes=[IsAuthenticated]
    )
    async def request_enrollment(
        self, info: Info, input: RequestEnrollmentInput
    ) -> RequestEnrollmentResult:
        work = enrollment.request_enrollment(
            principal=require_principal(info),
            session_id=pk(input.session_id, "TrainingSession"),
            reason=input.reason,
            # An empty id is taken as none, as clients have always been able to send.
            plan_item_id=optional_pk(input.plan_item_id or None, "TrainingPlanItem"),
        )
        return await payload(work, RequestEnrollmentError, _enrollment(RequestEnrollmentSuccess))

    @strawberry.mutation(
        description="Withdraw your request or give your seat back.",
        permission_classes=[IsAuthenticated],
    )
    async def cancel_enrollment(
        self, info: Info, input: CancelEnrollmentInput
    ) -> CancelEnrollmentResult:
        work = enrollment.cancel_enrollment(
            principal=require_principal(info),
            enrollment_id=pk(input.enrollment_id, "Enrollment"),
            reason=input.reason,
        )
        return await payload(work, CancelEnrollmentError, _enrollment(CancelEnrollmentSuccess))

    @strawberry.mutation(
        description="Approve or reject a request waiting for you (supervisor, delegate, "
        "or HR step).",
        permission_classes=[IsAuthenticated],
    )
    async def decide_enrollment(
        self, info: Info, input: DecideEnrollmentInput
    ) -> DecideEnrollmentResult:
        work = enrollment.decide_enrollment(
            principal=require_principal(info),
            enrollment_id=pk(input.enrollment_id, "Enrollment"),
            approve=input.decision == Decision.APPROVE,
            note=input.note,
        )
        return await payload(work, DecideEnrollmentError, _enrollment(DecideEnrollmentSuccess))

    @strawberry.mutation(
        description="HR verification, where the course or session asks for it.",
        permission_classes=[IsHR],
    )
    async def verify_enrollment(
        self, info: Info, input: DecideEnrollmentInput
    ) -> VerifyEnrollmentResult:
        work = enrollment.decide_enrollment(
            principal=require_principal(info),
            enrollment_id=pk(input.enrollment_id, "Enrollment"),
            approve=input.decision == Decision.APPROVE,
            note=input.note,
            verification=True,
        )
        return await payload(work, VerifyEnrollmentError, _enrollment(VerifyEnrollmentSuccess))

    @strawberry.mutation(
        description="Enroll an employee directly (HR, or their direct supervisor).",
        permission_classes=[IsAuthenticated],
    )
    async def enroll_employee(self, info: Info, input: EnrollEmployeeInput) -> EnrollEmployeeResult:
        principal = require_principal(info)

        async def work() -> EnrollmentModel:
            employee = await get_employee_by_nip(nip=input.nip)
            return await enrollment.enroll_directly(
                principal=principal,
                employee_id=employee.id if employee else 0,
                session_id=pk(input.session_id, "TrainingSession"),
                note=input.note,
            )

        return await payload(work(), EnrollEmployeeError, _enrollment(EnrollEmployeeSuccess))

    @strawberry.mutation(
        description="Record attendance of an enrolled person (HR).", permission_classes=[IsHR]
    )
    async def record_attendance(
        self, info: Info, input: RecordAttendanceInput
    ) -> RecordAttendanceResult:
        work = completion.record_attendance(
            principal=require_principal(info),
            enrollment_id=pk(input.enrollment_id, "Enrollment"),
            attended=input.attended,
        )
        return await payload(work, RecordAttendanceError, _enrollment(RecordAttendanceSuccess))

    @strawberry.mutation(
        description="Mark an attendee complete; credits the course's JP (HR).",
        permission_classes=[IsHR],
    )
    async def complete_enrollment(
        self, info: Info, input: CompleteEnrollmentInput
    ) -> CompleteEnrollmentResult:
        work = completion.complete_enrollment(
            principal=require_principal(info),
            enrollment_id=pk(input.enrollment_id, "Enrollment"),
            certificate_number=input.certificate_number,
        )
        return await payload(work, CompleteEnrollmentError, _enrollment(CompleteEnrollmentSuccess))

    @strawberry.mutation(
        description="Rate a session you attended (once).", permission_classes=[IsAuthenticated]
    )
    async def submit_training_feedback(
        self, info: Info, input: SubmitTrainingFeedbackInput
    ) -> SubmitTrainingFeedbackResult:
        principal = require_principal(info)
        enrollment_id = pk(input.enrollment_id, "Enrollment")

        async def work() -> EnrollmentModel:
            await completion.submit_feedback(
                principal=principal,
                enrollment_id=enrollment_id,
                rating=input.rating,
                comment=input.comment,
            )
            row = await info.context.loaders.enrollment_by_id.load(enrollment_id)
            assert row is not None  # submit_feedback found it
            return row

        return await payload(
            work(), SubmitTrainingFeedbackError, _enrollment(SubmitTrainingFeedbackSuccess)
        )
