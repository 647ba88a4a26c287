"""After the session: attendance, completion (JP credited to the year) and feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise.exceptions import IntegrityError

from portal.events import emit, transaction
from portal.training.enrollment import MAX_TEXT, _load_enrollment, _load_session, _log, _move, today
from portal.training.enrollment_errors import EnrollmentError
from portal.training.enrollment_errors import EnrollmentErrorCode as Code
from portal.training.models import (
    EnrollmentStatus,
    PlanItemStatus,
    TrainingFeedback,
    TrainingPlanItem,
    TrainingRecord,
)
from portal.training.seats import enrollment_event, now, release_seat, seats_event

if TYPE_CHECKING:
    from portal.auth.principal import Principal
    from portal.training.models import Enrollment

S = EnrollmentStatus


async def record_attendance(
    *, principal: Principal, enrollment_id: int, attended: bool
) -> Enrollment:
    """HR records whether an enrolled person came (only once the session has started)."""
    enrollment = await _load_enrollment(enrollment_id)
    session = await _load_session(enrollment.session_id)
    if session.starts_on > today():
        raise EnrollmentError(Code.SESSION_NOT_STARTED, "Sesi belum dimulai.", field="enrollmentId")
    if enrollment.status != S.ENROLLED:
        raise EnrollmentError(
            Code.INVALID_TRANSITION,
            "Hanya peserta terdaftar yang dapat dicatat hadir.",
            field="enrollmentId",
        )
    status = S.ATTENDED if attended else S.NO_SHOW
    async with transaction():
        await _move(enrollment, status=status)
        await _log(enrollment, S.ENROLLED, status, principal.employee_id, "")
        if not attended:
            # The seat count tracks people holding seats (enrolled, attended, completed).
            await release_seat(session_id=enrollment.session_id)
            emit(seats_event(enrollment.session_id))
        emit(enrollment_event(enrollment, previous_awaiting=None))
    return enrollment


async def complete_enrollment(
    *, principal: Principal, enrollment_id: int, certificate_number: str = ""
) -> Enrollment:
    """HR marks an attendee complete: the course's JP are credited to the year the session ended."""
    certificate_number = certificate_number.strip()
    if len(certificate_number) > 100:
        raise EnrollmentError(
            Code.INVALID_INPUT, "Nomor sertifikat terlalu panjang.", field="certificateNumber"
        )
    enrollment = await _load_enrollment(enrollment_id)
    if enrollment.status != S.ATTENDED:
        raise EnrollmentError(
            Code.INVALID_TRANSITION,
            "Hanya peserta yang hadir yang dapat diluluskan.",
            field="enrollmentId",
        )
    session = await _load_session(enrollment.session_id)
    course = session.course
    async with transaction():
        await _move(enrollment, status=S.COMPLETED, completed_at=now(), jp_credited=course.jp)
        await _log(enrollment, S.ATTENDED, S.COMPLETED, principal.employee_id, f"{course.jp} JP")
        await TrainingRecord.create(
            employee_id=enrollment.employee_id,
            enrollment_id=enrollment.id,
            title=course.title,
            method=course.method,
            organiser=course.organiser,
            jp=course.jp,
            year=session.ends_on.year,
            completed_on=session.ends_on,
            certificate_number=certificate_number,
        )
        if enrollment.plan_item_id is not None:
            await TrainingPlanItem.filter(id=enrollment.plan_item_id).update(
                status=PlanItemStatus.COMPLETED
            )
        emit(enrollment_event(enrollment, previous_awaiting=None))
    return enrollment


async def submit_feedback(
    *, principal: Principal, enrollment_id: int, rating: int, comment: str = ""
) -> TrainingFeedback:
    """The attendee rates the session once (1-5) with an optional comment."""
    enrollment = await _load_enrollment(enrollment_id)
    if enrollment.employee_id != principal.employee_id:
        raise EnrollmentError(Code.NOT_FOUND, "Permintaan tidak ditemukan.", field="enrollmentId")
    if enrollment.status not in (S.ATTENDED, S.COMPLETED):
        raise EnrollmentError(
            Code.INVALID_TRANSITION,
            "Umpan balik hanya untuk peserta yang hadir.",
            field="enrollmentId",
        )
    if not 1 <= rating <= 5:
        raise EnrollmentError(Code.INVALID_INPUT, "Nilai harus 1 sampai 5.", field="rating")
    comment = comment.strip()
    if len(comment) > MAX_TEXT:
        raise EnrollmentError(Code.INVALID_INPUT, f"Maksimal {MAX_TEXT} karakter.", field="comment")
    if await TrainingFeedback.filter(enrollment_id=enrollment.id).exists():
        raise EnrollmentError(
            Code.FEEDBACK_EXISTS, "Umpan balik sudah dikirim.", field="enrollmentId"
        )
    try:
        async with transaction():
            return await TrainingFeedback.create(
                enrollment_id=enrollment.id, rating=rating, comment=comment
            )
    except IntegrityError:  # a second submit raced the first
        raise EnrollmentError(
            Code.FEEDBACK_EXISTS, "Umpan balik sudah dikirim.", field="enrollmentId"
        ) from None
