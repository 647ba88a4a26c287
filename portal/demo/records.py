"""Writing enrollments with their history, and training records (JP) for this and past years.

Records come from completed enrollments and from history imported from SIASN and the national
learning platforms, sized so roughly half the workforce has met the 20 JP right this year.
"""

from __future__ import annotations

import datetime as dt

from portal.demo.courses import BKPSDM, LAN, ORGANISER_CODES
from portal.demo.enrollments import Enroller
from portal.demo.world import Person, World
from portal.demo.writer import Row, Writer
from portal.training.models import (
    YEARLY_JP_RIGHT,
    Enrollment,
    EnrollmentEvent,
    TrainingFeedback,
    TrainingRecord,
)
from portal.training.models import EnrollmentStatus as S
from portal.training.models import TrainingMethod as M

# Activities people did outside the portal: (title, method, organiser, possible JP).
IMPORTED: tuple[tuple[str, M, str, tuple[int, ...]], ...] = (
    ("Webinar Literasi Digital Sektor Pemerintahan", M.SEMINAR,
     "Kementerian Komunikasi dan Digital", (2, 3, 4)),
    ("E-Learning Wawasan Kebangsaan dan Nilai Bela Negara", M.E_LEARNING, LAN, (10, 12)),
    ("Smart ASN: Manajemen Talenta", M.E_LEARNING, "BKN", (6, 8)),
    ("Seminar Pencegahan Korupsi dan Gratifikasi", M.SEMINAR,
     "Inspektorat Daerah Kota Tangerang Selatan", (3, 4)),
    ("Workshop Penyusunan SKP", M.WORKSHOP, BKPSDM, (8, 12)),
    ("Bimbingan Teknis Aplikasi SRIKANDI", M.PELATIHAN, "ANRI", (8,)),
    ("Belajar Mandiri: Pelayanan Publik Inklusif", M.BELAJAR_MANDIRI, LAN, (4, 6)),
    ("Coaching Kinerja oleh Atasan Langsung", M.COACHING, "Unit kerja", (2, 4)),
    ("Sosialisasi Core Values ASN BerAKHLAK", M.SEMINAR, BKPSDM, (2, 3)),
)  # fmt: skip
IMPORTED_BY_SECTOR: dict[str, tuple[tuple[str, M, str, tuple[int, ...]], ...]] = {
    "kes": (("Webinar Pencegahan Stunting", M.SEMINAR, "Kementerian Kesehatan RI", (2, 3)),
            ("Pelatihan Pencegahan dan Pengendalian Infeksi Dasar", M.PELATIHAN,
             "RSU Kota Tangerang Selatan", (16, 24))),
    "dik": (("Pelatihan Mandiri Platform Merdeka Mengajar", M.E_LEARNING,
             "Kementerian Pendidikan Dasar dan Menengah", (16, 20, 32)),
            ("Lokakarya Komunitas Belajar Guru", M.WORKSHOP,
             "Dinas Pendidikan dan Kebudayaan Kota Tangerang Selatan", (8, 12))),
}  # fmt: skip
COMMENTS = (
    "Materi sangat aplikatif untuk pekerjaan sehari-hari.",
    "Narasumber menguasai materi, waktu praktik perlu ditambah.",
    "Tempat pelatihan nyaman dan jadwal tepat waktu.",
    "Platform e-learning kadang lambat diakses di jam kerja.",
    "Mohon ada kelas lanjutan tahun depan.",
)
RECORD_COLUMNS = (
    "id",
    "employee_id",
    "enrollment_id",
    "title",
    "method",
    "organiser",
    "jp",
    "year",
    "completed_on",
    "certificate_number",
)


class Certificates:
    """Certificate numbers per organiser and year: ``1234/BKPSDM/2026``."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._next: dict[tuple[str, int], int] = {}

    def number(self, organiser: str, year: int) -> str:
        key = (organiser, year)
        value = self._next.get(key) or self.world.rng.randint(100, 900)
        self._next[key] = value + 1
        return f"{value}/{ORGANISER_CODES.get(organiser, 'BKPSDM')}/{year}"


async def write_enrollments(world: World, writer: Writer, enroller: Enroller) -> None:
    """Enrollments, their events, and feedback from most people who attended."""
    rows: list[Row] = []
    events: list[Row] = []
    for e in enroller.enrollments:
        awaiting = e.awaiting.position.id if e.awaiting and e.awaiting.position else None
        rows.append(
            (
                e.id,
                e.person.id,
                e.session.id,
                e.item.id if e.item else None,
                e.status.value,
                e.reason,
                e.step,
                awaiting,
                e.awaiting is not None and awaiting is None,
                e.requested_by.id,
                e.requested_at,
                e.decided_at,
                e.waitlisted_at,
                e.completed_at,
                e.session.course.spec.jp if e.completed_at else 0,
                len(e.events),
            )
        )
        for ev in e.events:
            events.append(
                (
                    world.ids.next("enrollment_event"),
                    e.id,
                    ev.from_status.value if ev.from_status else None,
                    ev.to_status.value,
                    ev.actor.id if ev.actor else None,
                    ev.note,
                    ev.step,
                    ev.at,
                )
            )
    columns = (
        "id",
        "employee_id",
        "session_id",
        "plan_item_id",
        "status",
        "reason",
        "approval_step",
        "awaiting_position_id",
        "awaiting_hr",
        "requested_by_id",
        "requested_at",
        "decided_at",
        "waitlisted_at",
        "completed_at",
        "jp_credited",
        "version",
    )
    await writer.write(Enrollment, columns, rows)
    await writer.write(
        EnrollmentEvent,
        ("id", "enrollment_id", "from_status", "to_status", "actor_id", "note", "step", "at"),
        events,
    )
    await writer.write(
        TrainingFeedback,
        ("id", "enrollment_id", "rating", "comment", "created_at"),
        _feedback(world, enroller),
    )


def _feedback(world: World, enroller: Enroller) -> list[Row]:
    rng = world.rng
    rows: list[Row] = []
    for e in enroller.enrollments:
        if e.status not in (S.ATTENDED, S.COMPLETED) or rng.random() > 0.65:
            continue
        rating = rng.choices((5, 4, 3, 2, 1), (35, 45, 15, 4, 1))[0]
        comment = rng.choice(COMMENTS) if rng.random() < 0.5 else ""
        day = min(world.today, e.session.ends_on + dt.timedelta(days=rng.randint(0, 5)))
        rows.append((world.ids.next("training_feedback"), e.id, rating, comment, world.at(day, 19)))
    return rows


async def write_records(world: World, writer: Writer, enroller: Enroller) -> None:
    certificates = Certificates(world)
    rows: list[Row] = []
    earned: dict[tuple[int, int], int] = {}  # (employee id, year) -> JP from the portal
    for e in enroller.enrollments:
        if e.completed_at is None:
            continue
        spec = e.session.course.spec
        done = e.session.ends_on  # JP count in the year the session ended (complete_enrollment)
        earned[(e.person.id, done.year)] = earned.get((e.person.id, done.year), 0) + spec.jp
        rows.append(
            (
                world.ids.next("training_record"),
                e.person.id,
                e.id,
                spec.title,
                spec.method.value,
                spec.organiser,
                spec.jp,
                done.year,
                done,
                certificates.number(spec.organiser, done.year),
            )
        )
    for year in (world.year - 2, world.year - 1, world.year):
        # Aim at a share of people meeting the right (half this year, most in past years),
        # counting those the portal's completions already got there.
        goal = 0.5 if year == world.year else 0.72
        met = sum(1 for p in world.people if earned.get((p.id, year), 0) >= YEARLY_JP_RIGHT)
        share = met / len(world.people)
        chance = max(0.0, (goal - share) / (1 - share)) if share < 1 else 0.0
        for person in world.people:
            already = earned.get((person.id, year), 0)
            rows.extend(_imported(world, certificates, person, year, already, chance))
    await writer.write(TrainingRecord, RECORD_COLUMNS, rows)


def _imported(
    world: World, certificates: Certificates, person: Person, year: int, already: int, chance: float
) -> list[Row]:
    """Outside-portal activities for one year: enough to meet 20 JP for some, short for others."""
    rng = world.rng
    current = year == world.year
    meets = rng.random() < chance
    target = rng.randint(YEARLY_JP_RIGHT, 44) if meets else rng.randint(0, YEARLY_JP_RIGHT - 1)
    pool = IMPORTED + IMPORTED_BY_SECTOR.get(person.post.unit.sector, ())
    last = world.today - dt.timedelta(days=1) if current else dt.date(year, 12, 20)
    rows: list[Row] = []
    total = already
    for _ in range(8):
        if total >= target:
            break
        title, method, organiser, options = rng.choice(pool)
        jp = rng.choice(options)
        if not meets and total + jp >= YEARLY_JP_RIGHT:
            break  # this person stays short of the right this year
        total += jp
        day = world.day_in(dt.date(year, 1, 10), last)
        rows.append(
            (
                world.ids.next("training_record"),
                person.id,
                None,
                title,
                method.value,
                organiser,
                jp,
                year,
                day,
                certificates.number(organiser, year),
            )
        )
    return rows
