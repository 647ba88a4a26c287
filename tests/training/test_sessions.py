"""Sessions: date, capacity and place rules; closing and cancelling tell everyone; gap notices."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.competencies.models import Assessment, AssessmentSource
from portal.graphql.util import today
from portal.notifications.models import Notification
from portal.people.ranks import PositionKind
from portal.training import catalog, sessions
from portal.training.catalog import CourseSpec
from portal.training.errors import CatalogError
from portal.training.models import (
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    SessionStatus,
    TrainingMethod,
    TrainingSession,
)
from portal.training.sessions import SessionChanges, SessionSpec
from tests.factories import make_world
from tests.training.support import as_principal, audit, captured_events, dump

S = EnrollmentStatus


def _spec(**overrides) -> SessionSpec:
    start = today() + dt.timedelta(days=30)
    values = {
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=2),
        "enrollment_deadline": start - dt.timedelta(days=7),
        "capacity": 20,
        "place": "Aula BKPSDM",
    }
    return SessionSpec(**(values | overrides))


BAD_SESSIONS = [
    ({"ends_on": today()}, "INVALID_DATES", "endsOn"),
    (
        {"enrollment_deadline": today() + dt.timedelta(days=31)},
        "INVALID_DEADLINE",
        "enrollmentDeadline",
    ),
    ({"capacity": 0}, "INVALID_CAPACITY", "capacity"),
    ({"place": "  ", "online_url": ""}, "LOCATION_REQUIRED", "place"),
    ({"online_url": "zoom.us/j/123"}, "INVALID_URL", "onlineUrl"),
    ({"online_url": "javascript:alert(1)"}, "INVALID_URL", "onlineUrl"),
]


@pytest.mark.parametrize(("overrides", "code", "field"), BAD_SESSIONS)
async def test_bad_session_is_a_typed_error_and_changes_nothing(db, overrides, code, field):
    w = await make_world()
    before = await dump()
    with pytest.raises(CatalogError) as error:
        await sessions.create_session(
            principal=await as_principal(w.dewi), course_id=w.course.id, spec=_spec(**overrides)
        )
    assert (error.value.code, error.value.field) == (code, field)
    assert await dump() == before


async def test_online_session_and_deadline_on_the_first_day(db):
    w = await make_world()
    start = today() + dt.timedelta(days=3)
    session = await sessions.create_session(
        principal=await as_principal(w.dewi),
        course_id=w.course.id,
        spec=_spec(
            starts_on=start,
            ends_on=start,
            enrollment_deadline=start,
            place="",
            online_url="https://zoom.us/j/123",
            hr_verification=True,
        ),
    )
    assert (session.online_url, session.hr_verification, session.status) == (
        "https://zoom.us/j/123",
        True,
        SessionStatus.OPEN,
    )
    [entry] = await audit("training_session.created")
    assert entry.before is None
    assert entry.after["capacity"] == 20


async def _course_for(w, competency, level, **extra):
    spec = CourseSpec(
        code=f"K-{competency.code}-{level}",
        title="Pelayanan Prima",
        jp=8,
        method=TrainingMethod.E_LEARNING,
        organiser="LAN RI",
        competencies=((competency.id, level),),
        **extra,
    )
    return await catalog.create_course(principal=await as_principal(w.dewi), spec=spec)


async def test_new_session_tells_those_whose_gap_it_closes(db):
    w = await make_world()
    # Siti: Pelayanan Publik required 2, latest assessed 1. Rina (same position): never assessed.
    # Budi's position requires nothing; Agus is inactive-proofed below.
    course = await _course_for(w, w.pelayanan, 2)
    async with captured_events() as events:
        session = await sessions.create_session(
            principal=await as_principal(w.dewi), course_id=course.id, spec=_spec()
        )
        topics = events.topics()
    assert "session.created" in topics
    assert "session.changed" in topics
    notices = await Notification.filter(kind="session.gap_match").order_by("recipient_id")
    assert [n.recipient_id for n in notices] == sorted([w.siti.id, w.colleague.id])
    assert notices[0].refs == {"session": session.id, "course": course.id}
    assert "Pelayanan Prima" in notices[0].body


async def test_no_notice_when_the_course_does_not_reach_the_required_level(db):
    w = await make_world()
    course = await _course_for(w, w.pelayanan, 1)  # target 1 < required 2
    async with captured_events() as events:
        await sessions.create_session(
            principal=await as_principal(w.dewi), course_id=course.id, spec=_spec()
        )
        assert "session.created" not in events.topics()
    assert await Notification.filter(kind="session.gap_match").count() == 0


async def test_notices_respect_eligibility_assessments_and_activity(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    only_capil = await _course_for(w, w.pelayanan, 3, eligible_unit_ids=(w.disdukcapil.id,))
    await sessions.create_session(principal=dewi, course_id=only_capil.id, spec=_spec())
    only_jpt = await _course_for(w, w.asuhan, 3, eligible_kinds=(PositionKind.JPT,))
    await sessions.create_session(principal=dewi, course_id=only_jpt.id, spec=_spec())
    assert await Notification.filter(kind="session.gap_match").count() == 0
    # Rina's gap closes by a new assessment, Siti leaves: nobody is left to tell.
    await Assessment.create(
        employee=w.colleague,
        competency=w.integritas,
        level=2,
        assessed_on=today(),
        source=AssessmentSource.SUPERVISOR,
    )
    w.siti.active = False
    await w.siti.save(update_fields=["active"])
    integritas = await _course_for(w, w.integritas, 5)
    await sessions.create_session(principal=dewi, course_id=integritas.id, spec=_spec())
    assert await Notification.filter(kind="session.gap_match").count() == 0


async def test_gap_notices_are_capped_largest_gap_first(db, monkeypatch):
    w = await make_world()
    monkeypatch.setattr(sessions, "GAP_NOTICE_CAP", 1)
    course = await _course_for(w, w.pelayanan, 2)
    await sessions.create_session(
        principal=await as_principal(w.dewi), course_id=course.id, spec=_spec()
    )
    # Rina's gap is 2 (never assessed), Siti's is 1.
    assert await Notification.filter(kind="session.gap_match").values_list(
        "recipient_id", flat=True
    ) == [w.colleague.id]


async def _enroll(w, session, employee, status, seats: bool = False) -> Enrollment:
    enrollment = await Enrollment.create(
        employee=employee,
        session=session,
        status=status,
        awaiting_position_id=w.budi_pos.id if status == S.REQUESTED else None,
    )
    if seats:
        await TrainingSession.filter(id=session.id).update(seats_taken=session.seats_taken + 1)
        await session.refresh_from_db()
    return enrollment


async def test_cancel_session_cancels_live_requests_frees_seats_and_tells_everyone(db):
    w = await make_world()
    s = w.session
    requested = await _enroll(w, s, w.siti, S.REQUESTED)
    waiting = await _enroll(w, s, w.colleague, S.WAITLISTED)
    enrolled = [await _enroll(w, s, e, S.ENROLLED, seats=True) for e in (w.stranger, w.capil_staff)]
    rejected = await _enroll(w, s, w.budi, S.REJECTED)
    dewi = await as_principal(w.dewi)
    async with captured_events() as events:
        session, count = await sessions.cancel_session(
            principal=dewi, session_id=s.id, reason="Narasumber berhalangan hadir."
        )
        published = events.drain()
    assert count == 4
    assert session.status == SessionStatus.CANCELLED
    assert session.seats_taken == 0
    live = [requested, waiting, *enrolled]
    statuses = dict(await Enrollment.filter(session=s).values_list("id", "status"))
    assert {statuses[e.id] for e in live} == {S.CANCELLED}
    assert statuses[rejected.id] == S.REJECTED
    history = await EnrollmentEvent.filter(to_status=S.CANCELLED).order_by("enrollment_id")
    assert [(h.enrollment_id, h.from_status) for h in history] == [
        (requested.id, S.REQUESTED),
        (waiting.id, S.WAITLISTED),
        (enrolled[0].id, S.ENROLLED),
        (enrolled[1].id, S.ENROLLED),
    ]
    assert {(h.actor_id, h.note) for h in history} == {(w.dewi.id, "Narasumber berhalangan hadir.")}
    told = await Notification.filter(kind="session.cancelled").values_list(
        "recipient_id", flat=True
    )
    assert sorted(told) == sorted(e.employee_id for e in live)
    changed = [e for e in published if e.topic == "enrollment.changed"]
    assert sorted(e.ids["enrollment"] for e in changed) == sorted(e.id for e in live)
    first = next(e for e in changed if e.ids["enrollment"] == requested.id)
    assert first.ids["employee"] == w.siti.id
    assert first.ids["session"] == s.id
    assert first.ids["previous_awaiting_position"] == w.budi_pos.id
    assert any(e.topic == "session.changed" and e.ids == {"session": s.id} for e in published)
    [entry] = await audit("training_session.cancelled")
    assert entry.before == {"status": "OPEN", "seats_taken": 2}
    assert entry.after["status"] == "CANCELLED"
    assert entry.after["seats_taken"] == 0
    assert entry.after["reason"] == "Narasumber berhalangan hadir."
    with pytest.raises(CatalogError) as error:
        await sessions.cancel_session(principal=dewi, session_id=s.id, reason="lagi")
    assert error.value.code == "SESSION_NOT_EDITABLE"


async def test_cancel_needs_a_reason_and_changes_nothing_without(db):
    w = await make_world()
    await _enroll(w, w.session, w.siti, S.ENROLLED, seats=True)
    before = await dump()
    with pytest.raises(CatalogError) as error:
        await sessions.cancel_session(
            principal=await as_principal(w.dewi), session_id=w.session.id, reason=" "
        )
    assert (error.value.code, error.value.field) == ("REQUIRED", "reason")
    assert await dump() == before


async def test_close_session_stops_requests_and_tells_participants(db):
    w = await make_world()
    await _enroll(w, w.session, w.siti, S.REQUESTED)
    dewi = await as_principal(w.dewi)
    closed = await sessions.close_session(principal=dewi, session_id=w.session.id)
    assert closed.status == SessionStatus.CLOSED
    assert await Notification.filter(kind="session.closed").values_list(
        "recipient_id", flat=True
    ) == [w.siti.id]
    assert (await Enrollment.get(employee=w.siti)).status == S.REQUESTED  # requests made go on
    with pytest.raises(CatalogError) as error:
        await sessions.close_session(principal=dewi, session_id=w.session.id)
    assert error.value.code == "SESSION_NOT_OPEN"


async def test_capacity_never_below_seats_taken(db):
    w = await make_world()
    for e in (w.siti, w.colleague, w.stranger):
        await _enroll(w, w.session, e, S.ENROLLED, seats=True)
    dewi = await as_principal(w.dewi)
    before = await dump()
    with pytest.raises(CatalogError) as error:
        await sessions.update_session(
            principal=dewi, session_id=w.session.id, changes=SessionChanges(capacity=2)
        )
    assert (error.value.code, error.value.field) == ("CAPACITY_BELOW_TAKEN", "capacity")
    assert await dump() == before
    updated = await sessions.update_session(
        principal=dewi, session_id=w.session.id, changes=SessionChanges(capacity=3)
    )
    assert (updated.capacity, updated.seats_taken) == (3, 3)


async def test_more_seats_promote_the_waitlist(db):
    w = await make_world()
    await TrainingSession.filter(id=w.session.id).update(capacity=1)
    await w.session.refresh_from_db()
    await _enroll(w, w.session, w.siti, S.ENROLLED, seats=True)
    waiting = await _enroll(w, w.session, w.colleague, S.WAITLISTED)
    updated = await sessions.update_session(
        principal=await as_principal(w.dewi),
        session_id=w.session.id,
        changes=SessionChanges(capacity=2),
    )
    assert updated.seats_taken == 2
    assert (await Enrollment.get(id=waiting.id)).status == S.ENROLLED


async def test_update_session_keeps_or_clears_the_hr_override_and_announces_new_dates(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    await _enroll(w, w.session, w.siti, S.ENROLLED, seats=True)
    s = await sessions.update_session(
        principal=dewi, session_id=w.session.id, changes=SessionChanges(hr_verification=False)
    )
    assert s.hr_verification is False
    later = w.session.starts_on + dt.timedelta(days=7)
    s = await sessions.update_session(
        principal=dewi,
        session_id=w.session.id,
        changes=SessionChanges(starts_on=later, ends_on=later),
    )
    assert s.hr_verification is False
    assert s.starts_on == later
    [notice] = await Notification.filter(kind="session.updated")
    assert notice.recipient_id == w.siti.id
    assert f"{later:%d-%m-%Y}" in notice.body
    s = await sessions.update_session(
        principal=dewi, session_id=w.session.id, changes=SessionChanges(hr_verification=None)
    )
    assert s.hr_verification is None
    entries = await audit("training_session.updated")
    assert [e.after["hr_verification"] for e in entries] == [False, False, None]
    assert entries[1].before["starts_on"] == w.session.starts_on.isoformat()


async def test_cancelled_sessions_cannot_be_changed(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    await sessions.cancel_session(
        principal=dewi, session_id=w.session.id, reason="Anggaran dialihkan."
    )
    with pytest.raises(CatalogError) as error:
        await sessions.update_session(
            principal=dewi, session_id=w.session.id, changes=SessionChanges(capacity=50)
        )
    assert error.value.code == "SESSION_NOT_EDITABLE"
