"""Per-request DataLoaders: every relation the schema exposes is batched here.

Names follow ``<target>_by_<key>``. A Loaders object lives for one HTTP request (or one subscription
event), never for a whole WebSocket, so it never serves stale rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from portal.competencies.models import (
    Assessment,
    Competency,
    CompetencyLevel,
    PositionRequirement,
)
from portal.competencies.service import latest_per_competency
from portal.duties.models import PositionDuty, Skp, SkpIndicator, SkpRealisation, SkpResult
from portal.graphql.batch import rows_by
from portal.people.models import (
    Employee,
    EmploymentHistory,
    OrgUnit,
    Position,
    PositionWorkload,
)
from portal.training.models import (
    Course,
    CourseCompetency,
    Enrollment,
    EnrollmentEvent,
    TrainingPlan,
    TrainingPlanItem,
    TrainingRecord,
    TrainingSession,
)

M = TypeVar("M", bound=Model)
K = TypeVar("K", bound=Hashable)


def _by_id(model: type[M]) -> DataLoader[int, M | None]:
    async def load(ids: list[int]) -> list[M | None]:
        rows = {row.pk: row for row in await rows_by(model, model._meta.db_pk_column, set(ids))}
        return [rows.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _grouped(model: type[M], key: str, order: Sequence[str] = ("id",)) -> DataLoader[int, list[M]]:
    async def load(keys: list[int]) -> list[list[M]]:
        groups: dict[Any, list[M]] = defaultdict(list)
        for row in await rows_by(model, key, set(keys), order):
            groups[getattr(row, key)].append(row)
        return [groups.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def _loader(fn: Callable[[list[K]], Awaitable[list[Any]]]) -> DataLoader[K, Any]:
    return DataLoader(load_fn=fn)


class Loaders:
    """All loaders of one request, created lazily."""

    @cached_property
    def survey(self) -> Any:
        """The survey's loaders (``portal.graphql.survey.loaders.SurveyLoaders``)."""
        from portal.graphql.survey.loaders import SurveyLoaders

        return SurveyLoaders()

    @cached_property
    def employee_by_id(self) -> DataLoader[int, Employee | None]:
        return _by_id(Employee)

    @cached_property
    def position_by_id(self) -> DataLoader[int, Position | None]:
        return _by_id(Position)

    @cached_property
    def unit_by_id(self) -> DataLoader[int, OrgUnit | None]:
        return _by_id(OrgUnit)

    @cached_property
    def workloads_by_position_id(self) -> DataLoader[int, list[PositionWorkload]]:
        return _grouped(PositionWorkload, "position_id")

    @cached_property
    def employment_history_by_employee_id(self) -> DataLoader[int, list[EmploymentHistory]]:
        """Oldest first: the order the changes took effect."""
        return _grouped(EmploymentHistory, "employee_id", ("effective_on", "id"))

    @cached_property
    def competency_by_id(self) -> DataLoader[int, Competency | None]:
        return _by_id(Competency)

    @cached_property
    def course_by_id(self) -> DataLoader[int, Course | None]:
        return _by_id(Course)

    @cached_property
    def session_by_id(self) -> DataLoader[int, TrainingSession | None]:
        return _by_id(TrainingSession)

    @cached_property
    def supervisor_by_position_id(self) -> DataLoader[int, Employee | None]:
        """The active holder of each position's parent position."""

        async def load(position_ids: list[int]) -> list[Employee | None]:
            # Through position_by_id: the `position` field of the same objects usually asked for
            # these rows already, so the parents cost no statement of their own.
            positions = await self.position_by_id.load_many(position_ids)
            parents = {p.id: p.parent_id for p in positions if p is not None}
            holders: dict[int, Employee] = {}
            parent_ids = {p for p in parents.values() if p is not None}
            for e in await Employee.filter(position_id__in=parent_ids, active=True).order_by("-id"):
                holders[e.position_id] = e  # type: ignore[index]  # lowest id wins
            return [holders.get(parents.get(p)) for p in position_ids]  # type: ignore[arg-type]

        return _loader(load)

    @cached_property
    def duties_by_position_id(self) -> DataLoader[int, list[PositionDuty]]:
        return _grouped(PositionDuty, "position_id", ("sort_order", "id"))

    @cached_property
    def skp_by_employee_year(self) -> DataLoader[tuple[int, int], Skp | None]:
        async def load(keys: list[tuple[int, int]]) -> list[Skp | None]:
            rows = await rows_by(Skp, "employee_id", {k[0] for k in keys})  # one a year
            found = {(r.employee_id, r.year): r for r in rows}
            return [found.get(k) for k in keys]

        return _loader(load)

    @cached_property
    def results_by_skp_id(self) -> DataLoader[int, list[SkpResult]]:
        # "UTAMA" sorts after "TAMBAHAN" alphabetically: descending puts main results first.
        return _grouped(SkpResult, "skp_id", ("-kind", "sort_order", "id"))

    @cached_property
    def indicators_by_result_id(self) -> DataLoader[int, list[SkpIndicator]]:
        return _grouped(SkpIndicator, "result_id")

    @cached_property
    def realisations_by_indicator_id(self) -> DataLoader[int, list[SkpRealisation]]:
        return _grouped(SkpRealisation, "indicator_id", ("period",))

    @cached_property
    def action_plans_by_result_id(self) -> DataLoader[int, list[Any]]:
        from portal.duties.progress_models import SkpActionPlan

        return _grouped(SkpActionPlan, "result_id", ("period", "id"))

    @cached_property
    def reviews_by_skp_id(self) -> DataLoader[int, list[Any]]:
        from portal.duties.progress_models import SkpReview

        return _grouped(SkpReview, "skp_id", ("period",))

    @cached_property
    def skp_events_by_skp_id(self) -> DataLoader[int, list[Any]]:
        from portal.duties.progress_models import SkpEvent

        return _grouped(SkpEvent, "skp_id", ("at", "id"))

    @cached_property
    def skp_result_by_id(self) -> DataLoader[int, SkpResult | None]:
        return _by_id(SkpResult)

    @cached_property
    def requirements_by_position_id(self) -> DataLoader[int, list[PositionRequirement]]:
        return _grouped(PositionRequirement, "position_id", ("competency_id",))

    @cached_property
    def latest_assessments_by_employee_id(self) -> DataLoader[int, list[Assessment]]:
        async def load(ids: list[int]) -> list[list[Assessment]]:
            groups: dict[int, list[Assessment]] = defaultdict(list)
            for a in await rows_by(Assessment, "employee_id", set(ids)):
                groups[a.employee_id].append(a)
            return [latest_per_competency(groups.get(i, [])) for i in ids]

        return _loader(load)

    @cached_property
    def levels_by_competency_id(self) -> DataLoader[int, list[CompetencyLevel]]:
        return _grouped(CompetencyLevel, "competency_id", ("level",))

    @cached_property
    def course_competencies_by_course_id(self) -> DataLoader[int, list[CourseCompetency]]:
        return _grouped(CourseCompetency, "course_id", ("competency_id",))

    @cached_property
    def plan_by_employee_year(self) -> DataLoader[tuple[int, int], TrainingPlan | None]:
        async def load(keys: list[tuple[int, int]]) -> list[TrainingPlan | None]:
            rows = await rows_by(TrainingPlan, "employee_id", {k[0] for k in keys})  # one a year
            found = {(r.employee_id, r.year): r for r in rows}
            return [found.get(k) for k in keys]

        return _loader(load)

    @cached_property
    def items_by_plan_id(self) -> DataLoader[int, list[TrainingPlanItem]]:
        return _grouped(TrainingPlanItem, "plan_id")

    @cached_property
    def completed_jp_by_employee_year(self) -> DataLoader[tuple[int, int], int]:
        """JP completed per employee and year, summed by the database."""

        async def load(keys: list[tuple[int, int]]) -> list[int]:
            from portal.db import fetch

            # Written out: Tortoise's annotate/group_by took longer to build than to run.
            employees, years = sorted({k[0] for k in keys}), sorted({k[1] for k in keys})
            marks = [f"${i + 1}" for i in range(len(employees) + len(years))]
            rows = await fetch(
                "SELECT employee_id, year, SUM(jp) AS total FROM training_record"
                f" WHERE employee_id IN ({', '.join(marks[: len(employees)])})"
                f" AND year IN ({', '.join(marks[len(employees) :])}) GROUP BY employee_id, year",
                [*employees, *years],
            )
            sums = {(int(r["employee_id"]), int(r["year"])): int(r["total"] or 0) for r in rows}
            return [sums.get(k, 0) for k in keys]

        return _loader(load)

    @cached_property
    def records_by_employee_year(self) -> DataLoader[tuple[int, int], list[TrainingRecord]]:
        async def load(keys: list[tuple[int, int]]) -> list[list[TrainingRecord]]:
            groups: dict[tuple[int, int], list[TrainingRecord]] = defaultdict(list)
            rows = await TrainingRecord.filter(
                employee_id__in={k[0] for k in keys}, year__in={k[1] for k in keys}
            ).order_by("completed_on", "id")
            for r in rows:
                groups[(r.employee_id, r.year)].append(r)
            return [groups.get(k, []) for k in keys]

        return _loader(load)

    @cached_property
    def events_by_enrollment_id(self) -> DataLoader[int, list[EnrollmentEvent]]:
        return _grouped(EnrollmentEvent, "enrollment_id", ("at", "id"))

    @cached_property
    def enrollment_page(
        self,
    ) -> DataLoader[tuple[int, tuple[str, ...], int, int], tuple[list[Enrollment], int]]:
        return enrollment_page_loader()

    @cached_property
    def enrollment_by_id(self) -> DataLoader[int, Enrollment | None]:
        return _by_id(Enrollment)

    @cached_property
    def eligible_unit_ids_by_course_id(self) -> DataLoader[int, list[int]]:
        """Units a course is restricted to (the course_unit link table)."""

        async def load(ids: list[int]) -> list[list[int]]:
            from portal.db import fetch

            keys = sorted(set(ids))
            marks = ", ".join(f"${i + 1}" for i in range(len(keys)))
            rows = await fetch(
                f"SELECT course_id, orgunit_id FROM course_unit WHERE course_id IN ({marks})"
                " ORDER BY orgunit_id",
                keys,
            )
            groups: dict[int, list[int]] = defaultdict(list)
            for r in rows:
                groups[int(r["course_id"])].append(int(r["orgunit_id"]))
            return [groups.get(i, []) for i in ids]

        return _loader(load)

    @cached_property
    def return_note_by_plan_id(self) -> DataLoader[int, str]:
        """The note of a plan's last return, while a return is its latest review step.

        Read from the audit trail, which records every review step with its note.
        """

        async def load(ids: list[int]) -> list[str]:
            from portal.audit.models import AuditEntry

            rows = (
                await AuditEntry.filter(
                    object_type="TrainingPlan",
                    object_id__in=[str(i) for i in set(ids)],
                    action__in=[
                        "training_plan.submitted",
                        "training_plan.agreed",
                        "training_plan.returned",
                    ],
                )
                .order_by("-id")
                .values("object_id", "action", "after")
            )
            latest: dict[int, dict[str, Any]] = {}
            for r in rows:
                latest.setdefault(int(r["object_id"]), r)
            notes = {
                pid: str((r["after"] or {}).get("note", ""))
                for pid, r in latest.items()
                if r["action"] == "training_plan.returned"
            }
            return [notes.get(i, "") for i in ids]

        return _loader(load)


def enrollment_page_loader() -> DataLoader[
    tuple[int, tuple[str, ...], int, int], tuple[list[Enrollment], int]
]:
    """A page of each employee's enrollments (newest first) with the total, in one query per shape."""

    async def load(
        keys: list[tuple[int, tuple[str, ...], int, int]],
    ) -> list[tuple[list[Enrollment], int]]:
        from portal.db import fetch

        shapes: dict[tuple[tuple[str, ...], int, int], set[int]] = defaultdict(set)
        for employee_id, statuses, offset, limit in keys:
            shapes[(statuses, offset, limit)].add(employee_id)
        pages: dict[tuple[int, tuple[str, ...], int, int], tuple[list[Enrollment], int]] = {}
        for (statuses, offset, limit), employee_ids in shapes.items():
            params: list[Any] = [*sorted(employee_ids)]
            where = "employee_id IN (" + ", ".join(f"${i + 1}" for i in range(len(params))) + ")"
            if statuses:
                base = len(params)
                where += (
                    " AND status IN ("
                    + ", ".join(f"${base + i + 1}" for i in range(len(statuses)))
                    + ")"
                )
                params.extend(statuses)
            params.extend([offset, offset + limit])
            n = len(params)
            rows = await fetch(
                f"""
                SELECT * FROM (
                    SELECT e.*,
                        ROW_NUMBER() OVER (
                            PARTITION BY e.employee_id ORDER BY e.requested_at DESC, e.id DESC
                        ) AS rn,
                        COUNT(*) OVER (PARTITION BY e.employee_id) AS total
                    FROM enrollment e WHERE {where}
                ) t WHERE rn > ${n - 1} AND rn <= ${n} ORDER BY employee_id, rn
                """,
                params,
            )
            totals: dict[int, int] = {}
            found: dict[int, list[Enrollment]] = defaultdict(list)
            for row in rows:
                totals[row["employee_id"]] = int(row.pop("total"))
                row.pop("rn")
                found[row["employee_id"]].append(Enrollment._init_from_db(**row))
            for eid in employee_ids:
                total = totals.get(eid)
                if total is None and offset:
                    # The page is past the end: count what there is so totalCount stays right.
                    total = await Enrollment.filter(
                        employee_id=eid, **({"status__in": statuses} if statuses else {})
                    ).count()
                pages[(eid, statuses, offset, limit)] = (found.get(eid, []), total or 0)
        return [pages[k] for k in keys]

    return DataLoader(load_fn=load)
