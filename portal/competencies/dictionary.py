"""The competency dictionary (PermenPANRB 38/2017) and the levels each position requires."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from portal import events
from portal.audit.service import record
from portal.audit.snapshot import snapshot
from portal.competencies.errors import CompetencyError, CompetencyErrorCode
from portal.competencies.models import (
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    PositionRequirement,
)
from portal.events import Event
from portal.people.changes import UNCHANGED, given
from portal.people.models import OrgUnit, Position

REQUIREMENTS_CHANGED = "requirements.changed"
COMPETENCY_FIELDS = ("code", "name", "group", "description", "unit_id", "active")
MAX_REQUIREMENTS = 100


@dataclass(frozen=True, slots=True)
class LevelSpec:
    """What one level (1-5) of a competency means, with its behaviour indicators."""

    level: int
    description: str
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RequirementSpec:
    """A position requires ``level`` in a competency."""

    competency_id: int
    level: int


def invalid(message: str, field: str | None) -> CompetencyError:
    """An INVALID_VALUE error on ``field``."""
    return CompetencyError(CompetencyErrorCode.INVALID_VALUE, message, field=field)


def text(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """Whitespace-normalised text within ``max_length``; required text may not be empty."""
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise invalid(f"{label} wajib diisi.", field)
    if len(cleaned) > max_length:
        raise invalid(f"{label} paling panjang {max_length} karakter.", field)
    return cleaned


def check_level(level: int, *, field: str = "level") -> int:
    """A competency level 1-5, or INVALID_LEVEL on ``field``."""
    if not 1 <= level <= 5:
        raise CompetencyError(
            CompetencyErrorCode.INVALID_LEVEL, "Level kompetensi harus 1 sampai 5.", field=field
        )
    return level


def check_levels(specs: Sequence[LevelSpec]) -> list[LevelSpec]:
    """Distinct levels 1-5, each described; errors name the item, e.g. ``levels[2].level``."""
    seen: set[int] = set()
    cleaned = []
    for i, spec in enumerate(specs):
        check_level(spec.level, field=f"levels[{i}].level")
        if spec.level in seen:
            raise CompetencyError(
                CompetencyErrorCode.INVALID_LEVEL,
                f"Level {spec.level} disebut lebih dari sekali.",
                field=f"levels[{i}].level",
            )
        seen.add(spec.level)
        description = text(
            spec.description,
            field=f"levels[{i}].description",
            label="Uraian level",
            max_length=2000,
        )
        indicators = tuple(
            text(t, field=f"levels[{i}].indicators[{j}]", label="Indikator", max_length=1000)
            for j, t in enumerate(spec.indicators)
        )
        cleaned.append(LevelSpec(spec.level, description, indicators))
    return sorted(cleaned, key=lambda s: s.level)


async def get_competency_or_raise(*, competency_id: int, field: str = "id") -> Competency:
    """The competency with this id, or NOT_FOUND on ``field``."""
    competency = await Competency.get_or_none(id=competency_id)
    if competency is None:
        raise CompetencyError(
            CompetencyErrorCode.NOT_FOUND, "Kompetensi tidak ditemukan.", field=field
        )
    return competency


async def create_competency(
    *,
    code: str,
    name: str,
    group: CompetencyGroup,
    description: str = "",
    unit_id: int | None = None,
    levels: Sequence[LevelSpec] = (),
    actor_id: int | None,
) -> Competency:
    """Add a competency to the dictionary; technical ones may belong to a unit (agency)."""
    code = _code(code)
    name = text(name, field="name", label="Nama kompetensi", max_length=200)
    description = text(
        description, field="description", label="Uraian", max_length=4000, required=False
    )
    specs = check_levels(levels)
    async with events.transaction():
        if await Competency.exists(code=code):
            raise _duplicate(code)
        await _check_unit(group, unit_id)
        try:
            competency = await Competency.create(
                code=code, name=name, group=group, description=description, unit_id=unit_id
            )
        except IntegrityError:
            raise _duplicate(code) from None
        await replace_levels(competency, specs)
        await _audit("competency.create", competency, actor_id, before=None, levels=specs)
    return competency


async def update_competency(
    *,
    competency_id: int,
    code: str = UNCHANGED,
    name: str = UNCHANGED,
    group: CompetencyGroup = UNCHANGED,
    description: str = UNCHANGED,
    unit_id: int | None = UNCHANGED,
    active: bool = UNCHANGED,
    levels: Sequence[LevelSpec] = UNCHANGED,
    actor_id: int | None,
) -> Competency:
    """Change a competency; ``levels``, when given, replace the descriptors as a whole."""
    changes: dict[str, object] = {}
    if given(code):
        changes["code"] = _code(code)
    if given(name):
        changes["name"] = text(name, field="name", label="Nama kompetensi", max_length=200)
    if given(description):
        changes["description"] = text(
            description, field="description", label="Uraian", max_length=4000, required=False
        )
    for key, value in (("group", group), ("unit_id", unit_id), ("active", active)):
        if given(value):
            changes[key] = value
    specs = check_levels(levels) if given(levels) else None
    async with events.transaction():
        competency = await get_competency_or_raise(competency_id=competency_id)
        changes = {k: v for k, v in changes.items() if getattr(competency, k) != v}
        if "code" in changes and await Competency.exists(code=changes["code"]):
            raise _duplicate(str(changes["code"]))
        if "group" in changes or "unit_id" in changes:
            await _check_unit(
                CompetencyGroup(changes.get("group", competency.group)),
                changes.get("unit_id", competency.unit_id),  # type: ignore[arg-type]
            )
        old_levels = await levels_of(competency)
        replace = specs is not None and specs != old_levels
        if not changes and not replace:
            return competency
        before = snapshot(competency, COMPETENCY_FIELDS) | {"levels": _levels_json(old_levels)}
        for key, value in changes.items():
            setattr(competency, key, value)
        if changes:
            try:
                await competency.save(update_fields=list(changes))
            except IntegrityError:
                raise _duplicate(competency.code) from None
        if replace:
            await replace_levels(competency, specs or [])
        final = specs if replace else old_levels
        await _audit("competency.update", competency, actor_id, before=before, levels=final or [])
    return competency


async def set_position_requirements(
    *, position_id: int, requirements: Sequence[RequirementSpec], actor_id: int | None
) -> Position:
    """Replace the levels a position requires, as a whole."""
    if len(requirements) > MAX_REQUIREMENTS:
        raise CompetencyError(
            CompetencyErrorCode.TOO_MANY,
            f"Paling banyak {MAX_REQUIREMENTS} kompetensi per jabatan.",
            field="requirements",
        )
    seen: set[int] = set()
    for i, req in enumerate(requirements):
        check_level(req.level, field=f"requirements[{i}].level")
        if req.competency_id in seen:
            raise CompetencyError(
                CompetencyErrorCode.DUPLICATE_COMPETENCY,
                "Kompetensi yang sama disebut lebih dari sekali.",
                field=f"requirements[{i}].competency_id",
            )
        seen.add(req.competency_id)
    async with events.transaction():
        position = await Position.get_or_none(id=position_id)
        if position is None:
            raise CompetencyError(
                CompetencyErrorCode.NOT_FOUND, "Jabatan tidak ditemukan.", field="position_id"
            )
        found = {c.id: c for c in await Competency.filter(id__in=seen)}
        units = {u.id: u for u in await OrgUnit.filter(id__in=_unit_ids(found, position))}
        for i, req in enumerate(requirements):
            _check_requirement(found.get(req.competency_id), position, units, i)
        old = await PositionRequirement.filter(position_id=position.id).order_by("competency_id")
        before = [{"competency_id": r.competency_id, "level": r.level} for r in old]
        after = sorted(
            ({"competency_id": r.competency_id, "level": r.level} for r in requirements),
            key=lambda r: r["competency_id"],
        )
        if before == after:
            return position
        await PositionRequirement.filter(position_id=position.id).delete()
        await PositionRequirement.bulk_create(
            [
                PositionRequirement(
                    position_id=position.id, competency_id=r.competency_id, level=r.level
                )
                for r in requirements
            ]
        )
        await record(
            action="position.requirements",
            actor_id=actor_id,
            object_type="Position",
            object_id=position.id,
            before={"requirements": before},
            after={"requirements": after},
        )
        events.emit(Event(REQUIREMENTS_CHANGED, {"position": position.id}))
    return position


async def levels_of(competency: Competency) -> list[LevelSpec]:
    """The stored level descriptors of a competency, level 1 first."""
    rows = await CompetencyLevel.filter(competency_id=competency.id).order_by("level")
    return [LevelSpec(r.level, r.description, tuple(r.indicators or ())) for r in rows]


async def replace_levels(competency: Competency, specs: Sequence[LevelSpec]) -> None:
    """Replace the level descriptors of a competency as a whole."""
    await CompetencyLevel.filter(competency_id=competency.id).delete()
    if specs:
        await CompetencyLevel.bulk_create(
            [
                CompetencyLevel(
                    competency_id=competency.id,
                    level=s.level,
                    description=s.description,
                    indicators=list(s.indicators),
                )
                for s in specs
            ]
        )


def _check_requirement(
    competency: Competency | None, position: Position, units: dict[int, OrgUnit], i: int
) -> None:
    field = f"requirements[{i}].competency_id"
    if competency is None:
        raise CompetencyError(
            CompetencyErrorCode.NOT_FOUND, "Kompetensi tidak ditemukan.", field=field
        )
    if not competency.active:
        raise CompetencyError(
            CompetencyErrorCode.INACTIVE, f"Kompetensi {competency.code} tidak aktif.", field=field
        )
    if competency.unit_id is not None:
        owner, here = units.get(competency.unit_id), units.get(position.unit_id)
        if owner is None or here is None or not here.path.startswith(owner.path):
            raise CompetencyError(
                CompetencyErrorCode.WRONG_UNIT,
                f"Kompetensi teknis {competency.code} milik {owner.name if owner else 'unit lain'};"
                " jabatan ini berada di luar unit tersebut.",
                field=field,
            )


def _unit_ids(found: dict[int, Competency], position: Position) -> set[int]:
    return {c.unit_id for c in found.values() if c.unit_id is not None} | {position.unit_id}


async def _check_unit(group: CompetencyGroup, unit_id: int | None) -> None:
    if unit_id is None:
        return
    if group is not CompetencyGroup.TEKNIS:
        raise CompetencyError(
            CompetencyErrorCode.UNIT_NOT_ALLOWED,
            "Hanya kompetensi teknis yang dapat dikaitkan dengan unit.",
            field="unit_id",
        )
    if not await OrgUnit.exists(id=unit_id):
        raise CompetencyError(
            CompetencyErrorCode.NOT_FOUND, "Unit tidak ditemukan.", field="unit_id"
        )


def _code(value: str) -> str:
    code = value.strip()
    if not code or len(code) > 32 or any(c.isspace() for c in code):
        raise invalid("Kode wajib diisi, tanpa spasi, paling panjang 32 karakter.", "code")
    return code


def _duplicate(code: str) -> CompetencyError:
    return CompetencyError(
        CompetencyErrorCode.DUPLICATE_CODE, f"Kode {code} sudah dipakai.", field="code"
    )


def _levels_json(specs: Sequence[LevelSpec]) -> list[dict[str, object]]:
    return [
        {"level": s.level, "description": s.description, "indicators": list(s.indicators)}
        for s in specs
    ]


async def _audit(
    action: str,
    competency: Competency,
    actor_id: int | None,
    *,
    before: dict[str, object] | None,
    levels: Sequence[LevelSpec],
) -> None:
    after = snapshot(competency, COMPETENCY_FIELDS) | {"levels": _levels_json(levels)}
    await record(
        action=action,
        actor_id=actor_id,
        object_type="Competency",
        object_id=competency.id,
        before=before,
        after=after,
    )
