"""Who a new session fits: the gap rule of portal.training.gaps, asked in one statement."""

from __future__ import annotations

import datetime as dt

from portal.competencies.models import Assessment, AssessmentSource
from portal.training.gaps import employees_a_session_fits
from portal.training.models import (
    Course,
    CourseCompetency,
    SessionStatus,
    TrainingMethod,
    TrainingMode,
    TrainingSession,
)
from tests.factories import World, make_world


async def _session_of(w: World, *, target_level: int) -> TrainingSession:
    """A new session of a course on Asuhan Keperawatan (Siti's position requires level 3)."""
    course = await Course.create(
        code=f"C-ASK-{target_level}",
        title="Asuhan Keperawatan",
        mode=TrainingMode.KLASIKAL,
        method=TrainingMethod.PELATIHAN,
        jp=16,
        organiser="BKPSDM",
    )
    await CourseCompetency.create(course=course, competency=w.asuhan, target_level=target_level)
    starts = dt.date.today() + dt.timedelta(days=30)
    return await TrainingSession.create(
        course=course, starts_on=starts, ends_on=starts, enrollment_deadline=starts, capacity=5
    )


async def test_a_session_fits_whom_its_course_lifts_to_the_required_level(db, count_queries):
    w = await make_world()
    session = await _session_of(w, target_level=3)
    with count_queries() as counter:
        fits = await employees_a_session_fits(
            session_id=session.id, position_ids=[w.siti_pos.id, w.other_pos.id]
        )
    assert fits == sorted([w.siti.id, w.colleague.id])  # both hold the position, neither assessed
    assert counter.count == 1
    mine = await employees_a_session_fits(session_id=session.id, employee_ids=[w.siti.id])
    assert mine == [w.siti.id]
    # Nobody outside the asked scope, and nobody when nothing is asked.
    assert await employees_a_session_fits(session_id=session.id, position_ids=[w.budi_pos.id]) == []
    assert await employees_a_session_fits(session_id=session.id) == []


async def test_a_session_does_not_fit_a_met_requirement_or_a_course_falling_short(db):
    w = await make_world()
    await Assessment.create(
        employee=w.siti,
        competency=w.asuhan,
        level=3,
        assessed_on=dt.date.today(),
        source=AssessmentSource.ASSESSMENT_CENTER,
    )
    session = await _session_of(w, target_level=3)
    everyone = {"position_ids": [w.siti_pos.id]}
    assert await employees_a_session_fits(session_id=session.id, **everyone) == [w.colleague.id]
    short = await _session_of(w, target_level=2)  # leads to 2 where 3 is required
    assert await employees_a_session_fits(session_id=short.id, **everyone) == []


async def test_a_session_closed_or_for_other_units_fits_nobody(db):
    w = await make_world()
    session = await _session_of(w, target_level=3)
    everyone = {"position_ids": [w.siti_pos.id]}
    course = await Course.get(id=session.course_id)
    await course.eligible_units.add(w.disdukcapil)
    assert await employees_a_session_fits(session_id=session.id, **everyone) == []
    await course.eligible_units.add(w.dinkes)  # Siti's unit now counts too
    assert len(await employees_a_session_fits(session_id=session.id, **everyone)) == 2
    await TrainingSession.filter(id=session.id).update(status=SessionStatus.CANCELLED)
    assert await employees_a_session_fits(session_id=session.id, **everyone) == []
