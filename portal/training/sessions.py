"""Training sessions (HR): schedule, change, close and cancel runs of a course.

State changes are conditional UPDATEs (``WHERE status IN (...)``, ``WHERE seats_taken <= new
capacity``) so they hold against concurrent approvals on SQLite and PostgreSQL alike.

A new session whose course closes someone's competency gap notifies those people with one
``INSERT ... SELECT``, capped at ``GAP_NOTICE_CAP`` recipients (largest gaps first): a nudge, not a
broadcast. Everyone with a gap still finds the session in the catalog, and ``session.created``
lets the live layer tell open pages. The bulk notices emit no per-person ``notification.created``
events (that would be one NOTIFY per person); pages refresh their count on ``session.created``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import orjson

from portal.audit.service import record
from portal.db import fetch
from portal.events import Event, emit, transaction
from portal.notifications.service import notify
from portal.training.access import can_manage_catalog, require
from portal.training.catalog import get_course_or_raise
from portal.training.errors import CatalogError
from portal.training.errors import CatalogErrorCode as Code
from portal.training.gaps import LATEST_LEVEL, gaps_closed_by_course, timestamp_param
from portal.training.models import Course, Enrollment, SessionStatus, TrainingSession
from portal.training.seats import promote_waitlist
from portal.training.session_cancel import CANCELLABLE, cancel_session, today

if TYPE_CHECKING:
    from portal.auth.principal import Principal

GAP_NOTICE_CAP = 500
EDITABLE = (SessionStatus.OPEN, SessionStatus.CLOSED)
_KEEP: Any = object()

__all__ = ["cancel_session", "close_session", "create_session", "update_session"]


@dataclass(frozen=True, slots=True)
class SessionSpec:
    """Everything a session is made of."""

    starts_on: dt.date
    ends_on: dt.date
    enrollment_deadline: dt.date
    capacity: int
    place: str = ""
    online_url: str = ""
    hr_verification: bool | None = None  # None: as the course says


@dataclass(frozen=True, slots=True)
class SessionChanges:
    """A partial change: None keeps a value; ``hr_verification`` is kept unless given."""

    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    enrollment_deadline: dt.date | None = None
    capacity: int | None = None
    place: str | None = None
    online_url: str | None = None
    hr_verification: Any = _KEEP


async def get_session_or_raise(*, session_id: int) -> TrainingSession:
    """The session, or SESSION_NOT_FOUND."""
    session = await TrainingSession.get_or_none(id=session_id)
    if session is None:
        raise CatalogError(Code.SESSION_NOT_FOUND, "Sesi tidak ditemukan.", field="sessionId")
    return session


async def create_session(
    *, principal: Principal, course_id: int, spec: SessionSpec
) -> TrainingSession:
    """Schedule a run of an active course; people whose gap it closes hear about it."""
    require(can_manage_catalog(principal))
    course = await get_course_or_raise(course_id=course_id)
    if not course.active:
        raise CatalogError(
            Code.COURSE_ARCHIVED,
            "Pelatihan sudah diarsipkan: tidak bisa dijadwalkan.",
            field="courseId",
        )
    clean = _validate(spec)
    async with transaction():
        session = await TrainingSession.create(course_id=course.id, **_columns(clean))
        await record(
            action="training_session.created",
            actor_id=principal.employee_id,
            object_type="TrainingSession",
            object_id=session.id,
            before=None,
            after=snapshot(session),
        )
        emit(Event("session.changed", {"session": session.id}))
        if session.enrollment_deadline >= today() and await _notify_gap_holders(session, course):
            emit(Event("session.created", {"session": session.id}))
    return session


async def update_session(
    *, principal: Principal, session_id: int, changes: SessionChanges
) -> TrainingSession:
    """Change dates, place, link, capacity or HR verification of an open or closed session."""
    require(can_manage_catalog(principal))
    session = await get_session_or_raise(session_id=session_id)
    if session.status not in EDITABLE:
        raise _not_editable()
    current = SessionSpec(**{f.name: getattr(session, f.name) for f in fields(SessionSpec)})
    given = {f.name: getattr(changes, f.name) for f in fields(SessionChanges)}
    keep = {k: v for k, v in given.items() if v is not None and v is not _KEEP}
    if changes.hr_verification is not _KEEP:
        keep["hr_verification"] = changes.hr_verification
    clean = _validate(replace(current, **keep))
    before = snapshot(session)
    async with transaction():
        updated = await TrainingSession.filter(
            id=session.id, status__in=EDITABLE, seats_taken__lte=clean.capacity
        ).update(**_columns(clean))
        if not updated:
            await session.refresh_from_db()
            if session.status not in EDITABLE:
                raise _not_editable()
            raise CatalogError(
                Code.CAPACITY_BELOW_TAKEN,
                f"Kapasitas tidak boleh di bawah kursi yang sudah terisi ({session.seats_taken}).",
                field="capacity",
            )
        await session.refresh_from_db()
        if clean.capacity > current.capacity:
            await promote_waitlist(session_id=session.id)
            await session.refresh_from_db()
        after = snapshot(session)
        await record(
            action="training_session.updated",
            actor_id=principal.employee_id,
            object_type="TrainingSession",
            object_id=session.id,
            before=before,
            after=after,
        )
        if any(before[k] != after[k] for k in ("starts_on", "ends_on", "place", "online_url")):
            await _tell_participants(
                session,
                kind="session.updated",
                title="Jadwal atau tempat pelatihan berubah",
                body=await _describe(session),
            )
        emit(Event("session.changed", {"session": session.id}))
    return session


async def close_session(*, principal: Principal, session_id: int) -> TrainingSession:
    """Stop taking requests; requests already made go on. Participants are told."""
    require(can_manage_catalog(principal))
    session = await get_session_or_raise(session_id=session_id)
    async with transaction():
        closed = await TrainingSession.filter(id=session.id, status=SessionStatus.OPEN).update(
            status=SessionStatus.CLOSED
        )
        if not closed:
            raise CatalogError(
                Code.SESSION_NOT_OPEN, "Sesi tidak sedang dibuka.", field="sessionId"
            )
        await record(
            action="training_session.closed",
            actor_id=principal.employee_id,
            object_type="TrainingSession",
            object_id=session.id,
            before={"status": SessionStatus.OPEN.value},
            after={"status": SessionStatus.CLOSED.value},
        )
        session.status = SessionStatus.CLOSED
        await _tell_participants(
            session,
            kind="session.closed",
            title="Pendaftaran pelatihan ditutup",
            body=f"{await _describe(session)} Permintaan yang sudah masuk tetap diproses.",
        )
        emit(Event("session.changed", {"session": session.id}))
    return session


def snapshot(session: TrainingSession) -> dict[str, Any]:
    """What the audit trail keeps of a session."""
    return {
        "starts_on": session.starts_on.isoformat(),
        "ends_on": session.ends_on.isoformat(),
        "enrollment_deadline": session.enrollment_deadline.isoformat(),
        "place": session.place,
        "online_url": session.online_url,
        "capacity": session.capacity,
        "seats_taken": session.seats_taken,
        "status": str(session.status),
        "hr_verification": session.hr_verification,
    }


def _columns(spec: SessionSpec) -> dict[str, Any]:
    return {f.name: getattr(spec, f.name) for f in fields(spec)}


def _not_editable() -> CatalogError:
    return CatalogError(
        Code.SESSION_NOT_EDITABLE,
        "Sesi yang dibatalkan atau selesai tidak bisa diubah.",
        field="sessionId",
    )


def _validate(spec: SessionSpec) -> SessionSpec:
    if spec.ends_on < spec.starts_on:
        raise CatalogError(
            Code.INVALID_DATES, "Tanggal selesai sebelum tanggal mulai.", field="endsOn"
        )
    if spec.enrollment_deadline > spec.starts_on:
        raise CatalogError(
            Code.INVALID_DEADLINE,
            "Batas pendaftaran harus sebelum atau pada hari mulai.",
            field="enrollmentDeadline",
        )
    if spec.capacity <= 0:
        raise CatalogError(Code.INVALID_CAPACITY, "Kapasitas harus lebih dari 0.", field="capacity")
    place, url = spec.place.strip(), spec.online_url.strip()
    if len(place) > 255:
        raise CatalogError(Code.TOO_LONG, "Maksimal 255 karakter.", field="place")
    if not place and not url:
        raise CatalogError(
            Code.LOCATION_REQUIRED, "Isi tempat pelaksanaan atau tautan daring.", field="place"
        )
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
            raise CatalogError(
                Code.INVALID_URL, "Tautan harus alamat http(s) yang lengkap.", field="onlineUrl"
            )
    return SessionSpec(
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        enrollment_deadline=spec.enrollment_deadline,
        capacity=spec.capacity,
        place=place,
        online_url=url,
        hr_verification=spec.hr_verification,
    )


async def _describe(session: TrainingSession) -> str:
    title = (await Course.get(id=session.course_id)).title
    where = session.place or session.online_url
    return f"{title}, {session.starts_on:%d-%m-%Y} s.d. {session.ends_on:%d-%m-%Y}, {where}."


async def _tell_participants(session: TrainingSession, *, kind: str, title: str, body: str) -> None:
    people = await Enrollment.filter(session_id=session.id, status__in=CANCELLABLE).values_list(
        "employee_id", flat=True
    )
    await notify(
        recipient_ids=people, kind=kind, title=title, body=body, refs={"session": session.id}
    )


async def _notify_gap_holders(session: TrainingSession, course: Course) -> int:
    """One INSERT ... SELECT: a notice for each employee whose gap the course closes (capped)."""
    sql = f"""
        INSERT INTO notification (recipient_id, kind, title, body, refs, created_at)
        SELECT g.employee_id, $1, $2, $3, $4, $5 FROM (
            SELECT e.id AS employee_id, MAX(r.level - {LATEST_LEVEL}) AS gap
            {await gaps_closed_by_course()} AND c.id = $6
            GROUP BY e.id
            ORDER BY gap DESC, e.id
            LIMIT $7
        ) g
        RETURNING recipient_id
    """
    body = f"{await _describe(session)} Daftar sebelum {session.enrollment_deadline:%d-%m-%Y}."
    refs = orjson.dumps({"session": session.id, "course": course.id}).decode()
    now = await timestamp_param(dt.datetime.now(dt.UTC))
    rows = await fetch(
        sql,
        [
            "session.gap_match",
            "Sesi baru sesuai kebutuhan kompetensi Anda",
            body,
            refs,
            now,
            course.id,
            GAP_NOTICE_CAP,
        ],
    )
    return len(rows)
