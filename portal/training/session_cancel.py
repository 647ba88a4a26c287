"""Cancelling a session: every live request ends, seats are given back, everyone is told.

The session flips first (``WHERE status IN ('OPEN', 'CLOSED')``), so the enrollment service, which
re-reads the session, takes no new seat in it. Then one ``UPDATE ... RETURNING`` per active state
moves the requests to CANCELLED: each row is changed exactly once even if an approver moves it at
the same moment, and we learn which state each one left (for its history and the seat count).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tortoise.expressions import F

from portal.audit.service import record
from portal.db import fetch
from portal.events import Event, emit, transaction
from portal.notifications.service import notify
from portal.training.access import can_manage_catalog, require
from portal.training.errors import CatalogError
from portal.training.errors import CatalogErrorCode as Code
from portal.training.gaps import timestamp_param
from portal.training.models import (
    Course,
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    SessionStatus,
    TrainingSession,
)

if TYPE_CHECKING:
    from portal.auth.principal import Principal

JAKARTA = ZoneInfo("Asia/Jakarta")
S = EnrollmentStatus
# Requests that still wait for, or hold, a seat. ATTENDED and later stay as they are.
CANCELLABLE = (S.REQUESTED, S.WAITLISTED, S.ENROLLED)
MAX_REASON = 2000
NOT_AWAITING = {"awaiting_position": 0, "awaiting_hr": 0}


def today() -> dt.date:
    return dt.datetime.now(JAKARTA).date()


async def cancel_session(
    *, principal: Principal, session_id: int, reason: str
) -> tuple[TrainingSession, int]:
    """Cancel a session with a reason; returns it and how many requests were cancelled."""
    require(can_manage_catalog(principal))
    reason = reason.strip()
    if not reason:
        raise CatalogError(Code.REQUIRED, "Sebutkan alasan pembatalan.", field="reason")
    if len(reason) > MAX_REASON:
        raise CatalogError(Code.TOO_LONG, f"Maksimal {MAX_REASON} karakter.", field="reason")
    session = await TrainingSession.get_or_none(id=session_id)
    if session is None:
        raise CatalogError(Code.SESSION_NOT_FOUND, "Sesi tidak ditemukan.", field="sessionId")
    async with transaction():
        before = {"status": str(session.status), "seats_taken": session.seats_taken}
        flipped = await TrainingSession.filter(
            id=session.id, status__in=(SessionStatus.OPEN, SessionStatus.CLOSED)
        ).update(status=SessionStatus.CANCELLED)
        if not flipped:
            raise CatalogError(
                Code.SESSION_NOT_EDITABLE, "Sesi sudah dibatalkan atau selesai.", field="sessionId"
            )
        awaiting = {
            eid: (position, hr)
            for eid, position, hr in await Enrollment.filter(
                session_id=session.id, status=S.REQUESTED
            ).values_list("id", "awaiting_position_id", "awaiting_hr")
        }
        cancelled: list[tuple[int, int, EnrollmentStatus]] = []  # (enrollment, employee, from)
        now = await timestamp_param(dt.datetime.now(dt.UTC))
        for status in CANCELLABLE:
            rows = await fetch(
                "UPDATE enrollment SET status = $1, version = version + 1, decided_at = $2,"
                " awaiting_position_id = NULL, awaiting_hr = $3"
                " WHERE session_id = $4 AND status = $5 RETURNING id, employee_id",
                [S.CANCELLED.value, now, False, session.id, status.value],
            )
            cancelled += [(int(r["id"]), int(r["employee_id"]), status) for r in rows]
        released = sum(1 for *_, status in cancelled if status == S.ENROLLED)
        if released:
            await TrainingSession.filter(id=session.id).update(
                seats_taken=F("seats_taken") - released
            )
        await EnrollmentEvent.bulk_create(
            [
                EnrollmentEvent(
                    enrollment_id=eid,
                    from_status=status,
                    to_status=S.CANCELLED,
                    actor_id=principal.employee_id,
                    note=reason,
                )
                for eid, _, status in cancelled
            ]
        )
        await session.refresh_from_db()
        await record(
            action="training_session.cancelled",
            actor_id=principal.employee_id,
            object_type="TrainingSession",
            object_id=session.id,
            before=before,
            after={
                "status": str(session.status),
                "seats_taken": session.seats_taken,
                "reason": reason,
                "cancelled_enrollments": sorted(e for e, _, _ in cancelled),
            },
        )
        title = (await Course.get(id=session.course_id)).title
        await notify(
            recipient_ids=[employee for _, employee, _ in cancelled],
            kind="session.cancelled",
            title="Sesi pelatihan dibatalkan",
            body=f"{title}, {session.starts_on:%d-%m-%Y}: dibatalkan. Alasan: {reason}",
            refs={"session": session.id},
        )
        for eid, employee, _ in cancelled:
            # Same shape as the enrollment service's events, so the inbox that held a waiting
            # request drops it.
            position, hr = awaiting.get(eid, (None, False))
            ids = {"enrollment": eid, "employee": employee, "session": session.id}
            waited = {
                "previous_awaiting_position": int(position or 0),
                "previous_awaiting_hr": int(hr),
            }
            emit(Event("enrollment.changed", ids | NOT_AWAITING | waited))
        emit(Event("session.changed", {"session": session.id}))
        if released:
            emit(Event("session.seats", {"session": session.id}))
    return session, len(cancelled)
