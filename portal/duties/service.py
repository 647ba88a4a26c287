"""The SKP workflow (PermenPANRB 6/2022): plan, cascade, agree, report, review.

Who may do what: the employee drafts their own plan and reports on it; the direct supervisor (or an
acting Plt/Plh) assigns results, agrees the plan, and reviews; nobody else touches it. Changing
what was written (edit, remove, reopen an agreed plan) is in :mod:`portal.duties.revisions`, action
plans in :mod:`portal.duties.action_plans`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from portal.audit.service import record
from portal.audit.snapshot import snapshot
from portal.duties.errors import SkpError
from portal.duties.errors import SkpErrorCode as Code
from portal.duties.models import (
    IndicatorAspect,
    Rating,
    ResultKind,
    Skp,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
    SkpStatus,
)
from portal.duties.predikat import Predikat, predikat
from portal.duties.progress_models import SkpReview
from portal.duties.rules import (
    MAX_TARGET_TEXT,
    MAX_UNIT,
    REALISATION_FIELDS,
    check_target,
    clean_text,
    load_indicator,
    load_result,
    load_skp,
    log_history,
    parse_decimal,
    role_in,
    skp_changed,
    supervisor_results,
)
from portal.events import Event, emit, transaction
from portal.notifications.service import notify
from portal.people.models import Employee, Position
from portal.people.service import get_supervisor

if TYPE_CHECKING:
    from portal.auth.principal import Principal

JAKARTA = ZoneInfo("Asia/Jakarta")


def today() -> dt.date:
    return dt.datetime.now(JAKARTA).date()


def period_start(year: int, period: int) -> dt.date:
    """First day of quarter ``period`` (1-4)."""
    return dt.date(year, 3 * (period - 1) + 1, 1)


async def get_or_create_skp(*, employee: Employee, year: int) -> Skp:
    """The employee's SKP for the year, created as a draft with today's supervisor as appraiser."""
    skp = await Skp.get_or_none(employee_id=employee.id, year=year)
    if skp is None:
        supervisor = await get_supervisor(employee=employee)
        skp = await Skp.create(
            employee_id=employee.id,
            year=year,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            appraiser_id=supervisor.id if supervisor else None,
        )
    return skp


async def add_result(
    *,
    principal: Principal,
    employee_id: int,
    year: int,
    kind: ResultKind,
    description: str,
    parent_result_id: int | None = None,
) -> SkpResult:
    """Add a work result: drafted by the employee, or assigned by the supervisor (cascaded)."""
    description = clean_text(description, "description")
    if not 2000 <= year <= 2100:
        raise SkpError(Code.INVALID_INPUT, "Tahun tidak valid.", field="year")
    employee = await Employee.get_or_none(id=employee_id, active=True)
    if employee is None:
        raise SkpError(Code.NOT_FOUND, "Pegawai tidak ditemukan.", field="nip")
    role = await role_in(principal, employee)
    parents = await supervisor_results(employee, year)
    if parent_result_id is not None and parent_result_id not in {p.id for p in parents}:
        raise SkpError(
            Code.INVALID_PARENT,
            "Hasil kerja atasan tidak ditemukan untuk tahun ini.",
            field="parentResultId",
        )
    if kind == ResultKind.UTAMA and parents and parent_result_id is None:
        raise SkpError(
            Code.CASCADE_REQUIRED,
            "Hasil kerja utama harus diturunkan dari hasil kerja atasan.",
            field="parentResultId",
        )
    async with transaction():
        skp = await get_or_create_skp(employee=employee, year=year)
        if skp.status == SkpStatus.EVALUATED or (role == "self" and skp.status != SkpStatus.DRAFT):
            raise SkpError(
                Code.INVALID_STATE,
                "SKP sudah disepakati; minta atasan untuk menambah hasil kerja.",
                field="year",
            )
        order = await SkpResult.filter(skp_id=skp.id).count()
        result = await SkpResult.create(
            skp_id=skp.id,
            kind=kind,
            description=description,
            parent_id=parent_result_id,
            assigned_by_id=principal.employee_id if role == "supervisor" else None,
            sort_order=order,
        )
        await log_history(
            skp,
            "RESULT_ASSIGNED" if role == "supervisor" else "RESULT_ADDED",
            principal.employee_id,
            description,
            after={"result": result.id, "kind": kind.value},
        )
        if role == "supervisor":
            await notify(
                recipient_ids=[employee.id],
                kind="skp.assigned",
                title="Hasil kerja baru dari atasan",
                body=description,
                refs={"skp": skp.id, "result": result.id},
            )
        emit(skp_changed(skp, employee))
    return result


async def add_indicator(
    *,
    principal: Principal,
    result_id: int,
    aspect: IndicatorAspect,
    description: str,
    target_value: str | None = None,
    target_text: str = "",
    unit_label: str = "",
) -> SkpIndicator:
    """Add an indicator with its target (numeric, or text for qualitative ones)."""
    description = clean_text(description, "description")
    value = parse_decimal(target_value, "targetValue")
    target_text = clean_text(target_text, "targetText", required=False, limit=MAX_TARGET_TEXT)
    unit_label = clean_text(unit_label, "unitLabel", required=False, limit=MAX_UNIT)
    check_target(aspect, value, target_text)
    result, skp, employee = await load_result(result_id)
    role = await role_in(principal, employee)
    if skp.status == SkpStatus.EVALUATED or (role == "self" and skp.status != SkpStatus.DRAFT):
        raise SkpError(
            Code.INVALID_STATE, "SKP tidak dapat diubah pada tahap ini.", field="resultId"
        )
    async with transaction():
        indicator = await SkpIndicator.create(
            result_id=result.id,
            aspect=aspect,
            description=description,
            target_value=value,
            target_text=target_text,
            unit_label=unit_label,
        )
        await log_history(skp, "INDICATOR_ADDED", principal.employee_id, description)
        emit(skp_changed(skp, employee))
    return indicator


async def agree_skp(*, principal: Principal, skp_id: int, note: str = "") -> Skp:
    """The supervisor agrees the plan: it needs a main result with at least one indicator."""
    note = clean_text(note, "note", required=False)
    skp, employee = await load_skp(skp_id)
    if await role_in(principal, employee) != "supervisor":
        raise SkpError(
            Code.NOT_ALLOWED, "Hanya atasan langsung yang menyepakati SKP.", field="skpId"
        )
    if skp.status != SkpStatus.DRAFT:
        raise SkpError(Code.INVALID_STATE, "SKP ini tidak dalam tahap rancangan.", field="skpId")
    async with transaction():
        changed = await Skp.filter(id=skp.id, status=SkpStatus.DRAFT).update(
            status=SkpStatus.AGREED,
            agreed_at=dt.datetime.now(dt.UTC),
            appraiser_id=principal.employee_id,
        )
        if not changed:
            raise SkpError(Code.INVALID_STATE, "SKP ini sudah disepakati.", field="skpId")
        # Checked after the UPDATE has locked the SKP row: an edit or removal of the draft that
        # committed meanwhile is seen here, so an emptied plan is never agreed (rolled back).
        utama = SkpIndicator.filter(result__skp_id=skp.id, result__kind=ResultKind.UTAMA)
        if not await utama.exists():
            raise SkpError(
                Code.EMPTY_PLAN,
                "SKP belum memiliki hasil kerja utama dengan indikator.",
                field="skpId",
            )
        skp.status = SkpStatus.AGREED
        await log_history(
            skp,
            "AGREED",
            principal.employee_id,
            note,
            before={"status": "DRAFT"},
            after={"status": "AGREED"},
        )
        await notify(
            recipient_ids=[employee.id],
            kind="skp.agreed",
            title="SKP Anda telah disepakati atasan",
            body=note,
            refs={"skp": skp.id},
        )
        emit(skp_changed(skp, employee))
    return skp


async def report_realisation(
    *,
    principal: Principal,
    indicator_id: int,
    period: int,
    value: str | None = None,
    note: str = "",
    evidence_url: str = "",
) -> SkpRealisation:
    """The employee reports what was achieved in a quarter, with evidence.

    A new report replaces an earlier one for the same quarter.
    """
    if not 1 <= period <= 4:
        raise SkpError(Code.INVALID_INPUT, "Periode harus 1-4.", field="period")
    note = clean_text(note, "note", required=False)
    evidence_url = evidence_url.strip()
    if evidence_url and (
        not evidence_url.startswith(("https://", "http://")) or len(evidence_url) > 500
    ):
        raise SkpError(
            Code.INVALID_INPUT, "Tautan bukti harus berupa alamat http(s).", field="evidenceUrl"
        )
    indicator, skp, employee = await load_indicator(indicator_id)
    if principal.employee_id != employee.id:
        raise SkpError(
            Code.NOT_ALLOWED, "Hanya pemilik SKP yang melaporkan realisasi.", field="indicatorId"
        )
    if skp.status != SkpStatus.AGREED:
        raise SkpError(
            Code.INVALID_STATE, "Realisasi dilaporkan setelah SKP disepakati.", field="indicatorId"
        )
    if period_start(skp.year, period) > today():
        raise SkpError(Code.PERIOD_NOT_STARTED, "Periode ini belum dimulai.", field="period")
    number = parse_decimal(value, "value")
    if indicator.aspect != IndicatorAspect.QUALITATIVE and number is None:
        raise SkpError(Code.INVALID_INPUT, "Nilai realisasi wajib diisi.", field="value")
    if indicator.aspect == IndicatorAspect.QUALITATIVE and not note:
        raise SkpError(Code.INVALID_INPUT, "Uraian realisasi wajib diisi.", field="note")
    async with transaction():
        earlier = await SkpRealisation.get_or_none(indicator_id=indicator.id, period=period)
        realisation, _created = await SkpRealisation.update_or_create(
            indicator_id=indicator.id,
            period=period,
            defaults={
                "value": number,
                "note": note,
                "evidence_url": evidence_url,
                "reported_by_id": employee.id,
                "reported_at": dt.datetime.now(dt.UTC),
            },
        )
        heading = f"Triwulan {period}" + (" (laporan ulang)" if earlier else "")
        await log_history(
            skp,
            "REALISATION_REPORTED",
            employee.id,
            f"{heading}: {note}" if note else heading,
            before=snapshot(earlier, REALISATION_FIELDS) if earlier else None,
            after=snapshot(realisation, REALISATION_FIELDS),
        )
        if skp.appraiser_id:
            await notify(
                recipient_ids=[skp.appraiser_id],
                kind="skp.reported",
                title=f"{employee.name} melaporkan realisasi triwulan {period}",
                refs={"skp": skp.id},
            )
        emit(skp_changed(skp, employee))
    return realisation


async def review_skp(
    *,
    principal: Principal,
    skp_id: int,
    period: int,
    result_rating: Rating,
    behaviour_rating: Rating,
    feedback: str = "",
    matrix: dict | None = None,
) -> SkpReview:
    """The supervisor rates results and behaviour, with feedback.

    ``period`` is a quarter (1-4) or the year (0).
    """
    if not 0 <= period <= 4:
        raise SkpError(Code.INVALID_INPUT, "Periode harus 0 (tahunan) atau 1-4.", field="period")
    feedback = clean_text(feedback, "feedback", required=False)
    skp, employee = await load_skp(skp_id)
    if await role_in(principal, employee) != "supervisor":
        raise SkpError(Code.NOT_ALLOWED, "Hanya atasan langsung yang menilai SKP.", field="skpId")
    if skp.status != SkpStatus.AGREED:
        raise SkpError(
            Code.INVALID_STATE, "Penilaian dilakukan atas SKP yang sudah disepakati.", field="skpId"
        )
    if period and period_start(skp.year, period) > today():
        raise SkpError(Code.PERIOD_NOT_STARTED, "Periode ini belum dimulai.", field="period")
    grade: Predikat = predikat(result_rating, behaviour_rating, matrix)
    async with transaction():
        review, _ = await SkpReview.update_or_create(
            skp_id=skp.id,
            period=period,
            defaults={
                "result_rating": result_rating,
                "behaviour_rating": behaviour_rating,
                "predikat": grade.value,
                "feedback": feedback,
                "reviewer_id": principal.employee_id,
            },
        )
        if period == 0:
            await Skp.filter(id=skp.id).update(
                status=SkpStatus.EVALUATED,
                result_rating=result_rating,
                behaviour_rating=behaviour_rating,
            )
            skp.status = SkpStatus.EVALUATED
        await log_history(
            skp,
            "REVIEWED",
            principal.employee_id,
            feedback,
            after={
                "period": period,
                "result": result_rating.value,
                "behaviour": behaviour_rating.value,
                "predikat": grade.value,
            },
        )
        await notify(
            recipient_ids=[employee.id],
            kind="skp.reviewed",
            title=(
                f"Penilaian SKP {'tahunan' if period == 0 else f'triwulan {period}'}: "
                f"{grade.value.replace('_', ' ').title()}"
            ),
            body=feedback,
            refs={"skp": skp.id},
        )
        emit(skp_changed(skp, employee))
    return review


async def set_position_duties(
    *, principal: Principal, position_id: int, duties: list[str]
) -> Position:
    """HR replaces a position's job description (uraian tugas) as a whole."""
    from portal.duties.models import PositionDuty

    if not principal.is_hr:
        raise SkpError(
            Code.NOT_ALLOWED, "Hanya BKPSDM yang mengelola uraian tugas.", field="positionId"
        )
    cleaned = [clean_text(d, f"duties[{i}]") for i, d in enumerate(duties)]
    if len(cleaned) > 50:
        raise SkpError(Code.INVALID_INPUT, "Paling banyak 50 uraian tugas.", field="duties")
    position = await Position.get_or_none(id=position_id)
    if position is None:
        raise SkpError(Code.NOT_FOUND, "Jabatan tidak ditemukan.", field="positionId")
    async with transaction():
        before = list(
            await PositionDuty.filter(position_id=position.id)
            .order_by("sort_order")
            .values_list("description", flat=True)
        )
        await PositionDuty.filter(position_id=position.id).delete()
        await PositionDuty.bulk_create(
            [
                PositionDuty(position_id=position.id, description=d, sort_order=i)
                for i, d in enumerate(cleaned)
            ]
        )
        await record(
            action="position.duties_set",
            actor_id=principal.employee_id,
            object_type="Position",
            object_id=position.id,
            before={"duties": before},
            after={"duties": cleaned},
        )
        holders = list(
            await Employee.filter(position_id=position.id, active=True).values_list("id", flat=True)
        )
        for holder in holders:
            emit(Event("skp.changed", {"employee": holder, "skp": 0, "position": position.id}))
        await notify(
            recipient_ids=holders,
            kind="duties.changed",
            title="Uraian tugas jabatan Anda diperbarui",
            refs={"position": position.id},
        )
    return position
