"""Per-request DataLoaders: every relation the schema exposes is batched here.

Names follow ``<target>_by_<key>``. A Loaders object lives for one HTTP request (or one subscription
event), never for a whole WebSocket, so it never serves stale rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import cache, cached_property
from typing import Any, NamedTuple, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from portal.competencies.models import (
    Assessment,
    Competency,
    CompetencyLevel,
    PositionRequirement,
)
from portal.competencies.service import latest_per_competency
from portal.db import columns, model_from
from portal.duties.models import PositionDuty, Skp, SkpIndicator, SkpRealisation, SkpResult
from portal.graphql.batch import rows_by, rows_where
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


class PlanYear(NamedTuple):
    """An employee's development year: the plan (None before one exists), its items, JP done."""

    plan: TrainingPlan | None
    items: list[TrainingPlanItem]
    completed_jp: int


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
        """The active holder of each position's parent position (the lowest id if several)."""

        async def load(position_ids: list[int]) -> list[Employee | None]:
            holders: dict[int, Employee] = {}
            for row in await rows_where(*_supervisor_sql(), set(position_ids)):
                holders.setdefault(row["child_id"], model_from(row, Employee, "h"))  # type: ignore[arg-type]
            return [holders.get(p) for p in position_ids]

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
        """Main results first, each brought with its indicators and their realisations.

        The SKP is read as a whole (results, indicators, progress from the realisations): one
        statement instead of three waves of loaders, which are primed with what it found.
        """
        indicators, realisations = self.indicators_by_result_id, self.realisations_by_indicator_id

        async def load(skp_ids: list[int]) -> list[list[SkpResult]]:
            results: dict[int, list[SkpResult]] = defaultdict(list)
            indicators_of: dict[int, list[SkpIndicator]] = {}
            realisations_of: dict[int, list[SkpRealisation]] = {}
            for row in await rows_where(*_skp_tree_sql(), set(skp_ids)):
                result_id, indicator_id = row["r__id"], row["i__id"]
                if result_id not in indicators_of:
                    result = model_from(row, SkpResult, "r")
                    assert result is not None
                    results[result.skp_id].append(result)
                    indicators_of[result_id] = []
                if indicator_id is not None and indicator_id not in realisations_of:
                    indicators_of[result_id].append(model_from(row, SkpIndicator, "i"))  # type: ignore[arg-type]
                    realisations_of[indicator_id] = []
                if row["x__id"] is not None:
                    realisations_of[indicator_id].append(model_from(row, SkpRealisation, "x"))  # type: ignore[arg-type]
            indicators.prime_many(indicators_of)
            realisations.prime_many(realisations_of)
            return [results.get(k, []) for k in skp_ids]

        return _loader(load)

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
        """Each with its competency (``competency_by_id`` is primed): the catalog shows both."""
        competencies = self.competency_by_id

        async def load(ids: list[int]) -> list[list[CourseCompetency]]:
            groups: dict[int, list[CourseCompetency]] = defaultdict(list)
            found: dict[int, Competency] = {}
            for row in await rows_where(*_course_competencies_sql(), set(ids)):
                link = model_from(row, CourseCompetency, "l")
                assert link is not None
                groups[link.course_id].append(link)
                if (competency := model_from(row, Competency, "m")) is not None:
                    found[competency.id] = competency
            competencies.prime_many(found)
            return [groups.get(i, []) for i in ids]

        return _loader(load)

    @cached_property
    def plan_by_employee_year(self) -> DataLoader[tuple[int, int], PlanYear]:
        """Each (employee, year)'s plan, its items, and the JP completed that year.

        The plan view always shows all three: one statement, which brings the items' courses
        and competencies along too (``course_by_id`` and ``competency_by_id`` are primed).
        """
        courses, competencies = self.course_by_id, self.competency_by_id

        async def load(keys: list[tuple[int, int]]) -> list[PlanYear]:
            from portal.db import dialect, fetch

            unique = sorted(set(keys))
            if await dialect() == "postgres":
                sql = _plan_year_sql("SELECT * FROM unnest($1::int[], $2::int[])")
                params: list[Any] = [[k[0] for k in unique], [k[1] for k in unique]]
            else:
                marks = ", ".join(f"(${2 * i + 1}, ${2 * i + 2})" for i in range(len(unique)))
                sql = _plan_year_sql(f"VALUES {marks}")
                params = [v for k in unique for v in k]
            views: dict[tuple[int, int], PlanYear] = {}
            found_courses: dict[int, Course] = {}
            found_competencies: dict[int, Competency] = {}
            for row in await fetch(sql, params):
                key = (int(row["k_employee_id"]), int(row["k_year"]))
                view = views.get(key)
                if view is None:
                    plan = model_from(row, TrainingPlan, "p")
                    view = views[key] = PlanYear(plan, [], int(row["completed_jp"] or 0))
                if (item := model_from(row, TrainingPlanItem, "i")) is not None:
                    view.items.append(item)
                if (course := model_from(row, Course, "c")) is not None:
                    found_courses[course.id] = course
                if (competency := model_from(row, Competency, "m")) is not None:
                    found_competencies[competency.id] = competency
            courses.prime_many(found_courses)
            competencies.prime_many(found_competencies)
            return [views[k] for k in keys]

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
        """Transitions, oldest first, each brought with its actor (``employee_by_id`` is primed)."""
        employees = self.employee_by_id

        async def load(ids: list[int]) -> list[list[EnrollmentEvent]]:
            groups: dict[int, list[EnrollmentEvent]] = defaultdict(list)
            actors: dict[int, Employee] = {}
            for row in await rows_where(*_events_sql(), set(ids)):
                event = model_from(row, EnrollmentEvent, "v")
                assert event is not None
                groups[event.enrollment_id].append(event)
                if (actor := model_from(row, Employee, "a")) is not None:
                    actors[actor.id] = actor
            employees.prime_many(actors)
            return [groups.get(i, []) for i in ids]

        return _loader(load)

    @cached_property
    def enrollment_page(
        self,
    ) -> DataLoader[tuple[int, tuple[str, ...], int, int], tuple[list[Enrollment], int]]:
        return enrollment_page_loader(sessions=self.session_by_id, courses=self.course_by_id)

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


@cache
def _supervisor_sql() -> tuple[str, str]:
    """Holders of each position's parent, by the child position: no wait for the position row."""
    return (
        f"SELECT p.id AS child_id, {columns(Employee, 'h')} FROM position p"
        " JOIN employee h ON h.position_id = p.parent_id AND h.active WHERE p.id",
        " ORDER BY h.id",
    )


@cache
def _skp_tree_sql() -> tuple[str, str]:
    """Results with their indicators and realisations, one row per realisation (or leaf)."""
    # "UTAMA" sorts after "TAMBAHAN" alphabetically: descending puts main results first.
    return (
        f"SELECT {columns(SkpResult, 'r')}, {columns(SkpIndicator, 'i')},"
        f" {columns(SkpRealisation, 'x')} FROM skp_result r"
        " LEFT JOIN skp_indicator i ON i.result_id = r.id"
        " LEFT JOIN skp_realisation x ON x.indicator_id = i.id WHERE r.skp_id",
        " ORDER BY r.kind DESC, r.sort_order, r.id, i.id, x.period",
    )


@cache
def _course_competencies_sql() -> tuple[str, str]:
    return (
        f"SELECT {columns(CourseCompetency, 'l')}, {columns(Competency, 'm')}"
        " FROM course_competency l LEFT JOIN competency m ON m.id = l.competency_id"
        " WHERE l.course_id",
        " ORDER BY l.competency_id",
    )


@cache
def _events_sql() -> tuple[str, str]:
    return (
        f"SELECT {columns(EnrollmentEvent, 'v')}, {columns(Employee, 'a')} FROM enrollment_event v"
        " LEFT JOIN employee a ON a.id = v.actor_id WHERE v.enrollment_id",
        " ORDER BY v.at, v.id",
    )


@cache
def _plan_year_sql(keys: str) -> str:
    """Plan, items (with course and competency) of each (employee, year) in ``keys``, JP done.

    The JP come from ``training_jp_year``, which the database keeps per employee and year
    (migration 0010): one key lookup, not a sum repeated for every item row of the join.
    """
    return f"""
        WITH k(employee_id, year) AS ({keys})
        SELECT k.employee_id AS k_employee_id, k.year AS k_year,
               j.jp AS completed_jp,
               {columns(TrainingPlan, "p")}, {columns(TrainingPlanItem, "i")},
               {columns(Course, "c")}, {columns(Competency, "m")}
          FROM k
          LEFT JOIN training_jp_year j ON j.year = k.year AND j.employee_id = k.employee_id
          LEFT JOIN training_plan p ON p.employee_id = k.employee_id AND p.year = k.year
          LEFT JOIN training_plan_item i ON i.plan_id = p.id
          LEFT JOIN course c ON c.id = i.course_id
          LEFT JOIN competency m ON m.id = i.competency_id
         ORDER BY i.id
    """


@cache
def _enrollment_page_columns() -> str:
    return (
        f"{columns(Enrollment, 'n')}, n.total,"
        f" {columns(TrainingSession, 's')}, {columns(Course, 'c')}"
    )


def enrollment_page_loader(
    *,
    sessions: DataLoader[int, TrainingSession | None],
    courses: DataLoader[int, Course | None],
) -> DataLoader[tuple[int, tuple[str, ...], int, int], tuple[list[Enrollment], int]]:
    """A page of each employee's enrollments (newest first) with the total, in one query per shape.

    Each enrollment comes with its session and the session's course, which prime ``sessions``
    and ``courses``: the page is shown with both, and they would otherwise be two more waves.
    """

    async def load(
        keys: list[tuple[int, tuple[str, ...], int, int]],
    ) -> list[tuple[list[Enrollment], int]]:
        from portal.db import fetch

        shapes: dict[tuple[tuple[str, ...], int, int], set[int]] = defaultdict(set)
        for employee_id, statuses, offset, limit in keys:
            shapes[(statuses, offset, limit)].add(employee_id)
        pages: dict[tuple[int, tuple[str, ...], int, int], tuple[list[Enrollment], int]] = {}
        found_sessions: dict[int, TrainingSession] = {}
        found_courses: dict[int, Course] = {}
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
                SELECT {_enrollment_page_columns()} FROM (
                    SELECT e.*,
                        ROW_NUMBER() OVER (
                            PARTITION BY e.employee_id ORDER BY e.requested_at DESC, e.id DESC
                        ) AS rn,
                        COUNT(*) OVER (PARTITION BY e.employee_id) AS total
                    FROM enrollment e WHERE {where}
                ) n
                LEFT JOIN training_session s ON s.id = n.session_id
                LEFT JOIN course c ON c.id = s.course_id
                WHERE n.rn > ${n - 1} AND n.rn <= ${n} ORDER BY n.employee_id, n.rn
                """,
                params,
            )
            totals: dict[int, int] = {}
            found: dict[int, list[Enrollment]] = defaultdict(list)
            for row in rows:
                enrollment = model_from(row, Enrollment, "n")
                assert enrollment is not None
                totals[enrollment.employee_id] = int(row["total"])
                found[enrollment.employee_id].append(enrollment)
                if (session := model_from(row, TrainingSession, "s")) is not None:
                    found_sessions[session.id] = session
                if (course := model_from(row, Course, "c")) is not None:
                    found_courses[course.id] = course
            for eid in employee_ids:
                total = totals.get(eid)
                if total is None and offset:
                    # The page is past the end: count what there is so totalCount stays right.
                    total = await Enrollment.filter(
                        employee_id=eid, **({"status__in": statuses} if statuses else {})
                    ).count()
                pages[(eid, statuses, offset, limit)] = (found.get(eid, []), total or 0)
        sessions.prime_many(found_sessions)
        courses.prime_many(found_courses)
        return [pages[k] for k in keys]

    return DataLoader(load_fn=load)
