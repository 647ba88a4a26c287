"""Importing completed training (SIASN riwayat diklat): upsert by NIP, title, year, certificate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.audit.snapshot import jsonable
from portal.imports.csvfile import Layout, Row, chunks
from portal.imports.people_lookup import employee_of, employees_by_nip
from portal.imports.writing import BATCH, audit_rows
from portal.people.changes import today
from portal.training.models import TrainingMethod, TrainingRecord

LAYOUT = Layout(
    required=("nip", "title", "organiser", "jp", "completed_on"),
    optional=("method", "year", "certificate_number"),
)
RECORD_FIELDS = (
    "employee_id",
    "title",
    "method",
    "organiser",
    "jp",
    "year",
    "completed_on",
    "certificate_number",
)
UPDATABLE = ("method", "organiser", "jp", "completed_on")
Key = tuple[int, str, int, str]


@dataclass(slots=True)
class RecordRow:
    row: Row
    key: Key
    values: dict[str, Any]


class TrainingHistoryImporter:
    """Plan (read only) then apply (bulk writes) a training-history file."""

    layout = LAYOUT

    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0
        self.items: list[RecordRow] = []
        self.existing: dict[Key, TrainingRecord] = {}

    async def plan(self, rows: list[Row]) -> None:
        employees = await employees_by_nip(rows)
        first_row: dict[Key, int] = {}
        for row in rows:
            item = self._read(row, employees)
            if item is None:
                continue
            if item.key in first_row:
                row.error("title", f"pelatihan yang sama sudah ada di baris {first_row[item.key]}")
                continue
            first_row[item.key] = row.number
            self.items.append(item)
        for part in chunks(sorted({i.key[0] for i in self.items})):
            for r in await TrainingRecord.filter(employee_id__in=part):
                self.existing[(r.employee_id, r.title, r.year, r.certificate_number)] = r
        for item in self.items:
            current = self.existing.get(item.key)
            if current is None:
                self.created += 1
            elif any(getattr(current, k) != item.values[k] for k in UPDATABLE):
                self.updated += 1
            else:
                self.unchanged += 1

    @staticmethod
    def _read(row: Row, employees: dict[str, int]) -> RecordRow | None:
        employee_id = employee_of(row, employees)
        title = row.text("title", required=True, max_length=255)
        organiser = row.text("organiser", required=True, max_length=200)
        method = row.choice("method", TrainingMethod, default=TrainingMethod.PELATIHAN)
        jp = row.integer("jp")
        if jp is not None and not 0 < jp <= 10_000:
            row.error("jp", "JP harus lebih dari 0")
        completed_on = row.date("completed_on")
        if completed_on is not None and completed_on > today():
            row.error("completed_on", "tanggal selesai tidak boleh di masa depan")
        year = row.integer("year", required=False) if row.has("year") else None
        if completed_on is not None:
            if year is not None and year != completed_on.year:
                row.error("year", "tahun harus sama dengan tahun tanggal selesai")
            year = completed_on.year
        certificate = row.text("certificate_number", max_length=100)
        if None in (employee_id, method, jp, completed_on) or not title or not row.ok:
            return None
        values = {"method": method, "organiser": organiser, "jp": jp, "completed_on": completed_on}
        return RecordRow(row, (employee_id, title, year, certificate), values)  # type: ignore[arg-type]

    async def apply(self, *, actor_id: int | None) -> None:
        new = [i for i in self.items if i.key not in self.existing]
        await TrainingRecord.bulk_create(
            [
                TrainingRecord(
                    employee_id=i.key[0],
                    title=i.key[1],
                    year=i.key[2],
                    certificate_number=i.key[3],
                    **i.values,
                )
                for i in new
            ],
            batch_size=BATCH,
        )
        audits: list[tuple[object, dict[str, Any] | None, dict[str, Any]]] = []
        changed = []
        for item in self.items:
            current = self.existing.get(item.key)
            if current is None or all(getattr(current, k) == item.values[k] for k in UPDATABLE):
                continue
            before = _picture(current)
            for key, value in item.values.items():
                setattr(current, key, value)
            changed.append(current)
            audits.append((current.id, before, _picture(current)))
        await TrainingRecord.bulk_update(changed, fields=list(UPDATABLE), batch_size=BATCH)
        if new:
            for part in chunks(sorted({i.key[0] for i in new})):
                for r in await TrainingRecord.filter(employee_id__in=part):
                    if (r.employee_id, r.title, r.year, r.certificate_number) not in self.existing:
                        audits.append((r.id, None, _picture(r)))
        await audit_rows("training_record.import", "TrainingRecord", audits, actor_id=actor_id)


def _picture(row: TrainingRecord) -> dict[str, Any]:
    return {name: jsonable(getattr(row, name)) for name in RECORD_FIELDS}
