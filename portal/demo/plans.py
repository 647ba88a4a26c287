"""Training plans for the current year: each item closes a gap through a course or coaching."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.demo.catalog import CourseRun
from portal.demo.courses import SITI_GAP_COURSES, SITI_REQUESTED_COURSE
from portal.demo.world import Person, World
from portal.demo.writer import Row, Writer
from portal.training.models import (
    PlanItemStatus,
    PlanStatus,
    TrainingMethod,
    TrainingPlan,
    TrainingPlanItem,
)


@dataclass(slots=True, eq=False)
class PlanItem:
    id: int
    plan_id: int
    person: Person
    competency_id: int
    course: CourseRun | None
    title: str
    method: TrainingMethod
    planned_jp: int
    status: PlanItemStatus
    proposed_by: Person | None
    created: dt.date


class Planner:
    """Plans in memory; enrollments link to their items before anything is written."""

    def __init__(self, world: World, runs: list[CourseRun]) -> None:
        self.world = world
        self.plans: list[Row] = []
        self.items: list[PlanItem] = []
        self.by_course: dict[tuple[int, int], PlanItem] = {}  # (employee id, course id)
        self.courses_for: dict[int, list[CourseRun]] = {}
        for run in runs:
            for competency_id, _ in run.targets:
                self.courses_for.setdefault(competency_id, []).append(run)
        self.runs = {run.spec.code: run for run in runs}

    def plan_everyone(self) -> None:
        rng = self.world.rng
        siti = self.world.personas["siti"]
        for person in self.world.people:
            if person is siti:
                self._siti(person)
            elif rng.random() < 0.85:
                self._plan(person)

    def _plan(self, person: Person) -> None:
        world = self.world
        rng = world.rng
        roll = rng.random()
        status = (
            PlanStatus.DRAFT
            if roll < 0.2
            else PlanStatus.PROPOSED
            if roll < 0.5
            else PlanStatus.AGREED
        )
        plan_id = self._plan_row(person, status)
        competencies = list(person.gaps)
        rng.shuffle(competencies)
        if not competencies:  # nothing short: deepen the core technical competency instead
            competencies = [cid for cid, _ in person.post.requirements[-1:]]
        for competency_id in competencies[: rng.randint(1, 3)]:
            courses = [r for r in self.courses_for.get(competency_id, ()) if r.admits(person)]
            self._item(
                person, plan_id, status, competency_id, rng.choice(courses) if courses else None
            )

    def _siti(self, siti: Person) -> None:
        """Siti's agreed plan: her two gaps, each with a course."""
        plan_id = self._plan_row(siti, PlanStatus.AGREED)
        ids = self.world.competency_ids
        self._item(
            siti, plan_id, PlanStatus.AGREED, ids["T.KES.01"], self.runs[SITI_REQUESTED_COURSE]
        )
        self._item(siti, plan_id, PlanStatus.AGREED, ids["M.05"], self.runs[SITI_GAP_COURSES[0]])

    def _plan_row(self, person: Person, status: PlanStatus) -> int:
        world = self.world
        plan_id = world.ids.next("training_plan")
        agreed_by = agreed_at = None
        if status is PlanStatus.AGREED:
            approver = world.approver(person.post)
            agreed_by = approver.id if approver else None
            day = world.day_in(
                dt.date(world.year, 1, 10), min(world.today, dt.date(world.year, 3, 31))
            )
            agreed_at = world.at(day, world.rng.randint(8, 15), world.rng.randint(0, 59))
        self.plans.append((plan_id, person.id, world.year, status.value, agreed_by, agreed_at))
        return plan_id

    def _item(
        self,
        person: Person,
        plan_id: int,
        plan_status: PlanStatus,
        competency_id: int,
        course: CourseRun | None,
    ) -> None:
        world = self.world
        rng = world.rng
        name = world.competency_names[competency_id]
        if course is not None:
            title, method, jp = course.spec.title, course.spec.method, course.spec.jp
        elif rng.random() < 0.6:
            title, method, jp = (
                f"Coaching {name} oleh atasan langsung",
                TrainingMethod.COACHING,
                rng.randint(4, 8),
            )
        else:
            title, method, jp = (
                f"Belajar mandiri: {name}",
                TrainingMethod.BELAJAR_MANDIRI,
                rng.randint(2, 6),
            )
        status = PlanItemStatus.PROPOSED
        if plan_status is PlanStatus.AGREED:
            status = PlanItemStatus.DROPPED if rng.random() < 0.05 else PlanItemStatus.AGREED
        proposer = person if rng.random() < 0.8 else world.approver(person.post) or person
        item = PlanItem(
            world.ids.next("training_plan_item"),
            plan_id,
            person,
            competency_id,
            course,
            title,
            method,
            jp,
            status,
            proposer,
            world.day_in(dt.date(world.year, 1, 5), min(world.today, dt.date(world.year, 2, 28))),
        )
        self.items.append(item)
        if course is not None:
            self.by_course.setdefault((person.id, course.id), item)

    async def write(self, writer: Writer) -> None:
        world = self.world
        await writer.write(
            TrainingPlan,
            ("id", "employee_id", "year", "status", "agreed_by_id", "agreed_at"),
            self.plans,
        )
        rows = [
            (
                i.id,
                i.plan_id,
                i.competency_id,
                i.course.id if i.course else None,
                i.title,
                i.method.value,
                i.planned_jp,
                i.status.value,
                i.proposed_by.id if i.proposed_by else None,
                world.at(i.created, 9),
            )
            for i in self.items
        ]
        columns = (
            "id",
            "plan_id",
            "competency_id",
            "course_id",
            "title",
            "method",
            "planned_jp",
            "status",
            "proposed_by_id",
            "created_at",
        )
        await writer.write(TrainingPlanItem, columns, rows)
