"""Enrollments in every state, each with the event history the enrollment service would write.

A request walks the session's approval chain exactly as ``portal.training.enrollment`` defines it:
direct supervisor (the parent position), the course's SECOND_LEVEL / HR steps, then HR
verification when the course or session asks for it. A step whose position is missing falls to HR;
a vacant position is decided by its Plt. Seats follow the model's rule: ``seats_taken`` counts
ENROLLED, ATTENDED and COMPLETED and never exceeds capacity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from portal.demo.catalog import CourseRun, Session, approval_chain
from portal.demo.plans import PlanItem, Planner
from portal.demo.world import Person, Post, World
from portal.training.catalog import LINE_LEVELS
from portal.training.models import EnrollmentStatus as S
from portal.training.models import PlanItemStatus, SessionStatus

SEATED = (S.ENROLLED, S.ATTENDED, S.COMPLETED)
# The first requests of the just-finished session: every after-the-session state shows up.
RECENT_STORY = (S.ATTENDED, S.NO_SHOW, S.CANCELLED, S.REJECTED, S.ATTENDED)
REASONS = (
    "Sesuai rencana pengembangan kompetensi tahun ini.",
    "Untuk menutup kesenjangan kompetensi jabatan.",
    "Atas rekomendasi atasan langsung.",
    "Dibutuhkan untuk peningkatan layanan di unit kerja.",
)
APPROVALS = (
    "Disetujui.",
    "Disetujui, sesuai rencana pengembangan.",
    "Disetujui. Bagikan hasilnya di unit kerja.",
)
REJECTIONS = (
    "Jadwal bertepatan dengan layanan akhir bulan; ajukan sesi berikutnya.",
    "Kuota unit kerja untuk pelatihan ini sudah terpenuhi.",
    "Belum sesuai dengan kebutuhan jabatan saat ini.",
    "Prioritaskan pelatihan teknis sesuai rencana pengembangan.",
)
CANCELLATIONS = (
    "Bertugas jaga pada tanggal pelatihan.",
    "Ada penugasan mendadak dari pimpinan.",
    "Sakit.",
    "Mengikuti kegiatan lain yang lebih prioritas.",
)


@dataclass(frozen=True, slots=True)
class Step:
    """One approval step: the position awaited (None: HR) and who decides it."""

    position: Post | None
    decider: Person


@dataclass(slots=True, eq=False)
class Event:
    from_status: S | None
    to_status: S
    actor: Person | None
    note: str
    at: dt.datetime
    step: int | None = None


@dataclass(slots=True, eq=False)
class Enrollment:
    id: int
    person: Person
    session: Session
    item: PlanItem | None
    status: S
    reason: str
    requested_by: Person
    step: int = 0
    awaiting: Step | None = None  # only while REQUESTED
    requested_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    waitlisted_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    events: list[Event] = field(default_factory=list)


class Enroller:
    """Fills sessions with requests from people who planned the course or have its gap."""

    def __init__(self, world: World, runs: list[CourseRun], planner: Planner) -> None:
        self.world = world
        self.runs = runs
        self.planner = planner
        self.enrollments: list[Enrollment] = []
        self.excluded = {p.id for p in world.personas.values()}
        self._queues: dict[int, list[Person]] = {}
        self._gapped: dict[int, list[Person]] = {}  # competency id -> people short of it
        for person in world.people:
            for competency_id in person.gaps:
                self._gapped.setdefault(competency_id, []).append(person)

    def enroll_everyone(self) -> None:
        for run in self.runs:
            for session in run.sessions:
                if not session.role.startswith("siti"):
                    self._fill(session, self._count(session))
        self._siti_story()
        for e in self.enrollments:
            if e.status in SEATED:
                e.session.seats_taken += 1
        for run in self.runs:
            for session in run.sessions:
                if session.seats_taken > session.capacity:
                    raise AssertionError(f"session {session.id} is overbooked")

    # -- who, how many, in which state ------------------------------------------------------

    def _queue(self, run: CourseRun) -> list[Person]:
        """People for a course, those who planned it first, then those with a matching gap."""
        if run.id not in self._queues:
            rng = self.world.rng
            planned = [i.person for i in self.planner.items if i.course is run]
            gapped = sorted(
                {p.id: p for cid, _ in run.targets for p in self._gapped.get(cid, ())}.values(),
                key=lambda p: p.id,
            )
            rng.shuffle(planned)
            rng.shuffle(gapped)
            seen: set[int] = set()
            queue = []
            for person in planned + gapped:
                if person.id not in seen and person.id not in self.excluded and run.admits(person):
                    seen.add(person.id)
                    queue.append(person)
            queue.reverse()  # pop() from the end takes the planners first
            self._queues[run.id] = queue
        return self._queues[run.id]

    def _draw(self, run: CourseRun, count: int, *, anyone: bool = False) -> list[Person]:
        """Up to ``count`` people from the course's queue; ``anyone`` tops up with whoever may
        join (a session that must be full)."""
        queue = self._queue(run)
        people = [queue.pop() for _ in range(min(count, len(queue)))]
        chosen = {p.id for p in people}
        for _ in range(count * 20 if anyone else 0):
            if len(people) >= count:
                break
            person = self.world.rng.choice(self.world.people)
            if person.id not in self.excluded | chosen and run.admits(person):
                chosen.add(person.id)
                people.append(person)
        return people

    def _count(self, session: Session) -> int:
        rng = self.world.rng
        cap = session.capacity
        if session.role == "full":
            return cap + rng.randint(4, 7)
        if session.role == "recent":
            return max(len(RECENT_STORY), round(cap * rng.uniform(0.6, 0.9)))
        if session.status is SessionStatus.CANCELLED:
            return rng.randint(0, 5)
        if session.status is SessionStatus.OPEN:
            count = round(cap * rng.uniform(0.2, 0.9))
            return min(count, cap - 6) if session.role == "free" else count
        return round(cap * rng.uniform(0.6, 1.0))

    def _fill(self, session: Session, count: int, taken: frozenset[int] = frozenset()) -> None:
        seated = 0
        story = session.role in ("full", "recent")  # must show their states whatever the gaps
        people = [p for p in self._draw(session.course, count, anyone=story) if p.id not in taken]
        for index, person in enumerate(people):
            status = self._pick_status(session, seated, index)
            seated += status in SEATED
            self.add(person, session, status)

    def _pick_status(self, session: Session, seated: int, index: int) -> S:
        rng = self.world.rng
        full = seated >= session.capacity
        if session.role == "full":
            return S.WAITLISTED if full else S.ENROLLED
        if session.role == "recent" and index < len(RECENT_STORY):
            return RECENT_STORY[index]
        roll = rng.random()
        if session.status is SessionStatus.CANCELLED:
            return S.CANCELLED
        if session.status is SessionStatus.FINISHED:
            if roll < 0.07:
                return S.REJECTED
            if roll < 0.13:
                return S.CANCELLED
            if roll < 0.2:
                return S.NO_SHOW
            recent = session.ends_on >= self.world.today - dt.timedelta(days=14)
            return S.ATTENDED if recent and rng.random() < 0.5 else S.COMPLETED
        if roll < 0.08:
            return S.REJECTED
        if roll < 0.14:
            return S.CANCELLED
        if session.status is SessionStatus.OPEN and roll < 0.45:
            return S.REQUESTED
        return S.WAITLISTED if full else S.ENROLLED

    # -- the story of one request ---------------------------------------------------------------

    def add(
        self,
        person: Person,
        session: Session,
        status: S,
        *,
        note: str = "",
        requested_on: dt.date | None = None,
    ) -> Enrollment:
        """An enrollment that reached ``status``, with every event on the way."""
        world = self.world
        rng = world.rng
        chain = self._chain(person, session)
        item = self.planner.by_course.get((person.id, session.course.id))
        e = Enrollment(
            world.ids.next("enrollment"), person, session, item, status, rng.choice(REASONS), person
        )
        day = requested_on or self._request_day(session)
        clock = world.at(day, rng.randint(7, 15), rng.randint(0, 59))
        e.requested_at = clock
        direct = status in (*SEATED, S.NO_SHOW) and session.role != "full" and rng.random() < 0.03
        if direct:  # HR or the supervisor put the person in (enroll_directly)
            actor = chain[0].decider
            e.requested_by, e.reason, e.decided_at = actor, "Didaftarkan langsung.", clock
            e.events.append(Event(None, S.ENROLLED, actor, e.reason, clock))
            self._after_seat(e, clock)
        else:
            e.events.append(Event(None, S.REQUESTED, person, e.reason, clock))
            self._decide(e, chain, clock, note, pending=requested_on is not None)
        self.enrollments.append(e)
        if item is not None and status is S.COMPLETED:
            item.status = PlanItemStatus.COMPLETED
        return e

    def _decide(
        self, e: Enrollment, chain: list[Step], clock: dt.datetime, note: str, *, pending: bool
    ) -> None:
        rng = self.world.rng
        status = e.status
        if status is S.REQUESTED:
            e.step = 0 if pending else rng.randrange(len(chain))
            self._approve(e, chain[: e.step], clock)
            e.awaiting = chain[e.step]
            return
        if status is S.REJECTED or (
            status is S.CANCELLED
            and e.session.status is not SessionStatus.CANCELLED
            and rng.random() < 0.5
        ):
            e.step = rng.randrange(len(chain))
            clock = self._later(self._approve(e, chain[: e.step], clock), e.session)
            if status is S.REJECTED:
                e.decided_at = clock
                e.events.append(
                    Event(
                        S.REQUESTED,
                        S.REJECTED,
                        chain[e.step].decider,
                        note or rng.choice(REJECTIONS),
                        clock,
                        e.step,
                    )
                )
            else:
                e.events.append(
                    Event(S.REQUESTED, S.CANCELLED, e.person, rng.choice(CANCELLATIONS), clock)
                )
            return
        e.step = len(chain) - 1
        clock = self._later(self._approve(e, chain[:-1], clock), e.session)
        e.decided_at = clock
        if status is S.WAITLISTED:
            e.waitlisted_at = clock
            e.events.append(
                Event(
                    S.REQUESTED,
                    S.WAITLISTED,
                    chain[-1].decider,
                    rng.choice(APPROVALS),
                    clock,
                    e.step,
                )
            )
            return
        e.events.append(
            Event(S.REQUESTED, S.ENROLLED, chain[-1].decider, rng.choice(APPROVALS), clock, e.step)
        )
        self._after_seat(e, clock)

    def _after_seat(self, e: Enrollment, clock: dt.datetime) -> None:
        """What happened to a held seat: cancelled, no-show, attended, completed."""
        world = self.world
        rng = world.rng
        session = e.session
        hr = rng.choice(world.hr_people)
        end = world.at(session.ends_on, 16)
        if e.status is S.CANCELLED:
            if session.status is SessionStatus.CANCELLED:
                note, actor = "Sesi dibatalkan oleh penyelenggara.", hr
            else:
                note, actor = rng.choice(CANCELLATIONS), e.person
            e.events.append(
                Event(S.ENROLLED, S.CANCELLED, actor, note, self._later(clock, session))
            )
        elif e.status is S.NO_SHOW:
            e.events.append(Event(S.ENROLLED, S.NO_SHOW, hr, "", end))
        elif e.status in (S.ATTENDED, S.COMPLETED):
            e.events.append(Event(S.ENROLLED, S.ATTENDED, hr, "", end))
            if e.status is S.COMPLETED:
                done = min(world.today, session.ends_on + dt.timedelta(days=rng.randint(1, 7)))
                e.completed_at = world.at(done, 10, rng.randint(0, 59))
                # E-learning platforms report completion themselves; classical ones go via HR.
                completer = None if session.online_url else hr
                jp = f"{session.course.spec.jp} JP"
                e.events.append(Event(S.ATTENDED, S.COMPLETED, completer, jp, e.completed_at))

    def _chain(self, person: Person, session: Session) -> list[Step]:
        """The steps of ``approval_chain`` with the position each awaits and its decider."""
        world = self.world
        hr = [h for h in world.hr_people if h is not person] or world.hr_people
        steps = []
        for name in approval_chain(session):
            position = None
            if name in LINE_LEVELS:
                position = person.post.parent
                for _ in range(LINE_LEVELS[name] - 1):
                    position = position.parent if position is not None else None
            decider = world.decider(position) if position else None
            if decider is None:  # HR steps, and a missing supervisor, go to BKPSDM
                steps.append(Step(None, hr[person.id % len(hr)]))
            else:
                steps.append(Step(position, decider))
        return steps

    def _approve(self, e: Enrollment, steps: list[Step], clock: dt.datetime) -> dt.datetime:
        """Events for approvals that passed the request on to the next step."""
        for index, step in enumerate(steps):
            clock = self._later(clock, e.session)
            e.events.append(
                Event(S.REQUESTED, S.REQUESTED, step.decider, rng_note(self.world), clock, index)
            )
        return clock

    def _request_day(self, session: Session) -> dt.date:
        latest = min(self.world.today, session.deadline)
        return self.world.day_in(latest - dt.timedelta(days=40), latest)

    def _later(self, clock: dt.datetime, session: Session) -> dt.datetime:
        """A little after ``clock``: within days, but not past today or the eve of the session."""
        world = self.world
        limit = world.at(min(world.today, session.starts_on - dt.timedelta(days=1)), 17)
        step = dt.timedelta(hours=world.rng.randint(2, 70))
        return min(clock + step, max(limit, clock + dt.timedelta(minutes=5)))

    # -- personas ---------------------------------------------------------------------------------

    def _siti_story(self) -> None:
        """Siti: a request waiting for Budi, a finished course, an earlier refusal. A colleague's
        request waits in Budi's inbox too."""
        world = self.world
        siti = world.personas["siti"]
        sessions = {s.role: s for run in self.runs for s in run.sessions if s.role}
        pending = sessions["siti-requested"]
        self.add(siti, pending, S.REQUESTED, requested_on=world.today - dt.timedelta(days=2))
        self.add(siti, sessions["siti-completed"], S.COMPLETED)
        self.add(
            siti,
            sessions["siti-rejected"],
            S.REJECTED,
            note="Kuota unit kerja untuk magang tahun ini sudah terpenuhi.",
        )
        boss = siti.post.parent
        colleagues = [p for p in world.people if p.post.parent is boss and p is not siti]
        for person in [p for p in colleagues if pending.course.admits(p)][:1]:
            self.add(person, pending, S.REQUESTED, requested_on=world.today - dt.timedelta(days=1))
        for session in (pending, sessions["siti-completed"], sessions["siti-rejected"]):
            taken = frozenset(e.person.id for e in self.enrollments if e.session is session)
            self._fill(session, round(session.capacity * world.rng.uniform(0.3, 0.6)), taken)


def rng_note(world: World) -> str:
    """Note of an approval that passes a request on."""
    return world.rng.choice(("Disetujui, diteruskan.", "Setuju, lanjut ke tahap berikutnya.", ""))
