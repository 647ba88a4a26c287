"""Seats: taken and released with conditional UPDATEs, so no session is ever overbooked.

``UPDATE ... SET seats_taken = seats_taken + 1 WHERE seats_taken < capacity`` is atomic on both
engines: on PostgreSQL a concurrent writer waits for the row lock and re-checks the condition;
SQLite has a single writer. The CHECK constraint (seats_taken <= capacity) is the last line of
defence.
"""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import F

from portal.audit.service import record
from portal.events import Event, emit
from portal.notifications.service import notify
from portal.training.models import Enrollment, EnrollmentEvent, EnrollmentStatus, TrainingSession


async def take_seat(*, session_id: int) -> bool:
    """Take one seat if one is free; False when the session is full."""
    updated = await TrainingSession.filter(id=session_id, seats_taken__lt=F("capacity")).update(
        seats_taken=F("seats_taken") + 1
    )
    return updated == 1


async def release_seat(*, session_id: int) -> None:
    """Give one seat back."""
    await TrainingSession.filter(id=session_id, seats_taken__gt=0).update(
        seats_taken=F("seats_taken") - 1
    )


async def promote_waitlist(*, session_id: int) -> list[Enrollment]:
    """Move waitlisted requests, oldest first, into free seats; tell each person promoted."""
    promoted: list[Enrollment] = []
    while True:
        nxt = (
            await Enrollment.filter(session_id=session_id, status=EnrollmentStatus.WAITLISTED)
            .order_by("waitlisted_at", "id")
            .first()
        )
        if nxt is None or not await take_seat(session_id=session_id):
            return promoted
        moved = await Enrollment.filter(
            id=nxt.id, version=nxt.version, status=EnrollmentStatus.WAITLISTED
        ).update(status=EnrollmentStatus.ENROLLED, version=nxt.version + 1)
        if not moved:  # someone else moved it (cancelled, promoted): give the seat back, go on
            await release_seat(session_id=session_id)
            continue
        await EnrollmentEvent.create(
            enrollment_id=nxt.id,
            from_status=EnrollmentStatus.WAITLISTED,
            to_status=EnrollmentStatus.ENROLLED,
            note="Kursi tersedia: dipindahkan dari daftar tunggu.",
        )
        await record(
            action="enrollment.promoted",
            actor_id=None,
            actor_label="sistem",
            object_type="Enrollment",
            object_id=nxt.id,
            before={"status": EnrollmentStatus.WAITLISTED.value},
            after={"status": EnrollmentStatus.ENROLLED.value},
        )
        await notify(
            recipient_ids=[nxt.employee_id],
            kind="enrollment.promoted",
            title="Anda mendapat kursi pelatihan",
            body="Kursi tersedia dan permintaan Anda dipindahkan dari daftar tunggu.",
            refs={"enrollment": nxt.id, "session": session_id},
        )
        emit(enrollment_event(nxt, previous_awaiting=None))
        nxt.status = EnrollmentStatus.ENROLLED
        nxt.version += 1
        promoted.append(nxt)


def enrollment_event(
    enrollment: Enrollment, *, previous_awaiting: int | None, previous_hr: bool = False
) -> Event:
    """What subscribers need to find who cares.

    That is the person, the session, and the approver before and after.
    """
    return Event(
        "enrollment.changed",
        {
            "enrollment": enrollment.id,
            "employee": enrollment.employee_id,
            "session": enrollment.session_id,
            "awaiting_position": enrollment.awaiting_position_id or 0,
            "awaiting_hr": int(enrollment.awaiting_hr),
            "previous_awaiting_position": previous_awaiting or 0,
            "previous_awaiting_hr": int(previous_hr),
        },
    )


def seats_event(session_id: int) -> Event:
    return Event("session.seats", {"session": session_id})


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
