"""What every SKP change shares: who is asking, input checks, the history entry, the live event."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from portal.audit.service import record
from portal.duties.errors import SkpError
from portal.duties.errors import SkpErrorCode as Code
from portal.duties.models import IndicatorAspect, Skp, SkpIndicator, SkpResult
from portal.duties.progress_models import SkpActionPlan, SkpEvent
from portal.events import Event
from portal.notifications.service import notify
from portal.people.access import can_supervise
from portal.people.models import Employee
from portal.people.service import get_supervisor

if TYPE_CHECKING:
    from portal.auth.principal import Principal

MAX_TEXT = 2000
MAX_TARGET_TEXT = 255  # skp_indicator.target_text is a VARCHAR(255)
MAX_UNIT = 60  # skp_indicator.unit_label is a VARCHAR(60)

# What the audit log pictures of each SKP row, before and after a change (relations by id).
RESULT_FIELDS = ("id", "skp_id", "kind", "description", "parent_id", "assigned_by_id")
INDICATOR_FIELDS = (
    "id",
    "result_id",
    "aspect",
    "description",
    "target_value",
    "target_text",
    "unit_label",
)
REALISATION_FIELDS = ("indicator_id", "period", "value", "note", "evidence_url")
ACTION_PLAN_FIELDS = ("id", "result_id", "period", "description")
CENTS = Decimal("0.01")

Role: TypeAlias = Literal["self", "supervisor"]


def clean_text(value: str, field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    """``value`` stripped, or INVALID_INPUT on ``field`` when empty (if required) or too long."""
    value = value.strip()
    if required and not value:
        raise SkpError(Code.INVALID_INPUT, "Wajib diisi.", field=field)
    if len(value) > limit:
        raise SkpError(Code.INVALID_INPUT, f"Maksimal {limit} karakter.", field=field)
    return value


def parse_decimal(value: str | None, field: str) -> Decimal | None:
    """A non-negative decimal from its text (empty is none), or INVALID_INPUT on ``field``.

    Rounded to the columns' two places, so what is stored, returned and audited is one number.
    """
    if value is None or value == "":
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise SkpError(Code.INVALID_INPUT, "Harus berupa angka.", field=field) from None
    if not number.is_finite() or number < 0 or number >= Decimal("1e10"):
        raise SkpError(Code.INVALID_INPUT, "Angka di luar batas.", field=field)
    return number.quantize(CENTS)


def check_target(aspect: IndicatorAspect, value: Decimal | None, text: str) -> None:
    """Quantity, quality and time need a numeric target; a qualitative indicator a text one."""
    if aspect != IndicatorAspect.QUALITATIVE and value is None:
        raise SkpError(
            Code.INVALID_INPUT,
            "Target angka wajib untuk indikator kuantitatif.",
            field="targetValue",
        )
    if aspect == IndicatorAspect.QUALITATIVE and not text:
        raise SkpError(Code.INVALID_INPUT, "Target kualitatif wajib diisi.", field="targetText")


async def role_in(principal: Principal, employee: Employee) -> Role:
    """``self``, ``supervisor`` or refuse: the only two people who touch an SKP."""
    if principal.employee_id == employee.id:
        return "self"
    if await can_supervise(principal, position_id=employee.position_id):
        return "supervisor"
    raise SkpError(Code.NOT_ALLOWED, "SKP ini bukan milik Anda atau bawahan langsung Anda.")


def skp_changed(skp: Skp, employee: Employee) -> Event:
    """Tells the employee's page and their supervisors' team views (found by the position)."""
    return Event(
        "skp.changed",
        {"employee": employee.id, "skp": skp.id, "position": employee.position_id or 0},
    )


async def log_history(
    skp: Skp,
    action: str,
    actor: int,
    note: str = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """One step in the SKP's history and the same step, with before and after, in the audit log."""
    await SkpEvent.create(skp_id=skp.id, action=action, actor_id=actor, note=note)
    if after is None and before is None and note:
        after = {"note": note}
    await record(
        action=f"skp.{action.lower()}",
        actor_id=actor,
        object_type="Skp",
        object_id=skp.id,
        before=before,
        after=after,
    )


async def supervisor_results(employee: Employee, year: int) -> list[SkpResult]:
    """What a result of ``employee`` may be cascaded from: the supervisor's results that year."""
    supervisor = await get_supervisor(employee=employee)
    if supervisor is None:
        return []
    return await SkpResult.filter(skp__employee_id=supervisor.id, skp__year=year)


async def load_result(result_id: int) -> tuple[SkpResult, Skp, Employee]:
    """A result with its SKP and the SKP's owner, or NOT_FOUND."""
    result = await SkpResult.get_or_none(id=result_id).prefetch_related("skp")
    if result is None:
        raise SkpError(Code.NOT_FOUND, "Hasil kerja tidak ditemukan.", field="resultId")
    employee = await Employee.get(id=result.skp.employee_id)
    return result, result.skp, employee


async def load_indicator(indicator_id: int) -> tuple[SkpIndicator, Skp, Employee]:
    """An indicator with its SKP and the SKP's owner, or NOT_FOUND."""
    indicator = await SkpIndicator.get_or_none(id=indicator_id).prefetch_related("result__skp")
    if indicator is None:
        raise SkpError(Code.NOT_FOUND, "Indikator tidak ditemukan.", field="indicatorId")
    skp = indicator.result.skp
    return indicator, skp, await Employee.get(id=skp.employee_id)


async def load_action_plan(action_plan_id: int) -> tuple[SkpActionPlan, Skp, Employee]:
    """An action plan with its SKP and the SKP's owner, or NOT_FOUND."""
    plan = await SkpActionPlan.get_or_none(id=action_plan_id).prefetch_related("result__skp")
    if plan is None:
        raise SkpError(Code.NOT_FOUND, "Rencana aksi tidak ditemukan.", field="actionPlanId")
    skp = plan.result.skp
    return plan, skp, await Employee.get(id=skp.employee_id)


async def load_skp(skp_id: int) -> tuple[Skp, Employee]:
    """An SKP with its owner, or NOT_FOUND."""
    skp = await Skp.get_or_none(id=skp_id)
    if skp is None:
        raise SkpError(Code.NOT_FOUND, "SKP tidak ditemukan.", field="skpId")
    return skp, await Employee.get(id=skp.employee_id)


async def tell_employee(role: Role, employee: Employee, skp: Skp, title: str, body: str) -> None:
    """A supervisor's change reaches the employee's notifications; their own changes do not."""
    if role == "supervisor":
        await notify(
            recipient_ids=[employee.id],
            kind="skp.changed",
            title=title,
            body=body,
            refs={"skp": skp.id},
        )


def quoted(value: Any) -> str:
    return "–" if value in (None, "") else f"“{value}”"


def change_note(subject: str, labels: dict[str, str], before: dict, after: dict) -> str:
    """``subject: label “old” → “new”; ...`` for each changed field, for the history people read."""
    changes = [
        f"{label} {quoted(before[name])} → {quoted(after[name])}"
        for name, label in labels.items()
        if before[name] != after[name]
    ]
    return f"{subject}: " + "; ".join(changes)
