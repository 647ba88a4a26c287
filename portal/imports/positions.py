"""Importing positions: upsert by code; unit and supervising position by code, in any order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal import events
from portal.audit.snapshot import snapshot
from portal.events import Event
from portal.imports.csvfile import Layout, Row, chunks
from portal.imports.tree import KEEP, Keep, in_loop, resolve_parent
from portal.imports.writing import BATCH, audit_rows, ids_by
from portal.people.changes import POSITION_FIELDS
from portal.people.models import DEFAULT_EFFECTIVE_MINUTES, OrgUnit, Position
from portal.people.positions import MINUTES_PER_YEAR, POSITION_CHANGED
from portal.people.ranks import PositionKind, PositionLevel

LAYOUT = Layout(
    required=("code", "name", "level", "unit_code", "grade_class"),
    optional=("kind", "parent_code", "effective_minutes"),
)
UPDATABLE = ("name", "level", "kind", "unit_id", "grade_class", "effective_minutes")


@dataclass(slots=True)
class PositionRow:
    row: Row
    code: str
    values: dict[str, Any]
    parent: str | Keep
    parent_code: str | None = None


class PositionImporter:
    """Plan (read only) then apply (bulk writes) a positions file."""

    layout = LAYOUT

    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0
        self.items: list[PositionRow] = []
        self.existing: dict[str, Position] = {}

    async def plan(self, rows: list[Row]) -> None:
        units = {u.code: u for u in await OrgUnit.all()}
        # Code, parent and state of every position: loops can run through rows not in the file.
        tree = await Position.all().values_list("id", "code", "parent_id", "active")
        code_of = {pid: code for pid, code, _, _ in tree}
        parent_of: dict[str, str | None] = {
            code: code_of.get(parent) for _, code, parent, _ in tree
        }
        active = {code: bool(is_active) for _, code, _, is_active in tree}
        first_row: dict[str, int] = {}
        for row in rows:
            item = self._read(row, units, first_row, active)
            if item is not None:
                self.items.append(item)
        for part in chunks([i.code for i in self.items if i.code in active]):
            self.existing.update({p.code: p for p in await Position.filter(code__in=part)})
        in_file = {i.code for i in self.items}
        for item in self.items:
            item.parent_code = resolve_parent(
                item.row,
                item.code,
                item.parent,
                in_file=in_file,
                existing_active=active,
                current_parent=parent_of.get(item.code),
                what="Jabatan",
            )
            parent_of[item.code] = item.parent_code
        for code in in_loop(parent_of, in_file):
            next(i for i in self.items if i.code == code).row.error(
                "parent_code", "hubungan atasan membentuk lingkaran"
            )
        for item in self.items:
            current = self.existing.get(item.code)
            if not item.row.ok:  # the counts say what the clean rows would do
                continue
            if current is None:
                self.created += 1
            elif any(getattr(current, k) != v for k, v in item.values.items()) or (
                item.parent_code != parent_of_before(current, code_of)
            ):
                self.updated += 1
            else:
                self.unchanged += 1

    def _read(
        self,
        row: Row,
        units: dict[str, OrgUnit],
        first_row: dict[str, int],
        active: dict[str, bool],
    ) -> PositionRow | None:
        code = row.text("code", required=True, max_length=48)
        if code and any(c.isspace() for c in code):
            row.error("code", "kode tidak boleh mengandung spasi")
        values: dict[str, Any] = {"name": row.text("name", required=True, max_length=200)}
        level = row.choice("level", PositionLevel)
        values["level"] = level
        if level is not None:
            values["kind"] = level.kind
            kind = row.choice("kind", PositionKind, default=level.kind) if row.has("kind") else None
            if kind is not None and kind != level.kind:
                row.error("kind", f"jenjang {level.name} termasuk jabatan {level.kind.name}")
        unit_code = row.text("unit_code", required=True, max_length=32)
        unit = units.get(unit_code)
        if unit_code and unit is None:
            row.error("unit_code", f"unit {unit_code!r} tidak ditemukan")
        elif unit is not None and not unit.active:
            row.error("unit_code", f"unit {unit_code!r} sudah ditutup")
        values["unit_id"] = unit.id if unit else None
        grade = row.integer("grade_class")
        if grade is not None and not 1 <= grade <= 17:
            row.error("grade_class", "kelas jabatan harus 1 sampai 17")
        values["grade_class"] = grade
        if row.has("effective_minutes"):
            minutes = row.integer("effective_minutes", required=False)
            if minutes is not None and not 0 < minutes <= MINUTES_PER_YEAR:
                row.error("effective_minutes", "waktu kerja efektif harus lebih dari 0 menit")
            values["effective_minutes"] = minutes or DEFAULT_EFFECTIVE_MINUTES
        parent: str | Keep = (
            row.text("parent_code", max_length=48) if row.has("parent_code") else KEEP
        )
        if code in first_row:
            row.error("code", f"kode {code} sudah ada di baris {first_row[code]}")
            return None
        first_row[code] = row.number
        if active.get(code) is False:
            row.error("code", f"jabatan {code} sudah ditutup; impor tidak membuka kembali jabatan")
        return PositionRow(row, code, values, parent) if code else None

    async def apply(self, *, actor_id: int | None) -> None:
        new = [i for i in self.items if i.code not in self.existing]
        await Position.bulk_create(
            [Position(code=i.code, **i.values) for i in new], batch_size=BATCH
        )
        codes = {i.code for i in self.items} | {i.parent_code for i in self.items if i.parent_code}
        ids = await ids_by(Position, "code", codes)
        before = {code: snapshot(p, POSITION_FIELDS) for code, p in self.existing.items()}
        rows: dict[str, Position] = dict(self.existing)
        for part in chunks([i.code for i in new]):
            rows.update({p.code: p for p in await Position.filter(code__in=part)})
        changes = []
        for item in self.items:
            position = rows[item.code]
            for key, value in item.values.items():
                setattr(position, key, value)
            position.parent_id = ids[item.parent_code] if item.parent_code else None
            after = snapshot(position, POSITION_FIELDS)
            old = before.get(item.code)
            if old != after or item.code not in self.existing:
                changes.append((position, old, after))
        await Position.bulk_update(
            [p for p, _, _ in changes], fields=[*UPDATABLE, "parent_id"], batch_size=BATCH
        )
        for position, _, _ in changes:
            events.emit(Event(POSITION_CHANGED, {"position": position.id}))
        await audit_rows(
            "position.import",
            "Position",
            [(p.id, old, new) for p, old, new in changes],
            actor_id=actor_id,
        )


def parent_of_before(position: Position, code_of: dict[int, str]) -> str | None:
    return code_of.get(position.parent_id) if position.parent_id is not None else None
