"""Training plans: the employee proposes and submits, the direct supervisor agrees, changes or
returns; every rule a typed error that changes nothing; audit, notices and events."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.errors import PermissionDeniedError
from portal.graphql.util import today
from portal.notifications.models import Notification
from portal.people.models import ActingAppointment, ActingKind
from portal.training import plans
from portal.training.errors import PlanError
from portal.training.models import (
    Course,
    PlanItemStatus,
    PlanStatus,
    TrainingMethod,
    TrainingMode,
    TrainingPlan,
    TrainingPlanItem,
)
from portal.training.plans import ItemChanges
from tests.factories import make_world
from tests.training.support import as_principal, audit, captured_events, dump

YEAR = today().year


async def _propose(principal, w, **kwargs) -> TrainingPlanItem:
    values = {
        "year": YEAR,
        "planned_jp": 24,
        "competency_id": w.asuhan.id,
        "course_id": w.course.id,
    }
    return await plans.propose_plan_item(principal=principal, **(values | kwargs))


async def test_proposing_creates_a_draft_plan_and_a_proposed_item(db):
    w = await make_world()
    siti = await as_principal(w.siti)
    async with captured_events() as events:
        item = await _propose(siti, w)
        published = events.drain()
    plan = await TrainingPlan.get(employee=w.siti, year=YEAR)
    assert plan.status == PlanStatus.DRAFT
    assert (item.title, item.method, item.status, item.proposed_by_id) == (
        "Pelatihan Asuhan Keperawatan Kritis",
        TrainingMethod.PELATIHAN,
        PlanItemStatus.PROPOSED,
        w.siti.id,
    )
    assert [(e.topic, e.ids) for e in published] == [
        ("plan.changed", {"employee": w.siti.id, "plan": plan.id})
    ]
    [entry] = await audit("training_plan_item.proposed")
    assert entry.before is None
    assert entry.after["planned_jp"] == 24
    assert entry.after["course"] == w.course.id
    mentoring = await _propose(
        siti,
        w,
        course_id=None,
        title=" Mentoring oleh kepala ruang ",
        method=TrainingMethod.MENTORING,
        planned_jp=6,
    )
    assert (mentoring.title, mentoring.course_id) == ("Mentoring oleh kepala ruang", None)
    assert await TrainingPlan.filter(employee=w.siti).count() == 1


async def test_bad_items_are_typed_errors_and_change_nothing(db):
    w = await make_world()
    siti = await as_principal(w.siti)
    await _propose(siti, w)
    archived = await Course.create(
        code="OLD",
        title="Lama",
        mode=TrainingMode.KLASIKAL,
        method=TrainingMethod.SEMINAR,
        jp=4,
        organiser="BKPSDM",
        active=False,
    )
    before = await dump()
    cases = [
        ({"planned_jp": 0}, "INVALID_JP", "plannedJp"),
        ({"planned_jp": 501}, "INVALID_JP", "plannedJp"),
        ({"year": YEAR - 1}, "INVALID_YEAR", "year"),
        ({"year": YEAR + 2}, "INVALID_YEAR", "year"),
        ({"course_id": None, "title": "", "method": TrainingMethod.COACHING}, "REQUIRED", "title"),
        ({"course_id": None, "title": "Coaching"}, "REQUIRED", "method"),
        ({"course_id": 999_999}, "COURSE_NOT_FOUND", "courseId"),
        ({"course_id": archived.id, "competency_id": None}, "COURSE_ARCHIVED", "courseId"),
        ({"competency_id": w.integritas.id}, "COURSE_COMPETENCY_MISMATCH", "courseId"),
        ({"competency_id": 999_999}, "COMPETENCY_NOT_FOUND", "competencyId"),
        ({}, "DUPLICATE_ITEM", "courseId"),
    ]
    for kwargs, code, field in cases:
        with pytest.raises(PlanError) as error:
            await _propose(siti, w, **kwargs)
        assert (error.value.code, error.value.field) == (code, field), kwargs
    assert await dump() == before


async def test_submit_agree_flow_with_notices_audit_and_events(db):
    w = await make_world()
    siti, budi = await as_principal(w.siti), await as_principal(w.budi)
    with pytest.raises(PlanError) as error:
        await plans.submit_plan(principal=siti, year=YEAR)
    assert error.value.code == "NOTHING_TO_SUBMIT"
    item = await _propose(siti, w)
    plan = await plans.submit_plan(principal=siti, year=YEAR)
    assert plan.status == PlanStatus.PROPOSED
    [notice] = await Notification.filter(kind="plan.submitted")
    assert notice.recipient_id == w.budi.id
    assert notice.refs == {
        "employee": w.siti.id,
        "plan": plan.id,
    }
    for attempt in (plans.submit_plan(principal=siti, year=YEAR), _propose(siti, w, planned_jp=2)):
        with pytest.raises(PlanError) as error:
            await attempt
        assert error.value.code == "PLAN_UNDER_REVIEW"
    async with captured_events() as events:
        agreed = await plans.agree_plan(
            principal=budi, employee_id=w.siti.id, year=YEAR, note="Lanjutkan."
        )
        assert [e.topic for e in events.drain()] == ["notification.created", "plan.changed"]
    assert agreed.status == PlanStatus.AGREED
    stored = await TrainingPlan.get(id=plan.id)
    assert stored.agreed_by_id == w.budi.id
    assert stored.agreed_at is not None
    assert (await TrainingPlanItem.get(id=item.id)).status == PlanItemStatus.AGREED
    [agreed_notice] = await Notification.filter(kind="plan.agreed")
    assert agreed_notice.recipient_id == w.siti.id
    assert "Lanjutkan." in agreed_notice.body
    [entry] = await audit("training_plan.agreed")
    assert entry.actor_id == w.budi.id
    assert entry.before == {"status": "PROPOSED"}
    assert entry.after == {"status": "AGREED", "note": "Lanjutkan.", "items": 1}
    with pytest.raises(PlanError) as error:
        await plans.agree_plan(principal=budi, employee_id=w.siti.id, year=YEAR)
    assert error.value.code == "PLAN_NOT_SUBMITTED"


async def test_only_the_direct_supervisor_or_acting_one_reviews(db):
    w = await make_world()
    siti = await as_principal(w.siti)
    await _propose(siti, w)
    await plans.submit_plan(principal=siti, year=YEAR)
    before = await dump()
    # Kadis is above Budi (indirect), Dewi is HR, Yusuf heads another unit, Rina is a colleague.
    for person in (w.kadis, w.dewi, w.other_supervisor, w.colleague, w.siti):
        principal = await as_principal(person)
        with pytest.raises(PermissionDeniedError):
            await plans.agree_plan(principal=principal, employee_id=w.siti.id, year=YEAR)
        with pytest.raises(PermissionDeniedError):
            await plans.return_plan(principal=principal, employee_id=w.siti.id, year=YEAR, note="x")
    assert await dump() == before
    await ActingAppointment.create(
        position=w.budi_pos,
        employee=w.stranger,
        kind=ActingKind.PLH,
        starts_on=today() - dt.timedelta(days=1),
        ends_on=today(),
    )
    plh = await as_principal(w.stranger)
    plan = await plans.agree_plan(principal=plh, employee_id=w.siti.id, year=YEAR)
    assert plan.status == PlanStatus.AGREED
    assert (await TrainingPlan.get(id=plan.id)).agreed_by_id == w.stranger.id


async def test_return_with_a_note_then_resubmit(db):
    w = await make_world()
    siti, budi = await as_principal(w.siti), await as_principal(w.budi)
    await _propose(siti, w)
    await plans.submit_plan(principal=siti, year=YEAR)
    before = await dump()
    with pytest.raises(PlanError) as error:
        await plans.return_plan(principal=budi, employee_id=w.siti.id, year=YEAR, note="  ")
    assert (error.value.code, error.value.field) == ("REQUIRED", "note")
    assert await dump() == before
    plan = await plans.return_plan(
        principal=budi, employee_id=w.siti.id, year=YEAR, note="Tambahkan kegiatan mentoring."
    )
    assert plan.status == PlanStatus.DRAFT
    [notice] = await Notification.filter(kind="plan.returned")
    assert (notice.recipient_id, notice.body) == (w.siti.id, "Tambahkan kegiatan mentoring.")
    [entry] = await audit("training_plan.returned")
    assert entry.after == {"status": "DRAFT", "note": "Tambahkan kegiatan mentoring."}
    await _propose(
        siti, w, course_id=None, title="Mentoring", method=TrainingMethod.MENTORING, planned_jp=4
    )
    assert (await plans.submit_plan(principal=siti, year=YEAR)).status == PlanStatus.PROPOSED


async def test_supervisor_changes_title_and_jp_only_and_it_is_recorded(db):
    w = await make_world()
    siti, budi = await as_principal(w.siti), await as_principal(w.budi)
    item = await _propose(siti, w)
    with pytest.raises(PlanError) as error:  # still a draft: not the supervisor's turn
        await plans.update_plan_item(
            principal=budi, item_id=item.id, changes=ItemChanges(planned_jp=8)
        )
    assert error.value.code == "PLAN_NOT_SUBMITTED"
    await plans.submit_plan(principal=siti, year=YEAR)
    with pytest.raises(PlanError) as error:
        await plans.update_plan_item(
            principal=budi, item_id=item.id, changes=ItemChanges(method=TrainingMethod.SEMINAR)
        )
    assert (error.value.code, error.value.field) == ("FIELD_NOT_ALLOWED", "method")
    with pytest.raises(PlanError) as error:  # the owner waits while the supervisor reviews
        await plans.update_plan_item(
            principal=siti, item_id=item.id, changes=ItemChanges(planned_jp=8)
        )
    assert error.value.code == "PLAN_UNDER_REVIEW"
    changed = await plans.update_plan_item(
        principal=budi,
        item_id=item.id,
        changes=ItemChanges(planned_jp=16, title="Asuhan kritis (angkatan II)"),
    )
    assert (changed.planned_jp, changed.title, changed.status) == (
        16,
        "Asuhan kritis (angkatan II)",
        "PROPOSED",
    )
    [entry] = await audit("training_plan_item.changed")
    assert (entry.actor_id, entry.before["planned_jp"], entry.after["planned_jp"]) == (
        w.budi.id,
        24,
        16,
    )
    assert await Notification.filter(kind="plan.item_changed", recipient_id=w.siti.id).count() == 1


async def test_owner_edits_and_drops_own_proposals_in_a_draft(db):
    w = await make_world()
    siti = await as_principal(w.siti)
    item = await _propose(siti, w)
    free = await _propose(
        siti,
        w,
        course_id=None,
        competency_id=None,
        title="Belajar mandiri",
        method=TrainingMethod.BELAJAR_MANDIRI,
        planned_jp=4,
    )
    edited = await plans.update_plan_item(
        principal=siti,
        item_id=free.id,
        changes=ItemChanges(planned_jp=6, method=TrainingMethod.COACHING),
    )
    assert (edited.planned_jp, edited.method) == (6, TrainingMethod.COACHING)
    with pytest.raises(PlanError) as error:
        await plans.update_plan_item(
            principal=siti, item_id=free.id, changes=ItemChanges(planned_jp=0)
        )
    assert error.value.code == "INVALID_JP"
    dropped = await plans.drop_plan_item(principal=siti, item_id=item.id)
    assert dropped.status == PlanItemStatus.DROPPED
    with pytest.raises(PlanError) as error:
        await plans.drop_plan_item(principal=siti, item_id=item.id)
    assert error.value.code == "ITEM_NOT_EDITABLE"
    [entry] = await audit("training_plan_item.dropped")
    assert entry.before["status"] == "PROPOSED"
    assert entry.after["status"] == "DROPPED"
    assert await Notification.filter(kind__startswith="plan.").count() == 0  # a draft is private


async def test_nobody_else_touches_an_employees_items(db):
    w = await make_world()
    item = await _propose(await as_principal(w.siti), w)
    before = await dump()
    for person in (w.colleague, w.dewi, w.kadis, w.stranger):
        principal = await as_principal(person)
        with pytest.raises(PermissionDeniedError):
            await plans.update_plan_item(
                principal=principal, item_id=item.id, changes=ItemChanges(planned_jp=1)
            )
        with pytest.raises(PermissionDeniedError):
            await plans.drop_plan_item(principal=principal, item_id=item.id)
    with pytest.raises(PermissionDeniedError):  # a missing item looks the same
        await plans.drop_plan_item(principal=await as_principal(w.siti), item_id=999_999)
    assert await dump() == before


async def test_adding_to_an_agreed_plan_reopens_it_and_agreed_items_stay(db):
    w = await make_world()
    siti, budi = await as_principal(w.siti), await as_principal(w.budi)
    first = await _propose(siti, w)
    await plans.submit_plan(principal=siti, year=YEAR)
    await plans.agree_plan(principal=budi, employee_id=w.siti.id, year=YEAR)
    with pytest.raises(PlanError) as error:  # agreed items are the supervisor's to change now
        await plans.update_plan_item(
            principal=siti, item_id=first.id, changes=ItemChanges(planned_jp=2)
        )
    assert error.value.code == "ITEM_NOT_EDITABLE"
    await _propose(
        siti, w, course_id=None, title="Magang di RSUD", method=TrainingMethod.MAGANG, planned_jp=10
    )
    plan = await TrainingPlan.get(employee=w.siti, year=YEAR)
    assert plan.status == PlanStatus.DRAFT
    assert plan.agreed_by_id == w.budi.id
    assert (await TrainingPlanItem.get(id=first.id)).status == PlanItemStatus.AGREED
    [entry] = await audit("training_plan.reopened")
    assert (entry.before, entry.after) == ({"status": "AGREED"}, {"status": "DRAFT"})
    # The supervisor drops an agreed item of an agreed plan; the employee hears of it.
    await plans.submit_plan(principal=siti, year=YEAR)
    await plans.agree_plan(principal=budi, employee_id=w.siti.id, year=YEAR)
    dropped = await plans.drop_plan_item(
        principal=budi, item_id=first.id, note="Sudah diikuti tahun lalu."
    )
    assert dropped.status == PlanItemStatus.DROPPED
    [notice] = await Notification.filter(kind="plan.item_dropped")
    assert notice.recipient_id == w.siti.id
    assert "Sudah diikuti" in notice.body
