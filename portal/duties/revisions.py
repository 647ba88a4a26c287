"""Changing a written SKP: edit or remove results (RHK) and indicators, reopen an agreed plan.

The SKP moves DRAFT -> AGREED -> EVALUATED; ``reopen_skp`` adds the one move back, AGREED ->
DRAFT, made by the direct supervisor with a reason. Edits and removals happen only in a draft:

- the employee changes their own draft, except the text, kind and cascade of results the
  supervisor assigned (those stay the supervisor's words). Indicators of any result in the draft
  are the employee's to fix as well: targets are settled in the dialogue that the supervisor's
  agreement closes, and every change shows in the history the supervisor reads before agreeing;
- the supervisor changes anything in the draft;
- an agreed plan changes only after the supervisor reopens it, and is agreed again afterwards
  (meanwhile nothing is reported or rated: both need an agreed plan); an evaluated plan never
  changes. The supervisor may still *add* results and indicators to an agreed plan, as before:
  that assigns new work without undoing what was agreed.

Action plans, which follow other rules, are in :mod:`portal.duties.action_plans`.

Removal keeps the record whole: a result that other SKPs are cascaded from, or a result or an
indicator with reported realisations, is refused instead of taking what hangs on it along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal.audit.snapshot import snapshot
from portal.duties.errors import SkpError
from portal.duties.errors import SkpErrorCode as Code
from portal.duties.models import (
    IndicatorAspect,
    ResultKind,
    Skp,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
    SkpStatus,
)
from portal.duties.progress_models import SkpActionPlan
from portal.duties.rules import (
    INDICATOR_FIELDS,
    MAX_TARGET_TEXT,
    MAX_UNIT,
    RESULT_FIELDS,
    Role,
    change_note,
    check_target,
    clean_text,
    load_indicator,
    load_result,
    load_skp,
    log_history,
    parse_decimal,
    quoted,
    role_in,
    skp_changed,
    supervisor_results,
    tell_employee,
)
from portal.events import emit, transaction
from portal.notifications.service import notify
from portal.people.changes import UNCHANGED, given

if TYPE_CHECKING:
    from portal.auth.principal import Principal

KIND_LABELS = {ResultKind.UTAMA: "utama", ResultKind.TAMBAHAN: "tambahan"}
ASPECT_LABELS = {
    IndicatorAspect.QUANTITY: "kuantitas",
    IndicatorAspect.QUALITY: "kualitas",
    IndicatorAspect.TIME: "waktu",
    IndicatorAspect.QUALITATIVE: "kualitatif",
}


def _check_draft(skp: Skp, field: str) -> None:
    """Refuse a change to an agreed or evaluated plan (the message says what would allow it)."""
    if skp.status == SkpStatus.EVALUATED:
        raise SkpError(
            Code.INVALID_STATE, "SKP sudah dinilai dan tidak dapat diubah lagi.", field=field
        )
    if skp.status == SkpStatus.AGREED:
        raise SkpError(
            Code.INVALID_STATE,
            "SKP sudah disepakati; atasan perlu membukanya kembali sebelum diubah.",
            field=field,
        )


async def _hold_draft(skp: Skp, field: str) -> None:
    """Inside the change's transaction: the SKP is still a draft, and stays one until commit.

    The conditional no-op UPDATE takes the SKP's row lock on PostgreSQL: an agreement or another
    change running at the same time either went first (this one then reads its outcome, or is
    refused if the plan was agreed) or waits for this one. SQLite serialises writers anyway. What
    a change pictures as "before" is therefore read after this call.
    """
    if not await Skp.filter(id=skp.id, status=SkpStatus.DRAFT).update(status=SkpStatus.DRAFT):
        raise SkpError(
            Code.INVALID_STATE, "SKP baru saja disepakati; muat ulang halaman.", field=field
        )


def _check_author(role: Role, result: SkpResult) -> None:
    """The employee may not rewrite or drop what the supervisor assigned."""
    if role == "self" and result.assigned_by_id is not None:
        raise SkpError(
            Code.NOT_ALLOWED,
            "Hasil kerja ini ditetapkan atasan; hanya atasan yang dapat mengubahnya.",
            field="resultId",
        )


async def _fresh_result(result_id: int) -> SkpResult:
    result = await SkpResult.get_or_none(id=result_id)
    if result is None:  # removed while this change waited for the SKP
        raise SkpError(Code.NOT_FOUND, "Hasil kerja tidak ditemukan.", field="resultId")
    return result


async def _fresh_indicator(indicator_id: int) -> SkpIndicator:
    indicator = await SkpIndicator.get_or_none(id=indicator_id)
    if indicator is None:  # removed while this change waited for the SKP
        raise SkpError(Code.NOT_FOUND, "Indikator tidak ditemukan.", field="indicatorId")
    return indicator


def _result_words(picture: dict[str, Any], parents: dict[int, str]) -> dict[str, Any]:
    """A result as its history note shows it: text, kind, and the result it is cascaded from."""
    return {
        "description": picture["description"],
        "kind": KIND_LABELS[ResultKind(picture["kind"])],
        "parent": parents.get(picture["parent_id"]),
    }


def _indicator_words(picture: dict[str, Any]) -> dict[str, Any]:
    return picture | {"aspect": ASPECT_LABELS[IndicatorAspect(picture["aspect"])]}


async def edit_result(
    *,
    principal: Principal,
    result_id: int,
    description: Any = UNCHANGED,
    kind: Any = UNCHANGED,
    parent_result_id: Any = UNCHANGED,
) -> SkpResult:
    """Change a draft result's text, kind or cascade parent; arguments left out stay as they are.

    ``parent_result_id=None`` cuts the cascade (refused for a main result while the supervisor has
    results that year). An edit that changes nothing records nothing.
    """
    result, skp, employee = await load_result(result_id)
    role = await role_in(principal, employee)
    _check_author(role, result)
    _check_draft(skp, "resultId")
    if given(description):
        description = clean_text(description, "description")
    parents = {p.id: p.description for p in await supervisor_results(employee, skp.year)}
    if given(parent_result_id) and parent_result_id is not None and parent_result_id not in parents:
        raise SkpError(
            Code.INVALID_PARENT,
            "Hasil kerja atasan tidak ditemukan untuk tahun ini.",
            field="parentResultId",
        )
    async with transaction():
        await _hold_draft(skp, "resultId")
        result = await _fresh_result(result.id)
        before = snapshot(result, RESULT_FIELDS)
        if given(description):
            result.description = description
        if given(kind):
            result.kind = kind
        if given(parent_result_id):
            result.parent_id = parent_result_id
        # Only a change of kind or cascade answers to the cascade rule: fixing a typo in an older
        # result must not wait until its cascade is sorted out.
        recascaded = given(kind) or given(parent_result_id)
        if recascaded and result.kind == ResultKind.UTAMA and result.parent_id is None and parents:
            raise SkpError(
                Code.CASCADE_REQUIRED,
                "Hasil kerja utama harus diturunkan dari hasil kerja atasan.",
                field="parentResultId",
            )
        after = snapshot(result, RESULT_FIELDS)
        if after == before:
            return result
        if before["parent_id"] is not None and before["parent_id"] not in parents:
            # Cascaded from a result that is no longer the current supervisor's (a transfer).
            old = await SkpResult.get_or_none(id=before["parent_id"])
            parents[before["parent_id"]] = old.description if old else ""
        note = change_note(
            f"Hasil kerja {quoted(before['description'])}",
            {"description": "uraian", "kind": "jenis", "parent": "diturunkan dari"},
            _result_words(before, parents),
            _result_words(after, parents),
        )
        await SkpResult.filter(id=result.id).update(
            description=result.description, kind=result.kind, parent_id=result.parent_id
        )
        await log_history(
            skp, "RESULT_EDITED", principal.employee_id, note, before=before, after=after
        )
        await tell_employee(role, employee, skp, "Atasan mengubah hasil kerja SKP Anda", note)
        emit(skp_changed(skp, employee))
    return result


async def remove_result(*, principal: Principal, result_id: int) -> Skp:
    """Remove a draft result with its indicators and action plans (all pictured in the audit)."""
    result, skp, employee = await load_result(result_id)
    role = await role_in(principal, employee)
    _check_author(role, result)
    _check_draft(skp, "resultId")
    async with transaction():
        await _hold_draft(skp, "resultId")
        result = await _fresh_result(result.id)
        cascaded = await SkpResult.filter(parent_id=result.id).count()
        if cascaded:
            raise SkpError(
                Code.HAS_CASCADED_RESULTS,
                f"Hasil kerja ini menjadi acuan {cascaded} hasil kerja bawahan; "
                "ubah atau hapus dulu hasil kerja tersebut.",
                field="resultId",
            )
        if await SkpRealisation.filter(indicator__result_id=result.id).exists():
            raise SkpError(
                Code.HAS_REALISATIONS,
                "Realisasi sudah dilaporkan untuk hasil kerja ini; hasil kerja dapat diubah, "
                "tetapi tidak dihapus.",
                field="resultId",
            )
        indicators = await SkpIndicator.filter(result_id=result.id).order_by("id")
        plans = await SkpActionPlan.filter(result_id=result.id).order_by("period", "id")
        before = snapshot(result, RESULT_FIELDS) | {
            "indicators": [snapshot(i, INDICATOR_FIELDS) for i in indicators],
            "action_plans": [{"period": a.period, "description": a.description} for a in plans],
        }
        await result.delete()  # its indicators and action plans go with it (ON DELETE CASCADE)
        note = f"Hasil kerja {quoted(result.description)}"
        await log_history(skp, "RESULT_REMOVED", principal.employee_id, note, before=before)
        await tell_employee(role, employee, skp, "Atasan menghapus hasil kerja SKP Anda", note)
        emit(skp_changed(skp, employee))
    return skp


async def edit_indicator(
    *,
    principal: Principal,
    indicator_id: int,
    aspect: Any = UNCHANGED,
    description: Any = UNCHANGED,
    target_value: Any = UNCHANGED,
    target_text: Any = UNCHANGED,
    unit_label: Any = UNCHANGED,
) -> SkpIndicator:
    """Change a draft indicator's aspect, text or target; arguments left out stay as they are.

    ``target_value=None`` clears the numeric target, which only a qualitative indicator may lack.
    An edit that changes nothing records nothing.
    """
    indicator, skp, employee = await load_indicator(indicator_id)
    role = await role_in(principal, employee)
    _check_draft(skp, "indicatorId")
    changes: dict[str, Any] = {}
    if given(aspect):
        changes["aspect"] = aspect
    if given(description):
        changes["description"] = clean_text(description, "description")
    if given(target_value):
        changes["target_value"] = parse_decimal(target_value, "targetValue")
    if given(target_text):
        changes["target_text"] = clean_text(
            target_text, "targetText", required=False, limit=MAX_TARGET_TEXT
        )
    if given(unit_label):
        changes["unit_label"] = clean_text(unit_label, "unitLabel", required=False, limit=MAX_UNIT)
    async with transaction():
        await _hold_draft(skp, "indicatorId")
        indicator = await _fresh_indicator(indicator.id)
        before = snapshot(indicator, INDICATOR_FIELDS)
        indicator.update_from_dict(changes)
        check_target(
            IndicatorAspect(indicator.aspect), indicator.target_value, indicator.target_text
        )
        after = snapshot(indicator, INDICATOR_FIELDS)
        if after == before:
            return indicator
        note = change_note(
            f"Indikator {quoted(before['description'])}",
            {
                "aspect": "aspek",
                "description": "uraian",
                "target_value": "target",
                "target_text": "target uraian",
                "unit_label": "satuan",
            },
            _indicator_words(before),
            _indicator_words(after),
        )
        await SkpIndicator.filter(id=indicator.id).update(**changes)
        await log_history(
            skp, "INDICATOR_EDITED", principal.employee_id, note, before=before, after=after
        )
        await tell_employee(role, employee, skp, "Atasan mengubah indikator SKP Anda", note)
        emit(skp_changed(skp, employee))
    return indicator


async def remove_indicator(*, principal: Principal, indicator_id: int) -> Skp:
    """Remove a draft indicator that has no reported realisation."""
    indicator, skp, employee = await load_indicator(indicator_id)
    role = await role_in(principal, employee)
    _check_draft(skp, "indicatorId")
    async with transaction():
        await _hold_draft(skp, "indicatorId")
        indicator = await _fresh_indicator(indicator.id)
        if await SkpRealisation.filter(indicator_id=indicator.id).exists():
            raise SkpError(
                Code.HAS_REALISATIONS,
                "Realisasi sudah dilaporkan untuk indikator ini; indikator dapat diubah, "
                "tetapi tidak dihapus.",
                field="indicatorId",
            )
        before = snapshot(indicator, INDICATOR_FIELDS)
        await indicator.delete()
        note = f"Indikator {quoted(indicator.description)}"
        await log_history(skp, "INDICATOR_REMOVED", principal.employee_id, note, before=before)
        await tell_employee(role, employee, skp, "Atasan menghapus indikator SKP Anda", note)
        emit(skp_changed(skp, employee))
    return skp


async def reopen_skp(*, principal: Principal, skp_id: int, note: str) -> Skp:
    """The supervisor returns an agreed plan to draft so that it can be changed, saying why."""
    note = clean_text(note, "note")
    skp, employee = await load_skp(skp_id)
    if await role_in(principal, employee) != "supervisor":
        raise SkpError(
            Code.NOT_ALLOWED, "Hanya atasan langsung yang membuka kembali SKP.", field="skpId"
        )
    if skp.status == SkpStatus.EVALUATED:
        raise SkpError(
            Code.INVALID_STATE, "SKP sudah dinilai dan tidak dapat dibuka kembali.", field="skpId"
        )
    if skp.status != SkpStatus.AGREED:
        raise SkpError(Code.INVALID_STATE, "SKP ini masih rancangan.", field="skpId")
    async with transaction():
        changed = await Skp.filter(id=skp.id, status=SkpStatus.AGREED).update(
            status=SkpStatus.DRAFT, agreed_at=None
        )
        if not changed:
            raise SkpError(Code.INVALID_STATE, "Status SKP ini baru saja berubah.", field="skpId")
        skp.status = SkpStatus.DRAFT
        skp.agreed_at = None
        await log_history(
            skp,
            "REOPENED",
            principal.employee_id,
            note,
            before={"status": "AGREED"},
            after={"status": "DRAFT", "note": note},
        )
        await notify(
            recipient_ids=[employee.id],
            kind="skp.reopened",
            title="Atasan membuka kembali SKP Anda untuk diubah",
            body=note,
            refs={"skp": skp.id},
        )
        emit(skp_changed(skp, employee))
    return skp
