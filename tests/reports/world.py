"""The known data the report tests check numbers against (on top of ``make_world``).

Dinas Kesehatan gets a Puskesmas (depth 2) with a Pustu below it (depth 3). ABK inputs, the
Pelayanan Publik requirement and its assessments, this year's training records and a few
enrollments with their events are all set here explicitly; the expected numbers are worked out
in the comments and asserted in the tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from portal.competencies.models import Assessment, AssessmentSource, PositionRequirement
from portal.people.models import Employee, Position, PositionWorkload, Role, RoleGrant, UnitKind
from portal.people.nip import Gender
from portal.people.ranks import PositionLevel, Rank
from portal.reports.service import today
from portal.training.models import (
    Course,
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    TrainingMethod,
    TrainingMode,
    TrainingSession,
)
from tests.factories import World, add_record, make_employee, make_position, make_unit, make_world

S = EnrollmentStatus


@dataclass
class ReportWorld:
    w: World
    year: int
    puskesmas: object
    pustu: object
    dokter_pos: Position
    bidan_pos: Position
    perawat_pos: Position
    dokters: list[Employee]
    bidan: Employee
    perawat: Employee


async def _workload(position: Position, volume: int, minutes: int) -> None:
    await PositionWorkload.create(
        position=position,
        activity="Kegiatan",
        yearly_volume=Decimal(volume),
        standard_minutes=Decimal(minutes),
    )


async def _assess(employee: Employee, competency: object, level: int, on: dt.date) -> None:
    await Assessment.create(
        employee=employee,
        competency=competency,
        level=level,
        assessed_on=on,
        source=AssessmentSource.ASSESSMENT_CENTER,
    )


async def make_report_world() -> ReportWorld:
    w = await make_world()
    year = today().year
    puskesmas = await make_unit("Puskesmas Pamulang", w.dinkes, UnitKind.PUSKESMAS)
    pustu = await make_unit("Pustu Pondok Cabe", puskesmas, UnitKind.LAINNYA)
    dokter_pos = await make_position(
        "Dokter Ahli Pertama", puskesmas, w.head_pos, PositionLevel.AHLI_PERTAMA
    )
    dokter_pos.effective_minutes = 60_000
    await dokter_pos.save(update_fields=["effective_minutes"])
    bidan_pos = await make_position("Bidan Terampil", puskesmas, w.head_pos, PositionLevel.TERAMPIL)
    perawat_pos = await make_position("Perawat Terampil", pustu, w.head_pos, PositionLevel.TERAMPIL)
    dokters = [
        await make_employee(
            "Ayu Lestari", dokter_pos, puskesmas, gender=Gender.FEMALE, rank=Rank.III_B
        ),
        await make_employee("Bayu Pratama", dokter_pos, puskesmas, rank=Rank.III_B),
        await make_employee(
            "Citra Dewi", dokter_pos, puskesmas, gender=Gender.FEMALE, rank=Rank.III_C
        ),
    ]
    bidan = await make_employee(
        "Desi Anggraini", bidan_pos, puskesmas, gender=Gender.FEMALE, rank=Rank.II_C
    )
    perawat = await make_employee("Eko Saputra", perawat_pos, pustu, rank=Rank.II_C)
    retired = await make_employee("Fajar Nugroho", w.other_pos, w.dinkes)
    retired.active = False
    await retired.save(update_fields=["active"])

    # ABK. Dinkes itself: head (none), Budi 300 x 250 / 75,000 = 1.0 for 1 holder (gap 0),
    # Siti's post (1200 x 150 + 500 x 60) / 75,000 = 2.8 for 2 (0.8), Agus's 100 x 300 = 0.4 for
    # 1 (-0.6). Puskesmas: dokter 5000 x 60 / 60,000 = 5.0 for 3 (2.0), bidan (none, 1 holder).
    # Pustu: perawat 1000 x 45 / 75,000 = 0.6 for 1 (-0.4).
    await _workload(w.budi_pos, 300, 250)
    await _workload(w.siti_pos, 1200, 150)
    await _workload(w.siti_pos, 500, 60)
    await _workload(w.other_pos, 100, 300)
    await _workload(dokter_pos, 5000, 60)
    await _workload(perawat_pos, 1000, 45)

    # Pelayanan Publik (M.05). make_world: Siti's post requires 2, Siti's latest is 1, Rina none.
    year_ago = today() - dt.timedelta(days=365)
    for position, level in ((w.budi_pos, 3), (w.other_pos, 2), (dokter_pos, 2), (w.dewi_pos, 3),
                            (w.capil_staff_pos, 2)):  # fmt: skip
        await PositionRequirement.create(position=position, competency=w.pelayanan, level=level)
    await _assess(w.budi, w.pelayanan, 3, year_ago)
    # Same day twice: the higher id (level 1) is the latest.
    await _assess(w.stranger, w.pelayanan, 3, year_ago)
    await _assess(w.stranger, w.pelayanan, 1, year_ago)
    await _assess(dokters[0], w.pelayanan, 2, year_ago)
    await _assess(dokters[1], w.pelayanan, 1, year_ago)
    await _assess(w.dewi, w.pelayanan, 4, year_ago)
    # Gaps by rank: III/a Siti 1, Rina 2, Agus 1, Dedi 2 (avg 1.5); III/b 0, 1 (0.5);
    # III/c Citra 2, Dewi 0 (1.0); III/d Budi 0. All: 9 / 9 = 1.0; 3 of 9 met (33.33 %).

    # This year's JP: under 20 are Agus 20, Bayu 20, Yusuf 20, Dedi 20 (last year's JP do not
    # count), Desi 15, Siti 8, Budi 4, Citra 1. Met: Rina, Hendra (exactly 20), Ayu, Eko, Dewi.
    for employee, jps in (
        (w.siti, [12]), (w.colleague, [24]), (w.budi, [8, 8]), (w.kadis, [20]),
        (dokters[0], [30]), (dokters[2], [19]), (bidan, [5]), (perawat, [20]), (w.dewi, [40]),
        (retired, [2]),
    ):  # fmt: skip
        for jp in jps:
            await add_record(employee, year, jp)
    await add_record(w.capil_staff, year - 1, 30)
    return ReportWorld(
        w, year, puskesmas, pustu, dokter_pos, bidan_pos, perawat_pos, dokters, bidan, perawat
    )


async def add_unit_head(employee: Employee, unit: object) -> None:
    await RoleGrant.create(employee=employee, role=Role.UNIT_HEAD, unit=unit)


async def add_enrollments(rw: ReportWorld) -> TrainingSession:
    """Five requests in a session of March this year, with decision times 10 h, 4 h and 30 h.

    Median approval: all 10 h; ENROLLED (10, 30) 20 h; REJECTED 4 h; pending and cancelled
    requests have no decision.
    """
    w = rw.w
    course = await Course.create(
        code="C-PP-01",
        title="Pelayanan Prima",
        mode=TrainingMode.KLASIKAL,
        method=TrainingMethod.PELATIHAN,
        jp=16,
        organiser="BKPSDM",
    )
    starts = dt.date(rw.year, 3, 10)
    session = await TrainingSession.create(
        course=course,
        starts_on=starts,
        ends_on=starts,
        enrollment_deadline=starts,
        capacity=10,
    )
    t0 = dt.datetime(rw.year, 2, 1, 8, 0, tzinfo=dt.UTC)
    plans = [
        (w.siti, S.ENROLLED, [(None, S.REQUESTED, 0), (S.REQUESTED, S.ENROLLED, 10)]),
        (w.colleague, S.REJECTED, [(None, S.REQUESTED, 0), (S.REQUESTED, S.REJECTED, 4)]),
        (w.stranger, S.ENROLLED, [(None, S.REQUESTED, 0), (S.REQUESTED, S.REQUESTED, 1),
                                  (S.REQUESTED, S.ENROLLED, 30)]),
        (w.budi, S.REQUESTED, [(None, S.REQUESTED, 0)]),
        (rw.dokters[0], S.CANCELLED, [(None, S.REQUESTED, 0), (S.REQUESTED, S.CANCELLED, 2)]),
    ]  # fmt: skip
    for employee, status, events in plans:
        enrollment = await Enrollment.create(employee=employee, session=session, status=status)
        for before, after, hours in events:
            event = await EnrollmentEvent.create(
                enrollment=enrollment, from_status=before, to_status=after, actor=employee
            )
            at = t0 + dt.timedelta(hours=hours)
            await EnrollmentEvent.filter(id=event.id).update(at=at)
    return session
