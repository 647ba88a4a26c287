"""Enrollment: request, approval chain, seats and waitlist, cancellation, direct enrollment.

Every transition is a conditional UPDATE on (id, version, status): two people acting on one request
at once get one winner and one ALREADY_DECIDED, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from portal.audit.service import record
from portal.events import emit, transaction
from portal.notifications.service import notify
from portal.people.models import ActingAppointment, Employee, OrgUnit, Position, Role, RoleGrant
from portal.training.catalog import LINE_LEVELS
from portal.training.enrollment_errors import EnrollmentError
from portal.training.enrollment_errors import EnrollmentErrorCode as Code
from portal.training.models import (
    ACTIVE_ENROLLMENT_STATUSES,
    Course,
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    SessionStatus,
    TrainingPlanItem,
    TrainingSession,
)
from portal.training.seats import (
    enrollment_event,
    now,
    promote_waitlist,
    release_seat,
    seats_event,
    take_seat,
)

if TYPE_CHECKING:
    from portal.auth.principal import Principal

S = EnrollmentStatus
SUPERVISOR, HR, HR_VERIFICATION = "SUPERVISOR", "HR", "HR_VERIFICATION"
MAX_STEPS = 6
MAX_TEXT = 2000
JAKARTA = ZoneInfo("Asia/Jakarta")


def today() -> dt.date:
    return dt.datetime.now(JAKARTA).date()


async def _scalar(query: Any) -> Any:
    """The first value of a one-column query, or None."""
    rows = await query
    return rows[0] if rows else None


def approval_chain(course: Course, session: TrainingSession) -> list[str]:
    """Direct supervisor, then the course's extra steps, then HR verification if asked for."""
    extra = [s for s in course.approval_steps if s in LINE_LEVELS or s == HR]
    steps = [SUPERVISOR, *extra][:MAX_STEPS]
    verify = (
        course.requires_hr_verification
        if session.hr_verification is None
        else session.hr_verification
    )
    return [*steps, HR_VERIFICATION] if verify else steps


async def _awaiting(step: str, employee: Employee) -> tuple[int | None, bool]:
    """(position whose holder decides, or HR) for a step; a missing supervisor falls to HR."""
    if step in (HR, HR_VERIFICATION):
        return None, True
    position_id = employee.position_id
    for _ in range(LINE_LEVELS[step]):
        if position_id is None:
            break
        position_id = await _scalar(
            Position.filter(id=position_id).limit(1).values_list("parent_id", flat=True)
        )
    return (position_id, False) if position_id is not None else (None, True)


async def _load_session(session_id: int) -> TrainingSession:
    session = await TrainingSession.get_or_none(id=session_id).prefetch_related("course")
    if session is None:
        raise EnrollmentError(
            Code.SESSION_NOT_FOUND, "Sesi pelatihan tidak ditemukan.", field="sessionId"
        )
    return session


async def _check_eligible(employee: Employee, session: TrainingSession) -> None:
    course = session.course
    if course.eligible_kinds:
        kind = await _scalar(
            Position.filter(id=employee.position_id).limit(1).values_list("kind", flat=True)
        )
        if kind is None or str(kind) not in course.eligible_kinds:
            raise EnrollmentError(
                Code.NOT_ELIGIBLE,
                "Pelatihan ini bukan untuk jenis jabatan Anda.",
                field="sessionId",
            )
    unit_ids = await course.eligible_units.all().values_list("id", flat=True)
    if unit_ids:
        path = (
            await _scalar(
                OrgUnit.filter(id=employee.unit_id).limit(1).values_list("path", flat=True)
            )
            or ""
        )
        ancestors = {int(p) for p in path.strip("/").split("/") if p}
        if not ancestors & set(unit_ids):
            raise EnrollmentError(
                Code.NOT_ELIGIBLE, "Pelatihan ini bukan untuk unit kerja Anda.", field="sessionId"
            )


def _check_text(value: str, field: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise EnrollmentError(Code.INVALID_INPUT, f"Maksimal {MAX_TEXT} karakter.", field=field)
    return value


async def _log(
    enrollment: Enrollment,
    before: S | None,
    after: S,
    actor: int | None,
    note: str,
    step: int | None = None,
) -> None:
    await EnrollmentEvent.create(
        enrollment_id=enrollment.id,
        from_status=before,
        to_status=after,
        actor_id=actor,
        note=note,
        step=step,
    )
    await record(
        action=f"enrollment.{after.value.lower()}" if before else "enrollment.requested",
        actor_id=actor,
        object_type="Enrollment",
        object_id=enrollment.id,
        before={"status": before.value} if before else None,
        after={"status": after.value, "step": enrollment.approval_step, "note": note},
    )


async def _approver_ids(position_id: int | None, hr: bool) -> list[int]:
    """Who should hear about a request waiting at this step (holders and acting delegates)."""
    if hr:
        return list(await RoleGrant.filter(role=Role.HR).values_list("employee_id", flat=True))
    if position_id is None:
        return []
    holders = await Employee.filter(position_id=position_id, active=True).values_list(
        "id", flat=True
    )
    acting = await ActingAppointment.filter(
        position_id=position_id, starts_on__lte=today(), ends_on__gte=today()
    ).values_list("employee_id", flat=True)
    return [*holders, *acting]


async def request_enrollment(
    *, principal: Principal, session_id: int, reason: str = "", plan_item_id: int | None = None
) -> Enrollment:
    """The employee asks for a seat; the request waits for the first approval step."""
    reason = _check_text(reason, "reason")
    employee = await Employee.get(id=principal.employee_id)
    session = await _load_session(session_id)
    if session.status != SessionStatus.OPEN:
        raise EnrollmentError(
            Code.SESSION_CLOSED, "Sesi ini tidak menerima pendaftaran.", field="sessionId"
        )
    if session.enrollment_deadline < today():
        raise EnrollmentError(
            Code.DEADLINE_PASSED, "Batas waktu pendaftaran sudah lewat.", field="sessionId"
        )
    await _check_eligible(employee, session)
    if (
        plan_item_id is not None
        and not await TrainingPlanItem.filter(
            id=plan_item_id, plan__employee_id=employee.id
        ).exists()
    ):
        raise EnrollmentError(
            Code.PLAN_ITEM_MISMATCH,
            "Butir rencana tidak ditemukan dalam rencana Anda.",
            field="planItemId",
        )
    chain = approval_chain(session.course, session)
    position_id, hr = await _awaiting(chain[0], employee)
    try:
        async with transaction():
            enrollment = await Enrollment.create(
                employee_id=employee.id,
                session_id=session.id,
                plan_item_id=plan_item_id,
                status=S.REQUESTED,
                reason=reason,
                requested_by_id=employee.id,
                awaiting_position_id=position_id,
                awaiting_hr=hr,
            )
            await _log(enrollment, None, S.REQUESTED, employee.id, reason)
            await notify(
                recipient_ids=await _approver_ids(position_id, hr),
                kind="enrollment.requested",
                title=f"Permintaan pelatihan dari {employee.name}",
                body=session.course.title,
                refs={"enrollment": enrollment.id},
            )
            emit(enrollment_event(enrollment, previous_awaiting=None))
    except IntegrityError:
        # The partial unique index: a live request already exists (a double click, two tabs).
        raise EnrollmentError(
            Code.ALREADY_REQUESTED,
            "Anda sudah meminta atau terdaftar di sesi ini.",
            field="sessionId",
        ) from None
    return enrollment


async def _load_enrollment(enrollment_id: int) -> Enrollment:
    enrollment = await Enrollment.get_or_none(id=enrollment_id)
    if enrollment is None:
        raise EnrollmentError(Code.NOT_FOUND, "Permintaan tidak ditemukan.", field="enrollmentId")
    return enrollment


async def _is_step_approver(principal: Principal, enrollment: Enrollment) -> bool:
    if enrollment.awaiting_hr:
        return principal.is_hr
    allowed = {principal.position_id, *principal.acting_position_ids} - {None}
    return enrollment.awaiting_position_id in allowed


async def _move(enrollment: Enrollment, **changes: object) -> None:
    """Apply a transition only if nobody moved the request since we read it."""
    changed = await Enrollment.filter(
        id=enrollment.id, version=enrollment.version, status=enrollment.status
    ).update(version=enrollment.version + 1, **changes)
    if not changed:
        raise EnrollmentError(
            Code.ALREADY_DECIDED,
            "Permintaan ini sudah diputuskan oleh orang lain.",
            field="enrollmentId",
        )
    for key, value in changes.items():
        setattr(enrollment, key, value)
    enrollment.version += 1


async def _seat_or_waitlist(enrollment: Enrollment) -> S:
    if await take_seat(session_id=enrollment.session_id):
        emit(seats_event(enrollment.session_id))
        return S.ENROLLED
    return S.WAITLISTED


async def decide_enrollment(
    *,
    principal: Principal,
    enrollment_id: int,
    approve: bool,
    note: str = "",
    verification: bool = False,
) -> Enrollment:
    """An approver (or HR verifying) approves or rejects the step the request waits at."""
    note = _check_text(note, "note")
    enrollment = await _load_enrollment(enrollment_id)
    if enrollment.employee_id == principal.employee_id:
        raise EnrollmentError(
            Code.OWN_REQUEST,
            "Anda tidak dapat memutuskan permintaan Anda sendiri.",
            field="enrollmentId",
        )
    if enrollment.status != S.REQUESTED:
        raise EnrollmentError(
            Code.INVALID_TRANSITION,
            "Permintaan ini tidak sedang menunggu keputusan.",
            field="enrollmentId",
        )
    session = await _load_session(enrollment.session_id)
    chain = approval_chain(session.course, session)
    step = chain[min(enrollment.approval_step, len(chain) - 1)]
    if (step == HR_VERIFICATION) != verification:
        raise EnrollmentError(
            Code.INVALID_TRANSITION,
            "Langkah ini adalah verifikasi BKPSDM."
            if step == HR_VERIFICATION
            else "Permintaan belum sampai pada verifikasi BKPSDM.",
            field="enrollmentId",
        )
    if not await _is_step_approver(principal, enrollment):
        raise EnrollmentError(
            Code.NOT_APPROVER,
            "Anda bukan pemberi persetujuan untuk permintaan ini.",
            field="enrollmentId",
        )
    employee = await Employee.get(id=enrollment.employee_id)
    previous, previous_hr = enrollment.awaiting_position_id, enrollment.awaiting_hr
    async with transaction():
        if not approve:
            await _move(
                enrollment,
                status=S.REJECTED,
                decided_at=now(),
                awaiting_position_id=None,
                awaiting_hr=False,
            )
            await _log(
                enrollment,
                S.REQUESTED,
                S.REJECTED,
                principal.employee_id,
                note,
                enrollment.approval_step,
            )
            title = "Permintaan pelatihan ditolak"
        elif enrollment.approval_step + 1 < len(chain):
            next_step = enrollment.approval_step + 1
            position_id, hr = await _awaiting(chain[next_step], employee)
            await _move(
                enrollment,
                approval_step=next_step,
                awaiting_position_id=position_id,
                awaiting_hr=hr,
            )
            await _log(
                enrollment, S.REQUESTED, S.REQUESTED, principal.employee_id, note, next_step - 1
            )
            await notify(
                recipient_ids=await _approver_ids(position_id, hr),
                kind="enrollment.requested",
                title=f"Permintaan pelatihan dari {employee.name}",
                body=session.course.title,
                refs={"enrollment": enrollment.id},
            )
            title = "Permintaan pelatihan disetujui, menunggu langkah berikutnya"
        else:
            status = await _seat_or_waitlist(enrollment)
            await _move(
                enrollment,
                status=status,
                decided_at=now(),
                awaiting_position_id=None,
                awaiting_hr=False,
                waitlisted_at=now() if status == S.WAITLISTED else None,
            )
            await _log(
                enrollment,
                S.REQUESTED,
                status,
                principal.employee_id,
                note,
                enrollment.approval_step,
            )
            title = "Permintaan pelatihan disetujui" + (
                " (daftar tunggu)" if status == S.WAITLISTED else ""
            )
        await notify(
            recipient_ids=[enrollment.employee_id],
            kind="enrollment.decided",
            title=title,
            body=note or session.course.title,
            refs={"enrollment": enrollment.id},
        )
        emit(enrollment_event(enrollment, previous_awaiting=previous, previous_hr=previous_hr))
    return enrollment


async def cancel_enrollment(
    *, principal: Principal, enrollment_id: int, reason: str = ""
) -> Enrollment:
    """The employee withdraws; a freed seat goes to the next person on the waitlist."""
    reason = _check_text(reason, "reason")
    enrollment = await _load_enrollment(enrollment_id)
    if enrollment.employee_id != principal.employee_id and not principal.is_hr:
        raise EnrollmentError(Code.NOT_FOUND, "Permintaan tidak ditemukan.", field="enrollmentId")
    if enrollment.status not in (S.REQUESTED, S.WAITLISTED, S.ENROLLED):
        raise EnrollmentError(
            Code.INVALID_TRANSITION,
            "Permintaan ini tidak dapat dibatalkan lagi.",
            field="enrollmentId",
        )
    before, previous = S(enrollment.status), enrollment.awaiting_position_id
    previous_hr = enrollment.awaiting_hr
    approvers = (
        await _approver_ids(previous, enrollment.awaiting_hr) if before == S.REQUESTED else []
    )
    async with transaction():
        await _move(enrollment, status=S.CANCELLED, awaiting_position_id=None, awaiting_hr=False)
        await _log(enrollment, before, S.CANCELLED, principal.employee_id, reason)
        if before == S.ENROLLED:
            await release_seat(session_id=enrollment.session_id)
            await promote_waitlist(session_id=enrollment.session_id)
            emit(seats_event(enrollment.session_id))
        if approvers:
            await notify(
                recipient_ids=approvers,
                kind="enrollment.cancelled",
                title="Permintaan pelatihan dibatalkan",
                refs={"enrollment": enrollment.id},
            )
        emit(enrollment_event(enrollment, previous_awaiting=previous, previous_hr=previous_hr))
    return enrollment


async def enroll_directly(
    *, principal: Principal, employee_id: int, session_id: int, note: str = ""
) -> Enrollment:
    """HR or the employee's supervisor puts them in a session (no approval chain; recorded)."""
    from portal.people.access import can_supervise

    note = _check_text(note, "note")
    employee = await Employee.get_or_none(id=employee_id, active=True)
    if employee is None:
        raise EnrollmentError(Code.NOT_FOUND, "Pegawai tidak ditemukan.", field="nip")
    if employee.id == principal.employee_id:
        raise EnrollmentError(
            Code.OWN_REQUEST, "Gunakan permintaan biasa untuk diri sendiri.", field="nip"
        )
    if not principal.is_hr and not await can_supervise(principal, position_id=employee.position_id):
        raise EnrollmentError(
            Code.NOT_APPROVER, "Pegawai ini bukan bawahan langsung Anda.", field="nip"
        )
    session = await _load_session(session_id)
    if session.status != SessionStatus.OPEN:
        raise EnrollmentError(
            Code.SESSION_CLOSED, "Sesi ini tidak menerima pendaftaran.", field="sessionId"
        )
    try:
        async with transaction():
            enrollment = await Enrollment.create(
                employee_id=employee.id,
                session_id=session.id,
                status=S.REQUESTED,
                reason=note,
                requested_by_id=principal.employee_id,
            )
            status = await _seat_or_waitlist(enrollment)
            await _move(
                enrollment,
                status=status,
                decided_at=now(),
                waitlisted_at=now() if status == S.WAITLISTED else None,
            )
            await _log(
                enrollment, None, status, principal.employee_id, note or "Didaftarkan langsung."
            )
            await notify(
                recipient_ids=[employee.id],
                kind="enrollment.direct",
                title="Anda didaftarkan ke pelatihan",
                body=session.course.title,
                refs={"enrollment": enrollment.id},
            )
            emit(enrollment_event(enrollment, previous_awaiting=None))
    except IntegrityError:
        raise EnrollmentError(
            Code.ALREADY_REQUESTED,
            "Pegawai ini sudah meminta atau terdaftar di sesi ini.",
            field="sessionId",
        ) from None
    return enrollment


__all__ = [
    "ACTIVE_ENROLLMENT_STATUSES",
    "approval_chain",
    "cancel_enrollment",
    "decide_enrollment",
    "enroll_directly",
    "request_enrollment",
]


async def reroute_pending(*, employee_ids: list[int]) -> int:
    """Send these employees' pending requests to whoever now decides their current step.

    ``awaiting_position`` is fixed when a step starts; a transfer (mutasi) or a position moved
    under another parent changes the line, and a request must not stay in the old supervisor's
    inbox. Called inside the transaction that changed the line; each move is logged (a
    REQUESTED -> REQUESTED event with no actor) and the new approvers are told. Returns how many
    requests moved.
    """
    if not employee_ids:
        return 0
    pending = await Enrollment.filter(
        employee_id__in=employee_ids, status=S.REQUESTED
    ).prefetch_related("session__course", "employee")
    moved = 0
    for enrollment in pending:
        chain = approval_chain(enrollment.session.course, enrollment.session)
        step = chain[min(enrollment.approval_step, len(chain) - 1)]
        if step in (HR, HR_VERIFICATION):
            continue  # HR's steps do not depend on the line
        position_id, hr = await _awaiting(step, enrollment.employee)
        previous, previous_hr = enrollment.awaiting_position_id, enrollment.awaiting_hr
        if (position_id, hr) == (previous, previous_hr):
            continue
        try:
            await _move(enrollment, awaiting_position_id=position_id, awaiting_hr=hr)
        except EnrollmentError:
            continue  # decided or cancelled meanwhile: nothing left to route
        await _log(
            enrollment,
            S.REQUESTED,
            S.REQUESTED,
            None,
            "Dialihkan ke atasan baru setelah perubahan jabatan.",
        )
        await notify(
            recipient_ids=await _approver_ids(position_id, hr),
            kind="enrollment.requested",
            title=f"Permintaan pelatihan dari {enrollment.employee.name}",
            body=enrollment.session.course.title,
            refs={"enrollment": enrollment.id},
        )
        emit(enrollment_event(enrollment, previous_awaiting=previous, previous_hr=previous_hr))
        moved += 1
    return moved
