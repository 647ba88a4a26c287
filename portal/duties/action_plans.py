"""Action plans (rencana aksi): the year's working plan towards each result, quarter by quarter.

They are not what the supervisor agreed: the employee and the direct supervisor (or an acting
Plt/Plh) add, correct and remove them while the SKP is a draft or agreed; once it is evaluated
they stand as the record of the year. Every change is in the SKP's history and the audit log, and a
supervisor's change reaches the employee's notifications.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise.expressions import F

from portal.audit.snapshot import snapshot
from portal.duties.errors import SkpError
from portal.duties.errors import SkpErrorCode as Code
from portal.duties.models import Skp, SkpResult, SkpStatus
from portal.duties.progress_models import SkpActionPlan
from portal.duties.rules import (
    ACTION_PLAN_FIELDS,
    change_note,
    clean_text,
    load_action_plan,
    load_result,
    log_history,
    quoted,
    role_in,
    skp_changed,
    tell_employee,
)
from portal.events import emit, transaction
from portal.people.changes import UNCHANGED, given

if TYPE_CHECKING:
    from portal.auth.principal import Principal


def _check_unevaluated(skp: Skp, field: str) -> None:
    """Refuse a change to an evaluated plan (action plans may still change once agreed)."""
    if skp.status == SkpStatus.EVALUATED:
        raise SkpError(
            Code.INVALID_STATE, "SKP sudah dinilai dan tidak dapat diubah lagi.", field=field
        )


async def _hold_unevaluated(skp: Skp, field: str) -> None:
    """Inside the change's transaction: the SKP is not evaluated, and is not until commit.

    As :func:`_hold_draft`: the conditional no-op UPDATE takes the SKP's row lock on PostgreSQL,
    so a yearly evaluation (or a removal of the result) at the same time either went first (this
    change then sees its outcome) or waits for this one.
    """
    open_states = [SkpStatus.DRAFT, SkpStatus.AGREED]
    if not await Skp.filter(id=skp.id, status__in=open_states).update(status=F("status")):
        raise SkpError(
            Code.INVALID_STATE, "SKP baru saja dinilai; muat ulang halaman.", field=field
        )


async def _fresh_action_plan(action_plan_id: int) -> SkpActionPlan:
    plan = await SkpActionPlan.get_or_none(id=action_plan_id)
    if plan is None:  # removed (or its result removed) while this change waited for the SKP
        raise SkpError(Code.NOT_FOUND, "Rencana aksi tidak ditemukan.", field="actionPlanId")
    return plan


def _quarter(period: int) -> str:
    return f"Triwulan {period}"


def _check_quarter(period: int) -> int:
    if not 1 <= period <= 4:
        raise SkpError(Code.INVALID_INPUT, "Periode harus 1-4.", field="period")
    return period


async def add_action_plan(
    *, principal: Principal, result_id: int, period: int, description: str
) -> SkpActionPlan:
    """Plan an action (rencana aksi) for a result in a quarter."""
    description = clean_text(description, "description")
    _check_quarter(period)
    result, skp, employee = await load_result(result_id)
    await role_in(principal, employee)
    _check_unevaluated(skp, "resultId")
    async with transaction():
        await _hold_unevaluated(skp, "resultId")
        if not await SkpResult.exists(id=result.id):  # removed while this waited for the SKP
            raise SkpError(Code.NOT_FOUND, "Hasil kerja tidak ditemukan.", field="resultId")
        plan = await SkpActionPlan.create(
            result_id=result.id,
            period=period,
            description=description,
            created_by_id=principal.employee_id,
        )
        await log_history(skp, "ACTION_PLANNED", principal.employee_id, description)
        emit(skp_changed(skp, employee))
    return plan


async def edit_action_plan(
    *,
    principal: Principal,
    action_plan_id: int,
    period: Any = UNCHANGED,
    description: Any = UNCHANGED,
) -> SkpActionPlan:
    """Change an action plan's quarter or text until the SKP is evaluated; left out: unchanged.

    An edit that changes nothing records nothing.
    """
    plan, skp, employee = await load_action_plan(action_plan_id)
    role = await role_in(principal, employee)
    _check_unevaluated(skp, "actionPlanId")
    changes: dict[str, Any] = {}
    if given(period):
        changes["period"] = _check_quarter(period)
    if given(description):
        changes["description"] = clean_text(description, "description")
    async with transaction():
        await _hold_unevaluated(skp, "actionPlanId")
        plan = await _fresh_action_plan(plan.id)
        before = snapshot(plan, ACTION_PLAN_FIELDS)
        plan.update_from_dict(changes)
        after = snapshot(plan, ACTION_PLAN_FIELDS)
        if after == before:
            return plan
        note = change_note(
            f"Rencana aksi {quoted(before['description'])}",
            {"period": "periode", "description": "uraian"},
            before | {"period": _quarter(before["period"])},
            after | {"period": _quarter(after["period"])},
        )
        await SkpActionPlan.filter(id=plan.id).update(**changes)
        await log_history(
            skp, "ACTION_PLAN_EDITED", principal.employee_id, note, before=before, after=after
        )
        await tell_employee(role, employee, skp, "Atasan mengubah rencana aksi SKP Anda", note)
        emit(skp_changed(skp, employee))
    return plan


async def remove_action_plan(*, principal: Principal, action_plan_id: int) -> Skp:
    """Remove an action plan until the SKP is evaluated."""
    plan, skp, employee = await load_action_plan(action_plan_id)
    role = await role_in(principal, employee)
    _check_unevaluated(skp, "actionPlanId")
    async with transaction():
        await _hold_unevaluated(skp, "actionPlanId")
        plan = await _fresh_action_plan(plan.id)
        before = snapshot(plan, ACTION_PLAN_FIELDS)
        await plan.delete()
        note = f"Rencana aksi {quoted(plan.description)} ({_quarter(plan.period)})"
        await log_history(skp, "ACTION_PLAN_REMOVED", principal.employee_id, note, before=before)
        await tell_employee(role, employee, skp, "Atasan menghapus rencana aksi SKP Anda", note)
        emit(skp_changed(skp, employee))
    return skp
