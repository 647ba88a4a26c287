"""Positions (jabatan): create, change (ABK inputs too) and close. Supervision follows the tree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from portal import events
from portal.audit.service import record
from portal.audit.snapshot import jsonable, snapshot
from portal.events import Event
from portal.people.changes import (
    POSITION_FIELDS,
    UNCHANGED,
    given,
    not_found,
    required_text,
    today,
)
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import DEFAULT_EFFECTIVE_MINUTES, Employee, Position, PositionWorkload
from portal.people.ranks import PositionKind, PositionLevel
from portal.people.service import line_position_ids
from portal.people.units import clean_code, lock_tree, open_unit_or_raise

POSITION_CHANGED = "position.changed"
MINUTES_PER_YEAR = 366 * 24 * 60


@dataclass(frozen=True, slots=True)
class WorkloadSpec:
    """One ABK activity as given by HR."""

    activity: str
    yearly_volume: Decimal
    standard_minutes: Decimal
    output_unit: str = "dokumen"


def check_level(level: PositionLevel, kind: PositionKind | None) -> PositionKind:
    """The kind the level belongs to; a given kind must agree with it."""
    if kind is not None and kind != level.kind:
        raise PeopleError(
            PeopleErrorCode.LEVEL_KIND_MISMATCH,
            f"Jenjang {level.value} termasuk jabatan {level.kind.value}, bukan {kind.value}.",
            field="kind",
        )
    return level.kind


def check_grade_class(value: int, *, field: str = "grade_class") -> int:
    """Kelas jabatan 1-17, or INVALID_GRADE_CLASS."""
    if not 1 <= value <= 17:
        raise PeopleError(
            PeopleErrorCode.INVALID_GRADE_CLASS, "Kelas jabatan harus 1 sampai 17.", field=field
        )
    return value


def check_effective_minutes(value: int, *, field: str = "effective_minutes") -> int:
    """Effective working minutes per year: more than 0, at most a year."""
    if not 0 < value <= MINUTES_PER_YEAR:
        raise PeopleError(
            PeopleErrorCode.INVALID_VALUE,
            "Waktu kerja efektif (menit per tahun) harus lebih dari 0 dan masuk akal.",
            field=field,
        )
    return value


def check_workloads(specs: Sequence[WorkloadSpec]) -> list[WorkloadSpec]:
    """Clean ABK activities; errors name the item, e.g. ``workloads[2].standard_minutes``."""
    cleaned = []
    for i, spec in enumerate(specs):
        at = f"workloads[{i}]"
        activity = required_text(
            spec.activity, field=f"{at}.activity", max_length=255, label="Uraian kegiatan"
        )
        output_unit = required_text(
            spec.output_unit, field=f"{at}.output_unit", max_length=60, label="Satuan hasil"
        )
        volume, minutes = spec.yearly_volume, spec.standard_minutes
        if not (volume.is_finite() and Decimal(0) <= volume < Decimal(10) ** 10):
            raise PeopleError(
                PeopleErrorCode.INVALID_VALUE,
                "Volume per tahun tidak boleh negatif.",
                field=f"{at}.yearly_volume",
            )
        if not (minutes.is_finite() and Decimal(0) < minutes < Decimal(10) ** 8):
            raise PeopleError(
                PeopleErrorCode.INVALID_VALUE,
                "Waktu penyelesaian (menit) harus lebih dari 0.",
                field=f"{at}.standard_minutes",
            )
        cleaned.append(
            WorkloadSpec(
                activity,
                spec.yearly_volume.quantize(Decimal("0.01")),
                spec.standard_minutes.quantize(Decimal("0.01")),
                output_unit,
            )
        )
    return cleaned


async def get_position_or_raise(*, position_id: int, field: str = "position_id") -> Position:
    """The position with this id, or NOT_FOUND on ``field``."""
    position = await Position.get_or_none(id=position_id)
    if position is None:
        raise not_found("Jabatan", field)
    return position


async def open_position_or_raise(*, position_id: int, field: str = "position_id") -> Position:
    """An existing position that is not closed."""
    position = await get_position_or_raise(position_id=position_id, field=field)
    if not position.active:
        raise PeopleError(
            PeopleErrorCode.CLOSED, f"Jabatan {position.name} sudah ditutup.", field=field
        )
    return position


async def create_position(
    *,
    code: str,
    name: str,
    level: PositionLevel,
    kind: PositionKind | None = None,
    unit_id: int,
    parent_id: int | None = None,
    grade_class: int,
    effective_minutes: int = DEFAULT_EFFECTIVE_MINUTES,
    workloads: Sequence[WorkloadSpec] = (),
    actor_id: int | None,
) -> Position:
    """Add a position to a unit, under the position that supervises it."""
    code = clean_code(code, max_length=48)
    name = required_text(name, field="name", max_length=200, label="Nama jabatan")
    kind = check_level(level, kind)
    check_grade_class(grade_class)
    check_effective_minutes(effective_minutes)
    specs = check_workloads(workloads)
    async with events.transaction():
        if await Position.exists(code=code):
            raise _duplicate(code)
        await open_unit_or_raise(unit_id=unit_id)
        if parent_id is not None:
            await open_position_or_raise(position_id=parent_id, field="parent_id")
        try:
            position = await Position.create(
                code=code,
                name=name,
                kind=kind,
                level=level,
                unit_id=unit_id,
                parent_id=parent_id,
                grade_class=grade_class,
                effective_minutes=effective_minutes,
            )
        except IntegrityError:
            raise _duplicate(code) from None
        await _replace_workloads(position, specs)
        await _audit("position.create", position, actor_id, before=None, workloads=specs)
    return position


async def update_position(
    *,
    position_id: int,
    name: str = UNCHANGED,
    level: PositionLevel = UNCHANGED,
    kind: PositionKind | None = UNCHANGED,
    unit_id: int = UNCHANGED,
    parent_id: int | None = UNCHANGED,
    grade_class: int = UNCHANGED,
    effective_minutes: int = UNCHANGED,
    workloads: Sequence[WorkloadSpec] = UNCHANGED,
    actor_id: int | None,
) -> Position:
    """Change a position; ``workloads``, when given, replace the ABK activities as a whole."""
    changes: dict[str, object] = {}
    if given(name):
        changes["name"] = required_text(name, field="name", max_length=200, label="Nama jabatan")
    if given(grade_class):
        changes["grade_class"] = check_grade_class(grade_class)
    if given(effective_minutes):
        changes["effective_minutes"] = check_effective_minutes(effective_minutes)
    specs = check_workloads(workloads) if given(workloads) else None
    async with events.transaction():
        if given(parent_id):
            await lock_tree()
        position = await open_position_or_raise(position_id=position_id, field="id")
        if given(level) or given(kind):
            new_level = level if given(level) else PositionLevel(position.level)
            changes["level"] = new_level
            changes["kind"] = check_level(new_level, kind if given(kind) else None)
        if given(unit_id) and unit_id != position.unit_id:
            await open_unit_or_raise(unit_id=unit_id)
            changes["unit_id"] = unit_id
        if given(parent_id) and parent_id != position.parent_id:
            if parent_id is not None:
                await _check_parent(position, parent_id)
            changes["parent_id"] = parent_id
        old_workloads = await _workloads(position)
        before = snapshot(position, POSITION_FIELDS) | {"workloads": _spec_json(old_workloads)}
        changes = {k: v for k, v in changes.items() if getattr(position, k) != v}
        replace = specs is not None and specs != old_workloads
        if not changes and not replace:
            return position
        for key, value in changes.items():
            setattr(position, key, value)
        if changes:
            await position.save(update_fields=list(changes))
        if replace:
            await _replace_workloads(position, specs or [])
        final = (specs if replace else old_workloads) or []
        await _audit("position.update", position, actor_id, before=before, workloads=final)
        if "parent_id" in changes:
            # Its holders, and those of the positions right below it (whose second-level
            # approver it was), now have another line: their pending requests follow it.
            from portal.training.enrollment import reroute_pending

            below = await Position.filter(parent_id=position.id).values_list("id", flat=True)
            holders = await Employee.filter(
                position_id__in=[position.id, *below], active=True
            ).values_list("id", flat=True)
            await reroute_pending(employee_ids=list(holders))
    return position


async def close_position(
    *, position_id: int, closed_on: dt.date | None = None, actor_id: int | None
) -> Position:
    """Close a position nobody holds and nothing reports to."""
    closed_on = closed_on or today()
    if closed_on > today():
        raise PeopleError(
            PeopleErrorCode.INVALID_DATE,
            "Tanggal penutupan tidak boleh di masa depan.",
            field="closed_on",
        )
    async with events.transaction():
        position = await open_position_or_raise(position_id=position_id, field="id")
        if await Employee.exists(position_id=position.id, active=True):
            raise PeopleError(
                PeopleErrorCode.HAS_ACTIVE_EMPLOYEES,
                "Jabatan masih dipangku pegawai aktif; mutasikan mereka dahulu.",
            )
        if await Position.exists(parent_id=position.id, active=True):
            raise PeopleError(
                PeopleErrorCode.HAS_ACTIVE_CHILDREN,
                "Masih ada jabatan aktif di bawah jabatan ini; pindahkan atau tutup dahulu.",
            )
        workloads = await _workloads(position)
        before = snapshot(position, POSITION_FIELDS) | {"workloads": _spec_json(workloads)}
        position.active, position.closed_on = False, closed_on
        await position.save(update_fields=["active", "closed_on"])
        await _audit("position.close", position, actor_id, before=before, workloads=workloads)
    return position


async def _check_parent(position: Position, parent_id: int) -> None:
    await open_position_or_raise(position_id=parent_id, field="parent_id")
    _, below = await line_position_ids(root_position_ids=[position.id])
    if parent_id == position.id or parent_id in below:
        raise PeopleError(
            PeopleErrorCode.CYCLE,
            "Atasan jabatan tidak boleh jabatan itu sendiri atau jabatan di bawahnya.",
            field="parent_id",
        )


async def _workloads(position: Position) -> list[WorkloadSpec]:
    rows = await PositionWorkload.filter(position_id=position.id).order_by("id")
    return [
        WorkloadSpec(r.activity, r.yearly_volume, r.standard_minutes, r.output_unit) for r in rows
    ]


async def _replace_workloads(position: Position, specs: Sequence[WorkloadSpec]) -> None:
    await PositionWorkload.filter(position_id=position.id).delete()
    if specs:
        await PositionWorkload.bulk_create(
            [
                PositionWorkload(
                    position_id=position.id,
                    activity=s.activity,
                    output_unit=s.output_unit,
                    yearly_volume=s.yearly_volume,
                    standard_minutes=s.standard_minutes,
                )
                for s in specs
            ]
        )


def _spec_json(specs: Sequence[WorkloadSpec]) -> list[dict[str, object]]:
    return [
        jsonable(
            {
                "activity": s.activity,
                "output_unit": s.output_unit,
                "yearly_volume": s.yearly_volume,
                "standard_minutes": s.standard_minutes,
            }
        )
        for s in specs
    ]


async def _audit(
    action: str,
    position: Position,
    actor_id: int | None,
    *,
    before: dict[str, object] | None,
    workloads: Sequence[WorkloadSpec],
) -> None:
    after = snapshot(position, POSITION_FIELDS) | {"workloads": _spec_json(workloads)}
    await record(
        action=action,
        actor_id=actor_id,
        object_type="Position",
        object_id=position.id,
        before=before,
        after=after,
    )
    events.emit(Event(POSITION_CHANGED, {"position": position.id}))


def _duplicate(code: str) -> PeopleError:
    return PeopleError(PeopleErrorCode.DUPLICATE_CODE, f"Kode {code} sudah dipakai.", field="code")
