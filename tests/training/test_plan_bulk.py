"""HR's bulk proposal from the gap analysis: correct on known data, idempotent, scoped, audited."""

from __future__ import annotations

import pytest

from portal.competencies.models import PositionRequirement
from portal.errors import PermissionDeniedError
from portal.graphql.util import today
from portal.notifications.models import Notification
from portal.people.ranks import PositionKind
from portal.training import plans
from portal.training.errors import PlanError
from portal.training.models import (
    Course,
    CourseCompetency,
    PlanItemStatus,
    PlanStatus,
    TrainingMethod,
    TrainingMode,
    TrainingPlan,
    TrainingPlanItem,
)
from portal.training.plan_bulk import BulkProposal, propose_plan_items_from_gaps
from tests.factories import make_world
from tests.training.support import as_principal, audit, captured_events, dump

YEAR = today().year


async def _course(code: str, competency, level: int, jp: int = 4, **extra) -> Course:
    course = await Course.create(
        code=code,
        title=f"Kursus {code}",
        mode=TrainingMode.NON_KLASIKAL,
        method=TrainingMethod.E_LEARNING,
        jp=jp,
        organiser="LAN RI",
        **extra,
    )
    await CourseCompetency.create(course=course, competency=competency, target_level=level)
    return course


async def _items() -> list[tuple[int, int, int]]:
    rows = await TrainingPlanItem.all().prefetch_related("plan").order_by("id")
    return sorted((i.plan.employee_id, i.competency_id, i.course_id) for i in rows)


async def test_bulk_proposes_the_best_course_for_each_gap(db):
    """Siti's position requires Integritas 2, Pelayanan Publik 2, Asuhan Keperawatan 3.

    Siti: Integritas 3 (met), Pelayanan 1 (gap), Asuhan none (gap). Rina, same position: no
    assessment, a gap in all three. No course develops Integritas.
    """
    w = await make_world()
    fit = await _course("PP-2", w.pelayanan, 2, jp=8)
    await _course("PP-4", w.pelayanan, 4)  # also closes the gap, but a looser fit
    await _course("PP-1", w.pelayanan, 1)  # below the requirement: never proposed
    await _course("PP-CAPIL", w.pelayanan, 2, jp=1)  # would win on JP, but only for Disdukcapil
    capil_only = await Course.get(code="PP-CAPIL")
    await capil_only.eligible_units.add(w.disdukcapil)
    await _course("PP-JPT", w.pelayanan, 2, jp=2, eligible_kinds=[PositionKind.JPT.value])
    await _course("PP-OLD", w.pelayanan, 2, jp=1, active=False)
    dewi = await as_principal(w.dewi)
    async with captured_events() as events:
        result = await propose_plan_items_from_gaps(principal=dewi, year=YEAR)
        published = events.drain()
    assert result == BulkProposal(proposed=4, plans=2, without_course=1)
    assert await _items() == sorted(
        [
            (w.siti.id, w.asuhan.id, w.course.id),
            (w.siti.id, w.pelayanan.id, fit.id),
            (w.colleague.id, w.asuhan.id, w.course.id),
            (w.colleague.id, w.pelayanan.id, fit.id),
        ]
    )
    item = await TrainingPlanItem.get(course_id=fit.id, plan__employee_id=w.siti.id)
    assert (item.title, item.method, item.planned_jp, item.status, item.proposed_by_id) == (
        "Kursus PP-2",
        TrainingMethod.E_LEARNING,
        8,
        PlanItemStatus.PROPOSED,
        w.dewi.id,
    )
    touched = await TrainingPlan.filter(year=YEAR).order_by("employee_id")
    assert [(p.employee_id, p.status) for p in touched] == sorted(
        [(w.siti.id, PlanStatus.PROPOSED), (w.colleague.id, PlanStatus.PROPOSED)]
    )
    changed = sorted(e.ids["employee"] for e in published if e.topic == "plan.changed")
    assert changed == sorted([w.siti.id, w.colleague.id])
    employees = await Notification.filter(kind="plan.proposed_by_hr").values_list(
        "recipient_id", flat=True
    )
    assert sorted(employees) == sorted([w.siti.id, w.colleague.id])
    [boss] = await Notification.filter(kind="plan.awaiting_agreement")
    assert boss.recipient_id == w.budi.id
    assert "2 bawahan" in boss.body
    [entry] = await audit("training_plan.bulk_proposed")
    assert entry.actor_id == w.dewi.id
    assert entry.after["items"] == 4
    assert sorted(entry.before["plan_status"].values()) == ["DRAFT", "DRAFT"]


async def test_bulk_is_idempotent_and_respects_a_supervisors_drop(db):
    w = await make_world()
    await _course("PP-2", w.pelayanan, 2)
    dewi = await as_principal(w.dewi)
    first = await propose_plan_items_from_gaps(principal=dewi, year=YEAR)
    assert first.proposed == 4
    before = await _items()
    again = await propose_plan_items_from_gaps(principal=dewi, year=YEAR)
    assert again == BulkProposal(proposed=0, plans=0, without_course=1)
    assert await _items() == before
    item = await TrainingPlanItem.get(plan__employee_id=w.siti.id, competency_id=w.pelayanan.id)
    await plans.drop_plan_item(principal=await as_principal(w.budi), item_id=item.id)
    assert (await propose_plan_items_from_gaps(principal=dewi, year=YEAR)).proposed == 0
    # A new requirement is a new gap: only that is proposed on the next run.
    await PositionRequirement.filter(position=w.siti_pos, competency=w.asuhan).update(level=4)
    four = await _course("KEP-4", w.asuhan, 4)
    third = await propose_plan_items_from_gaps(principal=dewi, year=YEAR)
    assert third.proposed == 2
    assert await TrainingPlanItem.filter(course=four).count() == 2


async def test_bulk_scope_by_unit_and_competency(db):
    w = await make_world()
    await _course("PP-2", w.pelayanan, 2)
    dewi = await as_principal(w.dewi)
    assert await propose_plan_items_from_gaps(
        principal=dewi, year=YEAR, unit_id=w.disdukcapil.id
    ) == (BulkProposal(0, 0, 0))
    only = await propose_plan_items_from_gaps(
        principal=dewi, year=YEAR, competency_id=w.pelayanan.id
    )
    assert only == BulkProposal(proposed=2, plans=2, without_course=0)
    rest = await propose_plan_items_from_gaps(principal=dewi, year=YEAR + 1, unit_id=w.dinkes.id)
    assert rest.proposed == 4  # next year's plans are separate


async def test_bulk_skips_inactive_people_and_keeps_agreed_items(db):
    w = await make_world()
    w.colleague.active = False
    await w.colleague.save(update_fields=["active"])
    siti = await as_principal(w.siti)
    own = await plans.propose_plan_item(
        principal=siti,
        year=YEAR,
        planned_jp=3,
        title="Coaching",
        method=TrainingMethod.COACHING,
        competency_id=w.pelayanan.id,
    )
    await plans.submit_plan(principal=siti, year=YEAR)
    await plans.agree_plan(principal=await as_principal(w.budi), employee_id=w.siti.id, year=YEAR)
    result = await propose_plan_items_from_gaps(principal=await as_principal(w.dewi), year=YEAR)
    assert result == BulkProposal(
        proposed=1, plans=1, without_course=1
    )  # Siti: asuhan; pelayanan none
    plan = await TrainingPlan.get(employee=w.siti, year=YEAR)
    assert plan.status == PlanStatus.PROPOSED
    assert (await TrainingPlanItem.get(id=own.id)).status == PlanItemStatus.AGREED
    [entry] = await audit("training_plan.bulk_proposed")
    assert entry.before == {"plan_status": {str(plan.id): "AGREED"}}


async def test_bulk_rules(db):
    w = await make_world()
    before = await dump()
    with pytest.raises(PermissionDeniedError):
        await propose_plan_items_from_gaps(principal=await as_principal(w.budi), year=YEAR)
    dewi = await as_principal(w.dewi)
    for kwargs, code in [
        ({"year": YEAR - 1}, "INVALID_YEAR"),
        ({"year": YEAR, "unit_id": 999_999}, "UNIT_NOT_FOUND"),
        ({"year": YEAR, "competency_id": 999_999}, "COMPETENCY_NOT_FOUND"),
    ]:
        with pytest.raises(PlanError) as error:
            await propose_plan_items_from_gaps(principal=dewi, **kwargs)
        assert error.value.code == code
    assert await dump() == before
