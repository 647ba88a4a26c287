"""The org chart's units: create, rename, move (re-pathing the whole subtree in SQL) and close."""

from __future__ import annotations

import datetime as dt

from tortoise.exceptions import IntegrityError

from portal import events
from portal.audit.snapshot import snapshot
from portal.db import dialect, fetch
from portal.events import Event
from portal.people.changes import (
    UNCHANGED,
    UNIT_FIELDS,
    audit,
    given,
    not_found,
    required_text,
    today,
)
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import Employee, OrgUnit, Position, UnitKind

UNIT_CHANGED = "unit.changed"
PATH_MAX = 255  # org_unit.path column width
# One lock for every change of a tree's shape on PostgreSQL: two concurrent moves could each
# pass the cycle check and together make a loop. (SQLite serialises writers already.)
TREE_LOCK = 7_301_001


def clean_code(value: str, *, field: str = "code", max_length: int = 32) -> str:
    """A code: no spaces inside, 1..max_length characters."""
    code = value.strip()
    if not code or len(code) > max_length or any(c.isspace() for c in code):
        raise PeopleError(
            PeopleErrorCode.INVALID_VALUE,
            f"Kode wajib diisi, tanpa spasi, paling panjang {max_length} karakter.",
            field=field,
        )
    return code


async def lock_tree() -> None:
    """Serialise tree-shape changes (moves, new parents) on PostgreSQL; a no-op on SQLite."""
    if await dialect() == "postgres":
        await fetch("SELECT pg_advisory_xact_lock($1)", [TREE_LOCK])


async def get_unit_or_raise(*, unit_id: int, field: str = "unit_id") -> OrgUnit:
    """The unit with this id, or NOT_FOUND on ``field``."""
    unit = await OrgUnit.get_or_none(id=unit_id)
    if unit is None:
        raise not_found("Unit", field)
    return unit


async def open_unit_or_raise(*, unit_id: int, field: str = "unit_id") -> OrgUnit:
    """An existing unit that is not closed."""
    unit = await get_unit_or_raise(unit_id=unit_id, field=field)
    if not unit.active:
        raise PeopleError(PeopleErrorCode.CLOSED, f"Unit {unit.name} sudah ditutup.", field=field)
    return unit


async def create_unit(
    *,
    code: str,
    name: str,
    short_name: str = "",
    kind: UnitKind = UnitKind.LAINNYA,
    parent_id: int | None = None,
    actor_id: int | None,
) -> OrgUnit:
    """Add a unit under ``parent_id`` (or at the top)."""
    code = clean_code(code)
    name = required_text(name, field="name", max_length=200, label="Nama unit")
    short_name = " ".join(short_name.split())[:60]
    async with events.transaction():
        if await OrgUnit.exists(code=code):
            raise _duplicate(code)
        parent = (
            None
            if parent_id is None
            else await open_unit_or_raise(unit_id=parent_id, field="parent_id")
        )
        try:
            unit = await OrgUnit.create(
                code=code, name=name, short_name=short_name, kind=kind, parent=parent
            )
        except IntegrityError:  # a concurrent create took the code
            raise _duplicate(code) from None
        unit.path = f"{parent.path if parent else '/'}{unit.id}/"
        if len(unit.path) > PATH_MAX:
            raise _too_deep()
        await unit.save(update_fields=["path"])
        await audit("unit.create", actor_id=actor_id, row=unit, fields=UNIT_FIELDS, before=None)
        events.emit(Event(UNIT_CHANGED, {"unit": unit.id}))
    return unit


async def update_unit(
    *,
    unit_id: int,
    name: str = UNCHANGED,
    short_name: str = UNCHANGED,
    kind: UnitKind = UNCHANGED,
    actor_id: int | None,
) -> OrgUnit:
    """Rename a unit (name, short name) or change its kind."""
    changes: dict[str, object] = {}
    if given(name):
        changes["name"] = required_text(name, field="name", max_length=200, label="Nama unit")
    if given(short_name):
        changes["short_name"] = " ".join(short_name.split())[:60]
    if given(kind):
        changes["kind"] = kind
    async with events.transaction():
        unit = await get_unit_or_raise(unit_id=unit_id, field="id")
        before = _snap(unit)
        changes = {k: v for k, v in changes.items() if getattr(unit, k) != v}
        if not changes:
            return unit
        for key, value in changes.items():
            setattr(unit, key, value)
        await unit.save(update_fields=list(changes))
        await audit("unit.update", actor_id=actor_id, row=unit, fields=UNIT_FIELDS, before=before)
        events.emit(Event(UNIT_CHANGED, {"unit": unit.id}))
    return unit


async def move_unit(*, unit_id: int, parent_id: int | None, actor_id: int | None) -> OrgUnit:
    """Put a unit (and everything below it) under another parent, or at the top."""
    async with events.transaction():
        await lock_tree()
        unit = await open_unit_or_raise(unit_id=unit_id, field="id")
        parent = (
            None
            if parent_id is None
            else await open_unit_or_raise(unit_id=parent_id, field="parent_id")
        )
        if unit.parent_id == parent_id:
            return unit
        if parent is not None and parent.path.startswith(unit.path):
            raise PeopleError(
                PeopleErrorCode.CYCLE,
                "Unit tidak dapat dipindahkan ke bawah dirinya sendiri atau sub-unitnya.",
                field="parent_id",
            )
        before = _snap(unit)
        old_prefix = unit.path
        new_prefix = f"{parent.path if parent else '/'}{unit.id}/"
        deepest = await fetch(
            "SELECT MAX(LENGTH(path)) AS n FROM org_unit WHERE path LIKE $1", [old_prefix + "%"]
        )
        if int(deepest[0]["n"] or 0) - len(old_prefix) + len(new_prefix) > PATH_MAX:
            raise _too_deep()
        # One statement re-paths the whole subtree: "/1/7/12/30/" -> "/1/9/12/30/".
        await fetch(
            "UPDATE org_unit SET path = CAST($1 AS VARCHAR(255)) || SUBSTR(path, $2) "
            "WHERE path LIKE $3",
            [new_prefix, len(old_prefix) + 1, old_prefix + "%"],
        )
        await OrgUnit.filter(id=unit.id).update(parent_id=parent_id)
        unit = await OrgUnit.get(id=unit.id)
        await audit("unit.move", actor_id=actor_id, row=unit, fields=UNIT_FIELDS, before=before)
        events.emit(Event(UNIT_CHANGED, {"unit": unit.id}))
    return unit


async def close_unit(
    *, unit_id: int, closed_on: dt.date | None = None, actor_id: int | None
) -> OrgUnit:
    """Close an empty unit: no open sub-units, open positions or active employees left."""
    closed_on = closed_on or today()
    if closed_on > today():
        raise PeopleError(
            PeopleErrorCode.INVALID_DATE,
            "Tanggal penutupan tidak boleh di masa depan.",
            field="closed_on",
        )
    async with events.transaction():
        unit = await open_unit_or_raise(unit_id=unit_id, field="id")
        if await OrgUnit.exists(parent_id=unit.id, active=True):
            raise PeopleError(
                PeopleErrorCode.HAS_ACTIVE_CHILDREN,
                "Unit masih memiliki sub-unit aktif; tutup atau pindahkan dahulu.",
            )
        if await Position.exists(unit_id=unit.id, active=True):
            raise PeopleError(
                PeopleErrorCode.HAS_ACTIVE_POSITIONS,
                "Unit masih memiliki jabatan aktif; tutup atau pindahkan dahulu.",
            )
        if await Employee.exists(unit_id=unit.id, active=True):
            raise PeopleError(
                PeopleErrorCode.HAS_ACTIVE_EMPLOYEES,
                "Unit masih memiliki pegawai aktif; mutasikan mereka dahulu.",
            )
        before = _snap(unit)
        unit.active, unit.closed_on = False, closed_on
        await unit.save(update_fields=["active", "closed_on"])
        await audit("unit.close", actor_id=actor_id, row=unit, fields=UNIT_FIELDS, before=before)
        events.emit(Event(UNIT_CHANGED, {"unit": unit.id}))
    return unit


def _snap(unit: OrgUnit) -> dict[str, object]:
    return snapshot(unit, UNIT_FIELDS)


def _duplicate(code: str) -> PeopleError:
    return PeopleError(PeopleErrorCode.DUPLICATE_CODE, f"Kode {code} sudah dipakai.", field="code")


def _too_deep() -> PeopleError:
    return PeopleError(PeopleErrorCode.TOO_DEEP, "Struktur unit terlalu dalam.", field="parent_id")
