"""Importing assessed levels: upsert by (NIP, competency code, date, source)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal import events
from portal.audit.snapshot import jsonable
from portal.competencies.assessments import ASSESSMENT_FIELDS, PROFILE_CHANGED
from portal.competencies.models import Assessment, AssessmentSource, Competency
from portal.events import Event
from portal.imports.csvfile import Layout, Row, chunks
from portal.imports.people_lookup import employee_of, employees_by_nip
from portal.imports.writing import BATCH, audit_rows
from portal.people.changes import today

LAYOUT = Layout(
    required=("nip", "competency_code", "level", "assessed_on"),
    optional=("source", "evidence"),
)
Key = tuple[int, int, dt.date, str]


@dataclass(slots=True)
class AssessmentRow:
    row: Row
    key: Key
    level: int
    evidence: str


class AssessmentImporter:
    """Plan (read only) then apply (bulk writes) an assessments file.

    Imported levels are history being brought in, so employees are not notified one by one; their
    open pages still hear ``profile.changed``.
    """

    layout = LAYOUT

    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0
        self.items: list[AssessmentRow] = []
        self.existing: dict[Key, Assessment] = {}

    async def plan(self, rows: list[Row]) -> None:
        employees = await employees_by_nip(rows)
        competencies = {c.code: c for c in await Competency.all()}
        first_row: dict[Key, int] = {}
        for row in rows:
            employee_id = employee_of(row, employees)
            code = row.text("competency_code", required=True, max_length=32)
            competency = competencies.get(code)
            if code and competency is None:
                row.error("competency_code", f"kompetensi {code!r} tidak ada di kamus")
            elif competency is not None and not competency.active:
                row.error("competency_code", f"kompetensi {code!r} tidak aktif")
            level = row.integer("level")
            if level is not None and not 1 <= level <= 5:
                row.error("level", "level harus 1 sampai 5")
            assessed_on = row.date("assessed_on")
            if assessed_on is not None and assessed_on > today():
                row.error("assessed_on", "tanggal penilaian tidak boleh di masa depan")
            source = row.choice("source", AssessmentSource, default=AssessmentSource.IMPORT)
            evidence = row.text("evidence", max_length=4000)
            if None in (employee_id, competency, level, assessed_on, source):
                continue
            key: Key = (employee_id, competency.id, assessed_on, str(source))  # type: ignore[assignment,union-attr]
            if key in first_row:
                row.error("assessed_on", f"penilaian yang sama sudah ada di baris {first_row[key]}")
                continue
            first_row[key] = row.number
            self.items.append(AssessmentRow(row, key, level, evidence))  # type: ignore[arg-type]
        employee_ids = sorted({i.key[0] for i in self.items})
        for part in chunks(employee_ids):
            for a in await Assessment.filter(employee_id__in=part):
                self.existing[(a.employee_id, a.competency_id, a.assessed_on, str(a.source))] = a
        for item in self.items:
            current = self.existing.get(item.key)
            if current is None:
                self.created += 1
            elif (current.level, current.evidence) != (item.level, item.evidence):
                self.updated += 1
            else:
                self.unchanged += 1

    async def apply(self, *, actor_id: int | None) -> None:
        new = [i for i in self.items if i.key not in self.existing]
        await Assessment.bulk_create(
            [
                Assessment(
                    employee_id=i.key[0],
                    competency_id=i.key[1],
                    assessed_on=i.key[2],
                    source=AssessmentSource(i.key[3]),
                    level=i.level,
                    evidence=i.evidence,
                    recorded_by_id=actor_id,
                )
                for i in new
            ],
            batch_size=BATCH,
        )
        changed = []
        audits: list[tuple[object, dict[str, object] | None, dict[str, object]]] = []
        for item in self.items:
            current = self.existing.get(item.key)
            if current is None or (current.level, current.evidence) == (item.level, item.evidence):
                continue
            before = _picture(current)
            current.level, current.evidence = item.level, item.evidence
            changed.append(current)
            audits.append((current.id, before, _picture(current)))
        await Assessment.bulk_update(changed, fields=["level", "evidence"], batch_size=BATCH)
        if new:
            touched = {i.key[0] for i in new}
            for part in chunks(sorted(touched)):
                for a in await Assessment.filter(employee_id__in=part):
                    key = (a.employee_id, a.competency_id, a.assessed_on, str(a.source))
                    if key not in self.existing:
                        audits.append((a.id, None, _picture(a)))
        await audit_rows("assessment.import", "Assessment", audits, actor_id=actor_id)
        for employee_id in sorted({i.key[0] for i in new} | {a.employee_id for a in changed}):
            events.emit(Event(PROFILE_CHANGED, {"employee": employee_id}))


def _picture(row: Assessment) -> dict[str, object]:
    return {name: jsonable(getattr(row, name)) for name in ASSESSMENT_FIELDS}
