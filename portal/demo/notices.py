"""Notifications the enrollment service would have sent: requests waiting in approvers' inboxes and
recent decisions for the people who asked."""

from __future__ import annotations

import datetime as dt

from portal.demo.enrollments import Enroller, Enrollment
from portal.demo.world import Person, World
from portal.demo.writer import Row, Writer, json_value
from portal.notifications.models import Notification
from portal.training.models import EnrollmentStatus as S

DECIDED_TITLES = {
    S.ENROLLED: "Permintaan pelatihan disetujui",
    S.WAITLISTED: "Permintaan pelatihan disetujui (daftar tunggu)",
    S.REJECTED: "Permintaan pelatihan ditolak",
}
RECENT_DAYS = 21


async def write_notifications(world: World, writer: Writer, enroller: Enroller) -> None:
    rows: list[Row] = []
    since = world.at(world.today - dt.timedelta(days=RECENT_DAYS), 0)
    for e in enroller.enrollments:
        if e.awaiting is not None:
            if e.awaiting.position is not None:
                recipients = [e.awaiting.decider]
            else:
                recipients = [h for h in world.hr_people if h is not e.person]
            at = e.events[-1].at
            for person in recipients:
                rows.append(
                    _row(
                        world,
                        person,
                        "enrollment.requested",
                        f"Permintaan pelatihan dari {e.person.name}",
                        e,
                        at,
                    )
                )
        decision = _decision(e)
        if decision is not None and decision[1] >= since:
            status, at, note = decision
            rows.append(
                _row(
                    world, e.person, "enrollment.decided", DECIDED_TITLES[status], e, at, body=note
                )
            )
    rows.sort(key=lambda r: r[6])  # ids in time order, as the service would have made them
    rows = [(world.ids.next("notification"), *r[1:]) for r in rows]
    columns = ("id", "recipient_id", "kind", "title", "body", "refs", "created_at", "read_at")
    await writer.write(Notification, columns, rows)


def _decision(e: Enrollment) -> tuple[S, dt.datetime, str] | None:
    for event in e.events:
        if event.from_status is S.REQUESTED and event.to_status in DECIDED_TITLES:
            return event.to_status, event.at, event.note
    return None


def _row(
    world: World,
    person: Person,
    kind: str,
    title: str,
    e: Enrollment,
    at: dt.datetime,
    body: str = "",
) -> Row:
    """A notification, read a day later unless it is from the last few days."""
    rng = world.rng
    fresh = at >= world.at(world.today - dt.timedelta(days=3), 0)
    read_at = None if fresh or rng.random() < 0.3 else at + dt.timedelta(hours=rng.randint(1, 30))
    if read_at is not None and read_at > world.at(world.today, 8):
        read_at = None
    refs = json_value({"enrollment": e.id})
    return (0, person.id, kind, title, body or e.session.course.spec.title, refs, at, read_at)
