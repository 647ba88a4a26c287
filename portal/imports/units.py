"""Importing units (OPD and sub-units): upsert by code, parents by code, paths recomputed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal import events
from portal.audit.snapshot import snapshot
from portal.events import Event
from portal.imports.csvfile import Layout, Row
from portal.imports.tree import KEEP, Keep, in_loop, resolve_parent
from portal.imports.writing import BATCH, audit_rows, ids_by
from portal.people.changes import UNIT_FIELDS
from portal.people.models import OrgUnit, UnitKind
from portal.people.units import PATH_MAX, UNIT_CHANGED

LAYOUT = Layout(required=("code", "name"), optional=("short_name", "kind", "parent_code"))
UPDATABLE = ("name", "short_name", "kind")


@dataclass(slots=True)
class UnitRow:
    row: Row
    code: str
    values: dict[str, Any]
    parent: str | Keep
    parent_code: str | None = None


class UnitImporter:
    """Plan (read only) then apply (bulk writes) a units file."""

    layout = LAYOUT

    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0
        self.items: list[UnitRow] = []
        self.existing: dict[str, OrgUnit] = {}

    async def plan(self, rows: list[Row]) -> None:
        self.existing = {u.code: u for u in await OrgUnit.all()}
        by_id = {u.id: u for u in self.existing.values()}
        first_row: dict[str, int] = {}
        for row in rows:
            item = self._read(row, first_row)
            if item is not None:
                self.items.append(item)
        in_file = {i.code for i in self.items}
        active = {code: u.active for code, u in self.existing.items()}
        parent_of: dict[str, str | None] = {
            code: by_id[u.parent_id].code if u.parent_id in by_id else None
            for code, u in self.existing.items()
        }
        for item in self.items:
            current = parent_of.get(item.code)
            item.parent_code = resolve_parent(
                item.row,
                item.code,
                item.parent,
                in_file=in_file,
                existing_active=active,
                current_parent=current,
                what="Unit",
            )
            parent_of[item.code] = item.parent_code
        looped = in_loop(parent_of, in_file)
        depth_limit = PATH_MAX // (len(str(max(by_id, default=0) + len(self.items))) + 1)
        for item in self.items:
            if item.code in looped:
                item.row.error("parent_code", "hubungan induk membentuk lingkaran")
            elif _depth(item.code, parent_of) > depth_limit:
                item.row.error("parent_code", "struktur unit terlalu dalam")
        for item in self.items:
            current_unit = self.existing.get(item.code)
            if not item.row.ok:  # the counts say what the clean rows would do
                continue
            if current_unit is None:
                self.created += 1
            elif self._changes(item, current_unit, by_id):
                self.updated += 1
            else:
                self.unchanged += 1

    def _read(self, row: Row, first_row: dict[str, int]) -> UnitRow | None:
        code = row.text("code", required=True, max_length=32)
        if code and any(c.isspace() for c in code):
            row.error("code", "kode tidak boleh mengandung spasi")
        values: dict[str, Any] = {"name": row.text("name", required=True, max_length=200)}
        if row.has("short_name"):
            values["short_name"] = row.text("short_name", max_length=60)
        if row.has("kind"):
            values["kind"] = row.choice("kind", UnitKind, default=UnitKind.LAINNYA)
        parent: str | Keep = (
            row.text("parent_code", max_length=32) if row.has("parent_code") else KEEP
        )
        if code in first_row:
            row.error("code", f"kode {code} sudah ada di baris {first_row[code]}")
            return None
        first_row[code] = row.number
        current = self.existing.get(code)
        if current is not None and not current.active:
            row.error("code", f"unit {code} sudah ditutup; impor tidak membuka kembali unit")
        return UnitRow(row, code, values, parent) if code else None

    def _changes(self, item: UnitRow, unit: OrgUnit, by_id: dict[int, OrgUnit]) -> dict[str, Any]:
        changes = {k: v for k, v in item.values.items() if getattr(unit, k) != v}
        current_parent = by_id[unit.parent_id].code if unit.parent_id in by_id else None
        if item.parent_code != current_parent:
            changes["parent_code"] = item.parent_code
        return changes

    async def apply(self, *, actor_id: int | None) -> None:
        new = [i for i in self.items if i.code not in self.existing]
        defaults: dict[str, Any] = {"short_name": "", "kind": UnitKind.LAINNYA}
        await OrgUnit.bulk_create(
            [OrgUnit(code=i.code, path="/", **(defaults | i.values)) for i in new],
            batch_size=BATCH,
        )
        ids = {code: u.id for code, u in self.existing.items()}
        ids |= await ids_by(OrgUnit, "code", [i.code for i in new])
        units = {u.id: u for u in await OrgUnit.all()}
        before = {code: snapshot(unit, UNIT_FIELDS) for code, unit in self.existing.items()}
        for item in self.items:
            unit = units[ids[item.code]]
            for key, value in item.values.items():
                setattr(unit, key, value)
            unit.parent_id = ids[item.parent_code] if item.parent_code else None
        _repath(units)
        changes = []
        for unit in units.values():
            after = snapshot(unit, UNIT_FIELDS)
            old = before.get(unit.code)
            if old != after:
                changes.append((unit, old, after))
        await OrgUnit.bulk_update(
            [unit for unit, _, _ in changes],
            fields=[*UPDATABLE, "parent_id", "path"],
            batch_size=BATCH,
        )
        for unit, _, _ in changes:
            events.emit(Event(UNIT_CHANGED, {"unit": unit.id}))
        await audit_rows(
            "unit.import",
            "OrgUnit",
            [(u.id, old, new) for u, old, new in changes],
            actor_id=actor_id,
        )


def _depth(code: str, parent_of: dict[str, str | None]) -> int:
    depth, current, seen = 1, parent_of.get(code), {code}
    while current is not None and current not in seen:
        seen.add(current)
        depth += 1
        current = parent_of.get(current)
    return depth


def _repath(units: dict[int, OrgUnit]) -> None:
    """Recompute every materialised path from the parent links."""
    paths: dict[int, str] = {}

    def path_of(unit_id: int) -> str:
        if unit_id not in paths:
            parent = units[unit_id].parent_id
            prefix = path_of(parent) if parent is not None else "/"
            paths[unit_id] = f"{prefix}{unit_id}/"
        return paths[unit_id]

    for unit_id, unit in units.items():
        unit.path = path_of(unit_id)
