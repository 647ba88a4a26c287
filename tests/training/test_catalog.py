"""Courses: each rule a typed error that changes nothing; lists replaced whole; audit, events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from portal.errors import PermissionDeniedError
from portal.people.ranks import PositionKind
from portal.training import catalog, sessions
from portal.training.catalog import ApprovalStep, CourseChanges, CourseSpec
from portal.training.errors import CatalogError
from portal.training.models import Course, CourseCompetency, TrainingMethod, TrainingMode
from tests.factories import make_world
from tests.training.support import as_principal, audit, captured_events, dump

SECOND, HR = ApprovalStep.SECOND_LEVEL, ApprovalStep.HR
THIRD, FOURTH, FIFTH = ApprovalStep.THIRD_LEVEL, ApprovalStep.FOURTH_LEVEL, ApprovalStep.FIFTH_LEVEL


def _spec(w, **overrides) -> CourseSpec:
    base = CourseSpec(
        code="kes-02",
        title="  Manajemen Rumah Sakit  ",
        method=TrainingMethod.PELATIHAN,
        jp=32,
        organiser="BKPSDM Kota Tangerang Selatan",
        competencies=((w.pelayanan.id, 3), (w.asuhan.id, 4)),
        eligible_kinds=(PositionKind.FUNGSIONAL,),
        eligible_unit_ids=(w.dinkes.id,),
        approval_steps=(SECOND, HR),
        requires_hr_verification=True,
    )
    return dataclasses.replace(base, **overrides)


async def test_create_course_stores_links_audits_and_emits(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    async with captured_events() as events:
        course = await catalog.create_course(principal=dewi, spec=_spec(w))
        assert events.topics() == ["course.changed"]
    assert (course.code, course.title, course.mode) == (
        "KES-02",
        "Manajemen Rumah Sakit",
        "KLASIKAL",
    )
    assert course.approval_steps == ["SECOND_LEVEL", "HR"]
    assert course.eligible_kinds == ["FUNGSIONAL"]
    links = (
        await CourseCompetency.filter(course=course)
        .order_by("competency_id")
        .values_list("competency_id", "target_level")
    )
    assert links == [(w.pelayanan.id, 3), (w.asuhan.id, 4)]
    assert [u.id for u in await course.eligible_units.all()] == [w.dinkes.id]
    [entry] = await audit("course.created")
    assert entry.actor_id == w.dewi.id
    assert entry.before is None
    assert entry.after["code"] == "KES-02"
    assert entry.after["approval_steps"] == [
        "SECOND_LEVEL",
        "HR",
    ]


def test_every_method_has_exactly_one_mode():
    assert set(catalog.METHOD_MODE) == set(TrainingMethod)
    klasikal = {m for m, mode in catalog.METHOD_MODE.items() if mode is TrainingMode.KLASIKAL}
    assert klasikal == {TrainingMethod.PELATIHAN, TrainingMethod.SEMINAR, TrainingMethod.WORKSHOP}


async def test_mode_comes_from_the_method_and_must_agree(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    course = await catalog.create_course(
        principal=dewi, spec=_spec(w, method=TrainingMethod.COACHING, mode=None)
    )
    assert course.mode == TrainingMode.NON_KLASIKAL
    with pytest.raises(CatalogError) as error:
        await catalog.create_course(
            principal=dewi,
            spec=_spec(w, code="X1", method=TrainingMethod.E_LEARNING, mode=TrainingMode.KLASIKAL),
        )
    assert (error.value.code, error.value.field) == ("METHOD_MODE_MISMATCH", "mode")


BAD_COURSES = [
    ({"code": "  "}, "REQUIRED", "code"),
    ({"code": "c-kep-01"}, "CODE_TAKEN", "code"),  # codes compare upper-cased
    ({"title": ""}, "REQUIRED", "title"),
    ({"organiser": "x" * 201}, "TOO_LONG", "organiser"),
    ({"jp": 0}, "INVALID_JP", "jp"),
    ({"jp": -4}, "INVALID_JP", "jp"),
    (
        {"approval_steps": (SECOND, THIRD, FOURTH, FIFTH, ApprovalStep.SIXTH_LEVEL, HR)},
        "TOO_MANY_APPROVAL_STEPS",
        "approvalSteps",
    ),
    ({"approval_steps": (HR, HR)}, "REPEATED_APPROVAL_STEP", "approvalSteps"),
    ({"approval_steps": (SECOND, HR, SECOND)}, "REPEATED_APPROVAL_STEP", "approvalSteps"),
    ({"approval_steps": (THIRD, SECOND)}, "APPROVAL_STEPS_OUT_OF_ORDER", "approvalSteps"),
    ({"eligible_unit_ids": (999_999,)}, "UNIT_NOT_FOUND", "eligibleUnitIds"),
]


@pytest.mark.parametrize(("overrides", "code", "field"), BAD_COURSES)
async def test_bad_course_is_a_typed_error_and_changes_nothing(db, overrides, code, field):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    before = await dump()
    with pytest.raises(CatalogError) as error:
        await catalog.create_course(principal=dewi, spec=_spec(w, **overrides))
    assert (error.value.code, error.value.field) == (code, field)
    assert error.value.message  # Indonesian text for the user
    assert await dump() == before


async def test_bad_competency_links(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    before = await dump()
    for links, code in [
        (((w.asuhan.id, 6),), "INVALID_TARGET_LEVEL"),
        (((w.asuhan.id, 0),), "INVALID_TARGET_LEVEL"),
        (((w.asuhan.id, 3), (w.asuhan.id, 4)), "DUPLICATE_COMPETENCY"),
        (((999_999, 3),), "COMPETENCY_NOT_FOUND"),
    ]:
        with pytest.raises(CatalogError) as error:
            await catalog.create_course(principal=dewi, spec=_spec(w, competencies=links))
        assert (error.value.code, error.value.field) == (code, "competencies")
    assert await dump() == before


async def test_five_extra_steps_are_allowed(db):
    w = await make_world()
    course = await catalog.create_course(
        principal=await as_principal(w.dewi),
        spec=_spec(w, approval_steps=(SECOND, THIRD, HR, FOURTH, FIFTH)),
    )
    assert course.approval_steps == [
        "SECOND_LEVEL", "THIRD_LEVEL", "HR", "FOURTH_LEVEL", "FIFTH_LEVEL"
    ]  # fmt: skip


async def test_update_replaces_lists_keeps_the_rest_and_audits(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    course = await catalog.create_course(principal=dewi, spec=_spec(w))
    updated = await catalog.update_course(
        principal=dewi,
        course_id=course.id,
        changes=CourseChanges(
            jp=40, competencies=((w.integritas.id, 2),), eligible_unit_ids=(), approval_steps=(HR,)
        ),
    )
    assert (updated.jp, updated.title, updated.approval_steps) == (
        40,
        "Manajemen Rumah Sakit",
        ["HR"],
    )
    assert await CourseCompetency.filter(course=course).values_list("competency_id", flat=True) == [
        w.integritas.id
    ]
    assert await course.eligible_units.all().count() == 0
    assert updated.eligible_kinds == ["FUNGSIONAL"]  # not given: kept
    [entry] = await audit("course.updated")
    assert entry.before["jp"] == 32
    assert entry.after["jp"] == 40
    assert entry.before["eligible_units"] == [w.dinkes.id]
    assert entry.after["eligible_units"] == []
    assert [c["competency"] for c in entry.after["competencies"]] == [w.integritas.id]


async def test_update_with_a_new_method_takes_its_mode(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    updated = await catalog.update_course(
        principal=dewi,
        course_id=w.course.id,
        changes=CourseChanges(method=TrainingMethod.E_LEARNING),
    )
    assert updated.mode == TrainingMode.NON_KLASIKAL


async def test_bad_update_changes_nothing(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    other = await catalog.create_course(principal=dewi, spec=_spec(w))
    before = await dump()
    for changes, code in [
        (CourseChanges(code="C-KEP-01"), "CODE_TAKEN"),
        (CourseChanges(jp=0), "INVALID_JP"),
        (CourseChanges(mode=TrainingMode.NON_KLASIKAL), "METHOD_MODE_MISMATCH"),
        (CourseChanges(competencies=((w.asuhan.id, 9),)), "INVALID_TARGET_LEVEL"),
    ]:
        with pytest.raises(CatalogError) as error:
            await catalog.update_course(principal=dewi, course_id=other.id, changes=changes)
        assert error.value.code == code
    with pytest.raises(CatalogError) as error:
        await catalog.update_course(principal=dewi, course_id=999_999, changes=CourseChanges(jp=2))
    assert error.value.code == "COURSE_NOT_FOUND"
    assert await dump() == before


async def test_archive_course_blocks_new_sessions(db):
    w = await make_world()
    dewi = await as_principal(w.dewi)
    archived = await catalog.archive_course(principal=dewi, course_id=w.course.id)
    assert archived.active is False
    assert (await Course.get(id=w.course.id)).active is False
    [entry] = await audit("course.archived")
    assert (entry.before, entry.after) == ({"active": True}, {"active": False})
    with pytest.raises(CatalogError) as error:
        await catalog.archive_course(principal=dewi, course_id=w.course.id)
    assert error.value.code == "COURSE_ARCHIVED"
    start = dt.date.today() + dt.timedelta(days=40)
    with pytest.raises(CatalogError) as error:
        await sessions.create_session(
            principal=dewi,
            course_id=w.course.id,
            spec=sessions.SessionSpec(
                starts_on=start, ends_on=start, enrollment_deadline=start, capacity=5, place="Aula"
            ),
        )
    assert (error.value.code, error.value.field) == ("COURSE_ARCHIVED", "courseId")


async def test_only_hr_manages_the_catalog(db):
    w = await make_world()
    before = await dump()
    for person in (w.siti, w.budi):
        principal = await as_principal(person)
        with pytest.raises(PermissionDeniedError):
            await catalog.create_course(principal=principal, spec=_spec(w))
        with pytest.raises(PermissionDeniedError):
            await catalog.archive_course(principal=principal, course_id=w.course.id)
    assert await dump() == before
