"""Courses and their sessions over the year: some finished, a few running, most still open."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from portal.demo.courses import (
    COURSES,
    ONLINE,
    PLACES,
    RECENT_COURSE,
    SERVICE_COURSE,
    SITI_COMPLETED_COURSE,
    SITI_GAP_COURSES,
    SITI_REJECTED_COURSE,
    SITI_REQUESTED_COURSE,
    CourseSpec,
)
from portal.demo.world import Person, World
from portal.demo.writer import Row, Writer, json_value
from portal.people.models import UnitKind
from portal.training.catalog import LINE_LEVELS
from portal.training.models import (
    Course,
    CourseCompetency,
    SessionStatus,
    TrainingMethod,
    TrainingMode,
    TrainingSession,
)

TANGSEL = ("Ciputat", "Serpong", "Pamulang", "Pondok Aren", "Setu", "Unit kerja")
CLASSICAL = (TrainingMethod.PELATIHAN, TrainingMethod.SEMINAR, TrainingMethod.WORKSHOP)
ONLINE_METHODS = (TrainingMethod.E_LEARNING, TrainingMethod.BELAJAR_MANDIRI)


@dataclass(slots=True, eq=False)
class Session:
    id: int
    course: CourseRun
    starts_on: dt.date
    ends_on: dt.date
    deadline: dt.date
    place: str
    online_url: str
    capacity: int
    status: SessionStatus
    role: str = ""  # "full", "free" or a persona story; drives how enrollments fill it
    hr_verification: bool | None = None  # None: as the course says
    seats_taken: int = 0


@dataclass(slots=True, eq=False)
class CourseRun:
    """A course as the generator uses it: ids, eligibility, approval chain and sessions."""

    id: int
    spec: CourseSpec
    targets: list[tuple[int, int]]  # (competency id, target level)
    unit_ids: set[int]  # empty: open to every unit
    sessions: list[Session] = field(default_factory=list)

    def admits(self, person: Person) -> bool:
        if self.unit_ids and person.post.unit.id not in self.unit_ids:
            return False
        return not self.spec.kinds or person.post.level.kind.value in self.spec.kinds


def approval_chain(session: Session) -> list[str]:
    """The steps a request walks, as ``portal.training.enrollment.approval_chain`` has them."""
    spec = session.course.spec
    steps = ["SUPERVISOR", *[s for s in spec.steps if s in LINE_LEVELS or s == "HR"]]
    verify = spec.hr_check if session.hr_verification is None else session.hr_verification
    return [*steps, "HR_VERIFICATION"] if verify else steps


def build_catalog(world: World) -> list[CourseRun]:
    """Courses with their competencies, eligible units and sessions for the current year."""
    runs = []
    for spec in COURSES:
        targets = [(world.competency_ids[code], level) for code, level in spec.targets]
        runs.append(
            CourseRun(world.ids.next("course"), spec, targets, _eligible_units(world, spec))
        )
    # Sessions grow slower than headcount: a bigger government runs more classes, not 50x more.
    scale = math.sqrt(world.employees / 2000)
    for run in runs:
        for _ in range(max(1, round(world.rng.uniform(2, 4) * scale))):
            roll = world.rng.random()
            _add_session(world, run, past=roll < 0.35, running=0.35 <= roll < 0.42)
    _story_sessions(world, {r.spec.code: r for r in runs})
    for run in runs:
        run.sessions.sort(key=lambda s: (s.starts_on, s.capacity))
        for session in run.sessions:
            session.id = world.ids.next("training_session")
    return runs


def _eligible_units(world: World, spec: CourseSpec) -> set[int]:
    if not spec.agencies:
        return set()
    agencies = {world.opd_by_code[c] for c in spec.agencies if c in world.opd_by_code}
    wants_area = "KECAMATAN" in spec.agencies
    return {
        u.id
        for u in world.units
        if u.opd is not None
        and (u.opd in agencies or (wants_area and u.opd.kind is UnitKind.KECAMATAN))
    }


def _story_sessions(world: World, runs: dict[str, CourseRun]) -> None:
    """Sessions the personas' stories need, whatever the random draw gave."""
    _add_session(world, runs[SERVICE_COURSE], past=False, role="full")
    _add_session(world, runs[RECENT_COURSE], past=True, role="recent")
    for code in SITI_GAP_COURSES:
        _add_session(world, runs[code], past=False, role="free")
    _add_session(world, runs[SITI_REQUESTED_COURSE], past=False, role="siti-requested")
    _add_session(world, runs[SITI_COMPLETED_COURSE], past=True, role="siti-completed")
    _add_session(world, runs[SITI_REJECTED_COURSE], past=True, role="siti-rejected")


def _add_session(
    world: World, run: CourseRun, *, past: bool, running: bool = False, role: str = ""
) -> None:
    rng = world.rng
    today = world.today
    spec = run.spec
    days = _duration(world, spec)
    if role == "recent":  # just over: attendance recorded, completion still to come
        starts = today - dt.timedelta(days=days - 1 + rng.randint(2, 6))
    elif past:
        latest = today - dt.timedelta(days=days + 3)
        earliest = dt.date(today.year, 1, 8)
        if (latest - earliest).days < 14:  # early in the year: last year's late sessions
            earliest = latest - dt.timedelta(days=90)
        starts = world.day_in(earliest, latest)
    elif running:  # under way or about to start: requests closed
        starts = world.day_in(today - dt.timedelta(days=days - 1), today + dt.timedelta(days=6))
    else:
        # Open sessions start far enough ahead for a deadline that is still to come.
        first = today + dt.timedelta(days=21)
        starts = world.day_in(
            first, max(dt.date(today.year, 12, 12), first + dt.timedelta(days=40))
        )
    ends = starts + dt.timedelta(days=days - 1)
    deadline = starts - dt.timedelta(days=rng.randint(5, 14))
    status = _status(world, starts, ends, deadline, forced=bool(role))
    online = spec.method in ONLINE_METHODS
    place = "" if online else _place(world, spec)
    url = f"{ONLINE.get(spec.organiser, ONLINE[''])}/{spec.code.lower()}-{len(run.sessions) + 1}"
    capacity = _capacity(world, spec)
    session = Session(
        0, run, starts, ends, deadline, place, url if online else "", capacity, status, role
    )
    # Sessions held out of town need BKPSDM's check (travel costs), whatever the course says.
    if not role and not online and not spec.hr_check and not any(t in place for t in TANGSEL):
        session.hr_verification = rng.random() < 0.5
    run.sessions.append(session)


def _status(
    world: World, starts: dt.date, ends: dt.date, deadline: dt.date, *, forced: bool
) -> SessionStatus:
    today = world.today
    cancelled = not forced and world.rng.random() < 0.04
    if ends < today:
        return SessionStatus.CANCELLED if cancelled else SessionStatus.FINISHED
    if starts <= today or deadline < today:
        return SessionStatus.CLOSED
    return SessionStatus.CANCELLED if cancelled else SessionStatus.OPEN


def _duration(world: World, spec: CourseSpec) -> int:
    rng = world.rng
    if spec.method in CLASSICAL:
        return max(1, math.ceil(spec.jp / 8))  # 8 JP a day
    if spec.method in ONLINE_METHODS:
        return rng.randint(14, 30)
    if spec.method in (TrainingMethod.COACHING, TrainingMethod.MENTORING):
        return rng.randint(30, 60)
    return rng.randint(5, 10)


def _capacity(world: World, spec: CourseSpec) -> int:
    rng = world.rng
    if spec.method in (TrainingMethod.COACHING, TrainingMethod.MENTORING, TrainingMethod.MAGANG):
        return rng.randint(10, 15)
    if spec.method in ONLINE_METHODS:
        return rng.choice((30, 35, 40))
    return rng.choice((20, 24, 25, 30, 30, 35, 40))


def _place(world: World, spec: CourseSpec) -> str:
    if spec.method in (TrainingMethod.COACHING, TrainingMethod.MENTORING):
        return "Unit kerja peserta (tatap muka dan daring)"
    if spec.method is TrainingMethod.MAGANG:
        return "RSUP Fatmawati, Jl. RS Fatmawati Raya, Cilandak, Jakarta Selatan"
    if spec.method is TrainingMethod.BENCHMARKING:
        return "Dinas Kebudayaan Daerah Istimewa Yogyakarta, Kota Yogyakarta"
    return world.rng.choice(PLACES.get(spec.organiser, PLACES[""]))


async def write_courses(world: World, writer: Writer, runs: list[CourseRun]) -> None:
    """The catalog: courses, what they develop, and who may join (sessions come later)."""
    created = world.at(world.today.replace(month=1, day=2), 9)
    courses: list[Row] = []
    targets: list[Row] = []
    units: list[Row] = []
    for run in runs:
        spec = run.spec
        mode = TrainingMode.KLASIKAL if spec.method in CLASSICAL else TrainingMode.NON_KLASIKAL
        description = spec.description or f"{spec.title} yang diselenggarakan {spec.organiser}."
        courses.append(
            (
                run.id,
                spec.code,
                spec.title,
                description,
                mode.value,
                spec.method.value,
                spec.jp,
                spec.organiser,
                json_value(list(spec.kinds)),
                spec.hr_check,
                json_value(list(spec.steps)),
                True,
                created,
            )
        )
        for competency_id, level in run.targets:
            targets.append((world.ids.next("course_competency"), run.id, competency_id, level))
        units.extend((run.id, unit_id) for unit_id in sorted(run.unit_ids))
    columns = (
        "id",
        "code",
        "title",
        "description",
        "mode",
        "method",
        "jp",
        "organiser",
        "eligible_kinds",
        "requires_hr_verification",
        "approval_steps",
        "active",
        "created_at",
    )
    await writer.write(Course, columns, courses)
    await writer.write(
        CourseCompetency, ("id", "course_id", "competency_id", "target_level"), targets
    )
    await writer.write_table("course_unit", ("course_id", "orgunit_id"), units)


async def write_sessions(world: World, writer: Writer, runs: list[CourseRun]) -> None:
    """Sessions, once enrollments have settled how many seats each has taken."""
    rows = [
        (
            s.id,
            run.id,
            s.starts_on,
            s.ends_on,
            s.deadline,
            s.place,
            s.online_url,
            s.capacity,
            s.seats_taken,
            s.status.value,
            s.hr_verification,
            world.at(min(s.starts_on - dt.timedelta(days=60), world.today), 9),
        )
        for run in runs
        for s in run.sessions
    ]
    columns = (
        "id",
        "course_id",
        "starts_on",
        "ends_on",
        "enrollment_deadline",
        "place",
        "online_url",
        "capacity",
        "seats_taken",
        "status",
        "hr_verification",
        "created_at",
    )
    await writer.write(TrainingSession, columns, rows)
