"""Yearly training plans (rencana pengembangan kompetensi): the employee proposes, the supervisor
agrees, changes or returns.

Plan states: DRAFT (the employee writes) -> PROPOSED (submitted: the supervisor's turn) -> AGREED;
returning sends a PROPOSED plan back to DRAFT with a note. Adding or changing an item of an AGREED
plan reopens it (DRAFT): agreed items stay agreed, new ones wait for the next agreement. While a
plan is PROPOSED the employee waits; the supervisor may change title and JP, or drop items. HR's
proposals from the gap analysis (``plan_bulk``) go straight to the supervisor (PROPOSED).

Every guard on a state is a conditional UPDATE on the plan row, so a submit and an agreement
racing each other leave one winner on both engines.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from portal.audit.service import record
from portal.errors import PermissionDeniedError
from portal.events import emit, transaction
from portal.notifications.service import notify
from portal.people.models import Employee
from portal.training.access import can_review_plan, owns_plan, require, supervisor_ids
from portal.training.errors import PlanError
from portal.training.errors import PlanErrorCode as Code
from portal.training.models import (
    PlanItemStatus,
    PlanStatus,
    TrainingMethod,
    TrainingPlan,
    TrainingPlanItem,
)
from portal.training.plan_rules import (
    ItemChanges,
    camel,
    check_plausible_year,
    check_year,
    clean_note,
    item_locked,
    item_snapshot,
    item_values,
    log_status,
    not_submitted,
    plan_event,
    tell_employee,
    today,
    under_review,
    vars_of,
)

if TYPE_CHECKING:
    from portal.auth.principal import Principal

P, PI = PlanStatus, PlanItemStatus


async def get_plan(*, employee_id: int, year: int) -> TrainingPlan | None:
    """The employee's plan for the year, or None."""
    return await TrainingPlan.get_or_none(employee_id=employee_id, year=year)


async def propose_plan_item(
    *,
    principal: Principal,
    year: int,
    planned_jp: int,
    competency_id: int | None = None,
    course_id: int | None = None,
    title: str = "",
    method: TrainingMethod | None = None,
) -> TrainingPlanItem:
    """The employee adds an item to their own plan (created as DRAFT if there is none)."""
    check_year(year)
    values = await item_values(
        title=title,
        method=method,
        planned_jp=planned_jp,
        competency_id=competency_id,
        course_id=course_id,
    )
    employee_id = principal.employee_id
    async with transaction():
        await TrainingPlan.bulk_create(
            [TrainingPlan(employee_id=employee_id, year=year)], ignore_conflicts=True
        )
        plan = await TrainingPlan.get(employee_id=employee_id, year=year)
        await _reopen_for_owner(principal, plan)
        if (
            values["course_id"] is not None
            and await TrainingPlanItem.filter(
                plan_id=plan.id,
                course_id=values["course_id"],
                competency_id=values["competency_id"],
                status__not=PI.DROPPED,
            ).exists()
        ):
            raise PlanError(
                Code.DUPLICATE_ITEM, "Pelatihan ini sudah ada dalam rencana.", field="courseId"
            )
        item = await TrainingPlanItem.create(
            plan_id=plan.id, proposed_by_id=employee_id, status=PI.PROPOSED, **values
        )
        await record(
            action="training_plan_item.proposed",
            actor_id=employee_id,
            object_type="TrainingPlanItem",
            object_id=item.id,
            before=None,
            after=item_snapshot(item),
        )
        emit(plan_event(plan))
    return item


async def update_plan_item(
    *, principal: Principal, item_id: int, changes: ItemChanges
) -> TrainingPlanItem:
    """The owner edits a PROPOSED item of a draft; a reviewing supervisor edits title and JP."""
    item, plan, employee = await _load_item(item_id)
    supervising = await _role(principal, employee)
    if supervising:
        for name in ("method", "competency_id", "course_id"):
            if getattr(changes, name) is not None:
                raise PlanError(
                    Code.FIELD_NOT_ALLOWED,
                    "Atasan hanya dapat mengubah judul dan JP.",
                    field=camel(name),
                )
    current = {
        "title": item.title,
        "method": item.method,
        "planned_jp": item.planned_jp,
        "competency_id": item.competency_id,
        "course_id": item.course_id,
    }
    given = {k: v for k, v in vars_of(changes).items() if v is not None}
    if "course_id" in given and "title" not in given:
        current["title"] = ""  # another course brings its own title
    merged = {**current, **given}
    if "course_id" in given:
        merged["method"] = given.get("method")
    values = await item_values(**merged, new_course="course_id" in given)
    before = item_snapshot(item)
    async with transaction():
        await _guard(principal, plan, item, supervising)
        if not await TrainingPlanItem.filter(id=item.id, status=item.status).update(**values):
            raise item_locked()  # changed by someone else since it was read
        await item.refresh_from_db()
        await record(
            action="training_plan_item.changed",
            actor_id=principal.employee_id,
            object_type="TrainingPlanItem",
            object_id=item.id,
            before=before,
            after=item_snapshot(item),
        )
        if supervising:
            await tell_employee(
                plan,
                kind="plan.item_changed",
                title="Atasan mengubah rencana pengembangan Anda",
                body=f"{item.title}: {item.planned_jp} JP.",
            )
        emit(plan_event(plan))
    return item


async def drop_plan_item(*, principal: Principal, item_id: int, note: str = "") -> TrainingPlanItem:
    """The owner drops a PROPOSED item of a draft; the supervisor drops any open item."""
    note = clean_note(note, required=False)
    item, plan, employee = await _load_item(item_id)
    supervising = await _role(principal, employee)
    before = item_snapshot(item)
    async with transaction():
        await _guard(principal, plan, item, supervising)
        if not await TrainingPlanItem.filter(id=item.id, status=item.status).update(
            status=PI.DROPPED
        ):
            raise item_locked()
        item.status = PI.DROPPED
        await record(
            action="training_plan_item.dropped",
            actor_id=principal.employee_id,
            object_type="TrainingPlanItem",
            object_id=item.id,
            before=before,
            after=item_snapshot(item) | {"note": note},
        )
        if supervising:
            await tell_employee(
                plan,
                kind="plan.item_dropped",
                title="Atasan mencoret butir rencana Anda",
                body=f"{item.title}." + (f" Catatan: {note}" if note else ""),
            )
        emit(plan_event(plan))
    return item


async def submit_plan(*, principal: Principal, year: int) -> TrainingPlan:
    """The employee hands the draft to the supervisor (DRAFT -> PROPOSED)."""
    check_plausible_year(year)
    plan = await get_plan(employee_id=principal.employee_id, year=year)
    if (
        plan is None
        or not await TrainingPlanItem.filter(plan_id=plan.id, status=PI.PROPOSED).exists()
    ):
        raise PlanError(
            Code.NOTHING_TO_SUBMIT, "Belum ada usulan baru untuk diajukan.", field="year"
        )
    async with transaction():
        if not await TrainingPlan.filter(id=plan.id, status=P.DRAFT).update(status=P.PROPOSED):
            raise under_review()
        await log_status(principal, plan, P.DRAFT, P.PROPOSED, "submitted")
        employee = await Employee.get(id=plan.employee_id)
        position = employee.position_id
        bosses = await supervisor_ids(position_ids={position} if position else set(), on=today())
        await notify(
            recipient_ids=bosses.get(position or 0, set()),
            kind="plan.submitted",
            title="Rencana pengembangan menunggu persetujuan Anda",
            body=f"{employee.full_name} mengajukan rencana pengembangan {plan.year}.",
            refs={"employee": employee.id, "plan": plan.id},
        )
        emit(plan_event(plan))
    return plan


async def agree_plan(
    *, principal: Principal, employee_id: int, year: int, note: str = ""
) -> TrainingPlan:
    """The supervisor agrees the submitted plan: it and its proposed items become AGREED."""
    note = clean_note(note, required=False)
    plan = await _plan_under_review(principal, employee_id, year)
    now = dt.datetime.now(dt.UTC)
    async with transaction():
        if not await TrainingPlan.filter(id=plan.id, status=P.PROPOSED).update(
            status=P.AGREED, agreed_by_id=principal.employee_id, agreed_at=now
        ):
            raise not_submitted()
        items = await TrainingPlanItem.filter(plan_id=plan.id, status=PI.PROPOSED).update(
            status=PI.AGREED
        )
        await log_status(principal, plan, P.PROPOSED, P.AGREED, "agreed", note=note, items=items)
        await tell_employee(
            plan,
            kind="plan.agreed",
            title="Rencana pengembangan Anda disetujui",
            body=f"Rencana {plan.year} disetujui." + (f" Catatan: {note}" if note else ""),
        )
        emit(plan_event(plan))
    return plan


async def return_plan(
    *, principal: Principal, employee_id: int, year: int, note: str
) -> TrainingPlan:
    """The supervisor sends the submitted plan back to the employee with a note."""
    note = clean_note(note, required=True)
    plan = await _plan_under_review(principal, employee_id, year)
    async with transaction():
        if not await TrainingPlan.filter(id=plan.id, status=P.PROPOSED).update(status=P.DRAFT):
            raise not_submitted()
        await log_status(principal, plan, P.PROPOSED, P.DRAFT, "returned", note=note)
        await tell_employee(
            plan,
            kind="plan.returned",
            title="Rencana pengembangan Anda dikembalikan",
            body=note,
        )
        emit(plan_event(plan))
    return plan


async def _load_item(item_id: int) -> tuple[TrainingPlanItem, TrainingPlan, Employee]:
    item = await TrainingPlanItem.get_or_none(id=item_id).prefetch_related("plan")
    if item is None:
        raise PermissionDeniedError()  # like node(): a missing item looks like someone else's
    employee = await Employee.get(id=item.plan.employee_id)
    return item, item.plan, employee


async def _role(principal: Principal, employee: Employee) -> bool:
    """False for the owner, True for the reviewing supervisor; anyone else is refused."""
    if owns_plan(principal, employee_id=employee.id):
        return False
    require(await can_review_plan(principal, position_id=employee.position_id))
    return True


async def _guard(
    principal: Principal, plan: TrainingPlan, item: TrainingPlanItem, supervising: bool
) -> None:
    """Hold the plan row in an allowed state for this change (inside the transaction)."""
    if supervising:
        if item.status not in (PI.PROPOSED, PI.AGREED):
            raise item_locked()
        # A no-op write that holds the row: it succeeds only if nobody moved the plan since.
        if plan.status not in (P.PROPOSED, P.AGREED) or not await TrainingPlan.filter(
            id=plan.id, status=plan.status
        ).update(status=plan.status):
            raise not_submitted()
        return
    if item.status != PI.PROPOSED:
        raise item_locked()
    await _reopen_for_owner(principal, plan)


async def _reopen_for_owner(principal: Principal, plan: TrainingPlan) -> None:
    """The owner may write while the plan is DRAFT; writing in an AGREED plan reopens it."""
    was = plan.status
    if not await TrainingPlan.filter(id=plan.id, status__in=(P.DRAFT, P.AGREED)).update(
        status=P.DRAFT
    ):
        raise under_review()
    if was == P.AGREED:
        await log_status(principal, plan, P.AGREED, P.DRAFT, "reopened")
    plan.status = P.DRAFT


async def _plan_under_review(principal: Principal, employee_id: int, year: int) -> TrainingPlan:
    check_plausible_year(year)
    employee = await Employee.get_or_none(id=employee_id)
    if employee is None:
        raise PermissionDeniedError()
    require(await can_review_plan(principal, position_id=employee.position_id))
    plan = await get_plan(employee_id=employee_id, year=year)
    if plan is None or plan.status != P.PROPOSED:
        raise not_submitted()
    return plan
