"""HR proposes plan items in bulk from the gap analysis (analisis kebutuhan pengembangan).

One SELECT finds every gap in scope (active employees of a unit subtree, one competency or all)
with the best course that closes it (see ``gaps``) and skips what an earlier run already proposed:
an item of the same plan, competency and course in any state, so a supervisor's drop is
respected and a re-run adds nothing. Then a handful of bulk statements write plans, items,
status changes and notices. Gaps that no course closes are counted, not planned: they tell HR
which course the catalog lacks.

Touched plans go to the supervisor (PROPOSED): that is who agrees HR's proposals. On PostgreSQL an
advisory lock serialises concurrent runs, so two clicks never propose the same item twice.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from portal.audit.service import record
from portal.competencies.models import Competency
from portal.db import dialect, fetch
from portal.events import emit, transaction
from portal.notifications.service import notify
from portal.people.models import Employee, OrgUnit
from portal.training.access import can_propose_in_bulk, require, supervisor_ids
from portal.training.errors import PlanError
from portal.training.errors import PlanErrorCode as Code
from portal.training.gaps import LATEST_LEVEL, closing_course_sql
from portal.training.models import (
    Course,
    PlanItemStatus,
    PlanStatus,
    TrainingMethod,
    TrainingPlan,
    TrainingPlanItem,
)
from portal.training.plan_rules import check_year, plan_event, today

if TYPE_CHECKING:
    from portal.auth.principal import Principal

_LOCK_KEY = 7_311_011  # pg_advisory_xact_lock key of this job
_CHUNK = 5000


@dataclasses.dataclass(frozen=True, slots=True)
class BulkProposal:
    """What a bulk run did."""

    proposed: int  # items added
    plans: int  # plans that received items
    without_course: int  # gaps in scope that no active, open course closes


async def propose_plan_items_from_gaps(
    *, principal: Principal, year: int, unit_id: int | None = None, competency_id: int | None = None
) -> BulkProposal:
    """Add a PROPOSED item, with the best-fitting course, for every gap in scope."""
    require(can_propose_in_bulk(principal))
    check_year(year)
    unit_path = await _unit_path(unit_id)
    if competency_id is not None and not await Competency.filter(id=competency_id).exists():
        raise PlanError(
            Code.COMPETENCY_NOT_FOUND, "Kompetensi tidak ditemukan.", field="competencyId"
        )
    async with transaction():
        if await dialect() == "postgres":
            await fetch("SELECT pg_advisory_xact_lock($1)", [_LOCK_KEY])
        gaps = await _gaps(year, unit_path, competency_id)
        wanted = [g for g in gaps if g["course_id"] is not None]
        without = len(gaps) - len(wanted)
        if not wanted:
            return BulkProposal(0, 0, without)
        plans = await _plans_for({int(g["employee_id"]) for g in wanted}, year)
        courses = {c.id: c for c in await Course.filter(id__in={g["course_id"] for g in wanted})}
        items = [
            TrainingPlanItem(
                plan_id=plans[int(g["employee_id"])].id,
                competency_id=int(g["competency_id"]),
                course_id=int(g["course_id"]),
                title=courses[int(g["course_id"])].title,
                method=TrainingMethod(courses[int(g["course_id"])].method),
                planned_jp=courses[int(g["course_id"])].jp,
                status=PlanItemStatus.PROPOSED,
                proposed_by_id=principal.employee_id,
            )
            for g in wanted
        ]
        await TrainingPlanItem.bulk_create(items, batch_size=1000)
        touched = {p.id: p for p in plans.values()}
        changed = {
            pid: str(p.status) for pid, p in touched.items() if p.status != PlanStatus.PROPOSED
        }
        for chunk in _chunks(list(changed)):
            await TrainingPlan.filter(id__in=chunk).update(status=PlanStatus.PROPOSED)
        await record(
            action="training_plan.bulk_proposed",
            actor_id=principal.employee_id,
            object_type="TrainingPlan",
            object_id="",
            before={"plan_status": {str(k): v for k, v in changed.items()}},
            after={
                "year": year,
                "unit": unit_id,
                "competency": competency_id,
                "items": len(items),
                "plans": sorted(touched),
                "without_course": without,
                "status": PlanStatus.PROPOSED.value,
            },
        )
        await _tell(list(plans.values()), year)
        for plan in touched.values():
            emit(plan_event(plan))
    return BulkProposal(len(items), len(touched), without)


async def _unit_path(unit_id: int | None) -> str | None:
    if unit_id is None:
        return None
    unit = await OrgUnit.get_or_none(id=unit_id)
    if unit is None:
        raise PlanError(Code.UNIT_NOT_FOUND, "Unit kerja tidak ditemukan.", field="unitId")
    return unit.path


async def _gaps(
    year: int, unit_path: str | None, competency_id: int | None
) -> list[dict[str, Any]]:
    """Every gap in scope with its best course (or NULL), minus items already proposed."""
    params: list[Any] = [year]
    where = ""
    if unit_path is not None:
        params.append(unit_path + "%")
        where += f" AND u.path LIKE ${len(params)}"
    if competency_id is not None:
        params.append(competency_id)
        where += f" AND r.competency_id = ${len(params)}"
    sql = f"""
        SELECT g.* FROM (
            SELECT e.id AS employee_id, r.competency_id, tp.id AS plan_id,
                {await closing_course_sql()} AS course_id
            FROM employee e
            JOIN position p ON p.id = e.position_id
            JOIN org_unit u ON u.id = e.unit_id
            JOIN position_requirement r ON r.position_id = p.id
            LEFT JOIN training_plan tp ON tp.employee_id = e.id AND tp.year = $1
            WHERE e.active AND {LATEST_LEVEL} < r.level{where}
        ) g
        WHERE g.course_id IS NULL OR g.plan_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM training_plan_item i
            WHERE i.plan_id = g.plan_id AND i.competency_id = g.competency_id
              AND i.course_id = g.course_id)
        ORDER BY g.employee_id, g.competency_id
    """
    return await fetch(sql, params)


async def _plans_for(employee_ids: set[int], year: int) -> dict[int, TrainingPlan]:
    """Each employee's plan for the year, created (DRAFT) where missing; one INSERT, one SELECT."""
    await TrainingPlan.bulk_create(
        [TrainingPlan(employee_id=e, year=year) for e in sorted(employee_ids)],
        batch_size=1000,
        ignore_conflicts=True,
    )
    plans: dict[int, TrainingPlan] = {}
    for chunk in _chunks(sorted(employee_ids)):
        for plan in await TrainingPlan.filter(employee_id__in=chunk, year=year):
            plans[plan.employee_id] = plan
    return plans


async def _tell(plans: list[TrainingPlan], year: int) -> None:
    """Each employee hears of the proposal; each supervisor once, with how many await them."""
    await notify(
        recipient_ids=[p.employee_id for p in plans],
        kind="plan.proposed_by_hr",
        title="BKPSDM mengusulkan pengembangan kompetensi untuk Anda",
        body=f"Usulan masuk ke rencana pengembangan {year} dan menunggu persetujuan atasan.",
        refs={"year": year},
    )
    positions = dict(await _employee_positions([p.employee_id for p in plans]))
    bosses = await supervisor_ids(position_ids={p for p in positions.values() if p}, on=today())
    waiting: dict[int, int] = defaultdict(int)
    for position_id in positions.values():
        for boss in bosses.get(position_id, ()):
            waiting[boss] += 1
    by_count: dict[int, list[int]] = defaultdict(list)
    for boss, count in waiting.items():
        by_count[count].append(boss)
    for count, recipients in by_count.items():
        await notify(
            recipient_ids=recipients,
            kind="plan.awaiting_agreement",
            title="Rencana pengembangan bawahan menunggu persetujuan Anda",
            body=f"BKPSDM mengusulkan pengembangan untuk {count} bawahan Anda ({year}).",
            refs={"year": year},
        )


async def _employee_positions(employee_ids: list[int]) -> list[tuple[int, int | None]]:
    rows: list[tuple[int, int | None]] = []
    for chunk in _chunks(employee_ids):
        rows += await Employee.filter(id__in=chunk).values_list("id", "position_id")
    return rows


def _chunks(values: list[int]) -> list[list[int]]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]
