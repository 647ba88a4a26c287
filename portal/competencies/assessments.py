"""Recording assessed levels, one by one or in bulk (all or nothing); the gap and JPM follow."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from portal import events
from portal.audit.models import AuditEntry
from portal.audit.service import current_request
from portal.audit.snapshot import jsonable
from portal.competencies.dictionary import check_level, text
from portal.competencies.errors import CompetencyError, CompetencyErrorCode
from portal.competencies.models import Assessment, AssessmentSource, Competency
from portal.events import Event
from portal.notifications.models import Notification
from portal.notifications.service import TOPIC as NOTIFICATION_CREATED
from portal.people.changes import today
from portal.people.errors import PeopleError
from portal.people.models import Employee
from portal.people.service import validate_any_nip

PROFILE_CHANGED = "profile.changed"
MAX_BATCH = 1000
ASSESSMENT_FIELDS = (
    "employee_id",
    "competency_id",
    "level",
    "assessed_on",
    "source",
    "evidence",
    "recorded_by_id",
)


@dataclass(frozen=True, slots=True)
class AssessmentSpec:
    """An assessed level as HR enters it."""

    nip: str
    competency_id: int
    level: int
    assessed_on: dt.date
    source: AssessmentSource
    evidence: str = ""


def check_assessed_on(value: dt.date, *, field: str = "assessed_on") -> dt.date:
    """An assessment date that is not in the future."""
    if value > today():
        raise CompetencyError(
            CompetencyErrorCode.INVALID_DATE,
            "Tanggal penilaian tidak boleh di masa depan.",
            field=field,
        )
    return value


async def record_assessment(*, spec: AssessmentSpec, actor_id: int | None) -> Assessment:
    """Record one assessed level and tell the employee."""
    return (await _record([spec], actor_id=actor_id, prefix=None))[0]


async def record_assessments(
    *, specs: Sequence[AssessmentSpec], actor_id: int | None
) -> list[Assessment]:
    """Record many levels at once: one bad item (named ``items[i].<field>``) writes nothing."""
    if not specs:
        raise CompetencyError(CompetencyErrorCode.INVALID_VALUE, "Daftar kosong.", field="items")
    if len(specs) > MAX_BATCH:
        raise CompetencyError(
            CompetencyErrorCode.TOO_MANY,
            f"Paling banyak {MAX_BATCH} penilaian sekaligus; gunakan impor CSV.",
            field="items",
        )
    return await _record(specs, actor_id=actor_id, prefix="items")


async def _record(
    specs: Sequence[AssessmentSpec], *, actor_id: int | None, prefix: str | None
) -> list[Assessment]:
    def at(i: int, name: str) -> str:
        return name if prefix is None else f"{prefix}[{i}].{name}"

    nips: list[str] = []
    evidence: list[str] = []
    for i, spec in enumerate(specs):
        try:
            nips.append(validate_any_nip(spec.nip))
        except PeopleError as error:
            raise CompetencyError(
                CompetencyErrorCode.INVALID_NIP, error.message, field=at(i, "nip")
            ) from None
        check_level(spec.level, field=at(i, "level"))
        check_assessed_on(spec.assessed_on, field=at(i, "assessed_on"))
        evidence.append(
            text(
                spec.evidence,
                field=at(i, "evidence"),
                label="Bukti",
                max_length=4000,
                required=False,
            )
        )
    async with events.transaction():
        employees = {e.nip: e for e in await Employee.filter(nip__in=set(nips))}
        competencies = {
            c.id: c for c in await Competency.filter(id__in={s.competency_id for s in specs})
        }
        existing = set(
            await Assessment.filter(
                employee_id__in=[e.id for e in employees.values()],
                competency_id__in=list(competencies),
                assessed_on__in={s.assessed_on for s in specs},
            ).values_list("employee_id", "competency_id", "assessed_on", "source")
        )
        rows: list[Assessment] = []
        for i, (spec, nip) in enumerate(zip(specs, nips, strict=True)):
            employee = employees.get(nip)
            if employee is None:
                raise CompetencyError(
                    CompetencyErrorCode.EMPLOYEE_NOT_FOUND,
                    "Pegawai tidak ditemukan.",
                    field=at(i, "nip"),
                )
            competency = competencies.get(spec.competency_id)
            if competency is None or not competency.active:
                code = (
                    CompetencyErrorCode.NOT_FOUND
                    if competency is None
                    else (CompetencyErrorCode.INACTIVE)
                )
                raise CompetencyError(
                    code,
                    "Kompetensi tidak ditemukan atau tidak aktif.",
                    field=at(i, "competency_id"),
                )
            key = (employee.id, competency.id, spec.assessed_on, str(spec.source))
            if key in existing:
                raise CompetencyError(
                    CompetencyErrorCode.DUPLICATE_ASSESSMENT,
                    f"Penilaian {competency.code} untuk pegawai ini pada tanggal dan sumber yang "
                    "sama sudah tercatat.",
                    field=at(i, "assessed_on"),
                )
            existing.add(key)
            rows.append(
                Assessment(
                    employee_id=employee.id,
                    competency_id=competency.id,
                    level=spec.level,
                    assessed_on=spec.assessed_on,
                    source=spec.source,
                    evidence=evidence[i],
                    recorded_by_id=actor_id,
                )
            )
        if len(rows) == 1:
            await rows[0].save()
        else:
            await Assessment.bulk_create(rows, batch_size=500)
            await _fill_ids(rows)
        await _audit(rows, actor_id)
        await _tell(rows, competencies)
    return rows


async def _audit(rows: list[Assessment], actor_id: int | None) -> None:
    info = current_request.get()
    await AuditEntry.bulk_create(
        [
            AuditEntry(
                action="assessment.record",
                actor_id=actor_id,
                object_type="Assessment",
                object_id=str(r.id or ""),
                before=None,
                after={name: jsonable(getattr(r, name)) for name in ASSESSMENT_FIELDS},
                client_ip=info.client_ip,
                request_id=info.request_id,
            )
            for r in rows
        ],
        batch_size=500,
    )


async def _fill_ids(rows: list[Assessment]) -> None:
    """``bulk_create`` leaves ids unset: read them back by the natural key (one query)."""
    found = await Assessment.filter(
        employee_id__in={r.employee_id for r in rows},
        competency_id__in={r.competency_id for r in rows},
        assessed_on__in={r.assessed_on for r in rows},
    ).values_list("employee_id", "competency_id", "assessed_on", "source", "id")
    ids = {(e, c, d, str(s)): i for e, c, d, s, i in found}
    for row in rows:
        row.id = ids[(row.employee_id, row.competency_id, row.assessed_on, str(row.source))]


async def _tell(rows: list[Assessment], competencies: dict[int, Competency]) -> None:
    """One notification per employee (one insert for all), and a profile event for each."""
    by_employee: dict[int, list[Assessment]] = defaultdict(list)
    for row in rows:
        by_employee[row.employee_id].append(row)
    notes = []
    for employee_id, mine in by_employee.items():
        if len(mine) == 1:
            a, c = mine[0], competencies[mine[0].competency_id]
            title = f"Hasil penilaian kompetensi baru: {c.name}"
            body = f"{c.name} ({c.code}): level {a.level}, dinilai {a.assessed_on:%d-%m-%Y}."
            refs = {"competency": c.id, "assessment": a.id}
        else:
            title = f"{len(mine)} hasil penilaian kompetensi baru"
            body = ", ".join(f"{competencies[a.competency_id].name}: level {a.level}" for a in mine)
            refs = {}
        notes.append(
            Notification(
                recipient_id=employee_id,
                kind="assessment.recorded",
                title=title[:200],
                body=body,
                refs=refs,
            )
        )
        events.emit(Event(NOTIFICATION_CREATED, {"employee": employee_id}))
        events.emit(Event(PROFILE_CHANGED, {"employee": employee_id}))
    await Notification.bulk_create(notes, batch_size=500)
