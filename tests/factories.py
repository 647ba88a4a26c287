"""Factories: a small, fully known world for tests (no dependency on the demo generator)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from portal.competencies.models import (
    Assessment,
    AssessmentSource,
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    PositionRequirement,
)
from portal.duties.models import (
    IndicatorAspect,
    PositionDuty,
    ResultKind,
    Skp,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
)
from portal.people.models import Employee, OrgUnit, Position, Role, RoleGrant, UnitKind
from portal.people.nip import EmploymentType, Gender, parse_nip
from portal.people.ranks import PositionLevel, Rank
from portal.training.models import (
    Course,
    CourseCompetency,
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    SessionStatus,
    TrainingMethod,
    TrainingMode,
    TrainingPlan,
    TrainingPlanItem,
    TrainingRecord,
    TrainingSession,
)

SITI_NIP = "199203152019032001"
BUDI_NIP = "197805102005011002"
DEWI_NIP = "198511202010012003"
_seq = itertools.count(1)


def make_nip(birth: dt.date = dt.date(1990, 1, 1), gender: Gender = Gender.MALE) -> str:
    """A fresh valid PNS NIP."""
    n = next(_seq)
    sex = "1" if gender is Gender.MALE else "2"
    return f"{birth:%Y%m%d}{birth.year + 25}0{(n % 9) + 1}{sex}{n % 999 + 1:03d}"


async def make_unit(
    name: str, parent: OrgUnit | None = None, kind: UnitKind = UnitKind.DINAS
) -> OrgUnit:
    unit = await OrgUnit.create(code=f"U{next(_seq)}", name=name, kind=kind, parent=parent)
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    await unit.save(update_fields=["path"])
    return unit


async def make_position(
    name: str,
    unit: OrgUnit,
    parent: Position | None = None,
    level: PositionLevel = PositionLevel.PELAKSANA,
) -> Position:
    return await Position.create(
        code=f"P{next(_seq)}",
        name=name,
        kind=level.kind,
        level=level,
        unit=unit,
        parent=parent,
        grade_class=7,
    )


async def make_employee(
    name: str,
    position: Position | None,
    unit: OrgUnit,
    *,
    nip: str | None = None,
    gender: Gender = Gender.MALE,
    rank: Rank = Rank.III_A,
    email: str | None = None,
) -> Employee:
    nip = nip or make_nip(gender=gender)
    parsed = parse_nip(nip)
    return await Employee.create(
        nip=nip,
        name=name,
        employment_type=EmploymentType.PNS,
        gender=parsed.gender or gender,
        birth_date=parsed.birth_date,
        rank=rank,
        position=position,
        unit=unit,
        email=email,
    )


async def make_competency(code: str, name: str, group: CompetencyGroup) -> Competency:
    competency = await Competency.create(code=code, name=name, group=group)
    await CompetencyLevel.bulk_create(
        [
            CompetencyLevel(
                competency=competency,
                level=lv,
                description=f"{name} level {lv}",
                indicators=[f"Indikator {lv}.1", f"Indikator {lv}.2"],
            )
            for lv in range(1, 6)
        ]
    )
    return competency


@dataclass
class World:
    """Dinkes with Budi supervising Siti; a stranger elsewhere; Dewi (HR) at BKPSDM."""

    dinkes: OrgUnit
    bkpsdm: OrgUnit
    disdukcapil: OrgUnit
    head_pos: Position
    budi_pos: Position
    siti_pos: Position
    other_pos: Position
    dewi_pos: Position
    capil_head_pos: Position
    capil_staff_pos: Position
    kadis: Employee
    budi: Employee
    siti: Employee
    colleague: Employee  # also under Budi
    stranger: Employee  # Dinkes, not in Budi's line
    dewi: Employee
    other_supervisor: Employee  # Disdukcapil
    capil_staff: Employee
    integritas: Competency
    pelayanan: Competency
    asuhan: Competency
    course: Course
    session: TrainingSession


async def make_world(today: dt.date | None = None) -> World:
    today = today or dt.date.today()
    pemda = await make_unit("Pemerintah Kota Tangerang Selatan", kind=UnitKind.PEMDA)
    dinkes = await make_unit("Dinas Kesehatan", pemda)
    bkpsdm = await make_unit("BKPSDM", pemda, UnitKind.BADAN)
    capil = await make_unit("Disdukcapil", pemda)
    head_pos = await make_position(
        "Kepala Dinas Kesehatan", dinkes, level=PositionLevel.JPT_PRATAMA
    )
    budi_pos = await make_position(
        "Kepala Seksi Pelayanan", dinkes, head_pos, PositionLevel.PENGAWAS
    )
    siti_pos = await make_position(
        "Perawat Ahli Pertama", dinkes, budi_pos, PositionLevel.AHLI_PERTAMA
    )
    other_pos = await make_position(
        "Pengadministrasi Umum", dinkes, head_pos, PositionLevel.PELAKSANA
    )
    dewi_pos = await make_position(
        "Analis SDM Aparatur Ahli Muda", bkpsdm, level=PositionLevel.AHLI_MUDA
    )
    capil_head = await make_position("Kepala Disdukcapil", capil, level=PositionLevel.JPT_PRATAMA)
    capil_staff_pos = await make_position("Pengadministrasi Kependudukan", capil, capil_head)

    kadis = await make_employee("Hendra Gunawan", head_pos, dinkes, rank=Rank.IV_B)
    budi = await make_employee("Budi Santoso", budi_pos, dinkes, nip=BUDI_NIP, rank=Rank.III_D)
    siti = await make_employee(
        "Siti Rahmawati",
        siti_pos,
        dinkes,
        nip=SITI_NIP,
        gender=Gender.FEMALE,
        email="siti.rahmawati@tangerangselatankota.go.id",
    )
    colleague = await make_employee("Rina Marlina", siti_pos, dinkes, gender=Gender.FEMALE)
    stranger = await make_employee("Agus Salim", other_pos, dinkes)
    dewi = await make_employee(
        "Dewi Lestari", dewi_pos, bkpsdm, nip=DEWI_NIP, gender=Gender.FEMALE, rank=Rank.III_C
    )
    await RoleGrant.create(employee=dewi, role=Role.HR)
    other_sup = await make_employee("Yusuf Hidayat", capil_head, capil, rank=Rank.IV_B)
    capil_staff = await make_employee("Dedi Kurniawan", capil_staff_pos, capil)

    integritas = await make_competency("M.01", "Integritas", CompetencyGroup.MANAJERIAL)
    pelayanan = await make_competency("M.05", "Pelayanan Publik", CompetencyGroup.MANAJERIAL)
    asuhan = await make_competency("T.KES.01", "Asuhan Keperawatan", CompetencyGroup.TEKNIS)
    for comp, level in ((integritas, 2), (pelayanan, 2), (asuhan, 3)):
        await PositionRequirement.create(position=siti_pos, competency=comp, level=level)
    year_ago = today - dt.timedelta(days=365)
    await Assessment.create(
        employee=siti,
        competency=integritas,
        level=3,
        assessed_on=year_ago,
        source=AssessmentSource.ASSESSMENT_CENTER,
    )
    await Assessment.create(
        employee=siti,
        competency=pelayanan,
        level=2,
        assessed_on=year_ago,
        source=AssessmentSource.SUPERVISOR,
    )
    # A newer assessment replaces the older one: Pelayanan Publik is now 1 (a gap of 1).
    await Assessment.create(
        employee=siti,
        competency=pelayanan,
        level=1,
        assessed_on=today,
        source=AssessmentSource.ASSESSMENT_CENTER,
    )

    course = await Course.create(
        code="C-KEP-01",
        title="Pelatihan Asuhan Keperawatan Kritis",
        mode=TrainingMode.KLASIKAL,
        method=TrainingMethod.PELATIHAN,
        jp=24,
        organiser="BKPSDM Kota Tangerang Selatan",
    )
    await CourseCompetency.create(course=course, competency=asuhan, target_level=3)
    session = await TrainingSession.create(
        course=course,
        starts_on=today + dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=33),
        enrollment_deadline=today + dt.timedelta(days=20),
        place="Aula BKPSDM",
        capacity=10,
    )
    await PositionDuty.create(
        position=siti_pos, description="Melakukan asuhan keperawatan", sort_order=1
    )
    await PositionDuty.create(
        position=siti_pos, description="Mendokumentasikan tindakan", sort_order=2
    )
    return World(
        dinkes,
        bkpsdm,
        capil,
        head_pos,
        budi_pos,
        siti_pos,
        other_pos,
        dewi_pos,
        capil_head,
        capil_staff_pos,
        kadis,
        budi,
        siti,
        colleague,
        stranger,
        dewi,
        other_sup,
        capil_staff,
        integritas,
        pelayanan,
        asuhan,
        course,
        session,
    )


async def add_skp(
    employee: Employee, year: int, results: int = 2, parent: SkpResult | None = None
) -> Skp:
    skp = await Skp.create(
        employee=employee, year=year, starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 12, 31)
    )
    for i in range(results):
        result = await SkpResult.create(
            skp=skp,
            kind=ResultKind.UTAMA if i == 0 else ResultKind.TAMBAHAN,
            description=f"Hasil kerja {i + 1}",
            parent=parent,
            sort_order=i,
        )
        indicator = await SkpIndicator.create(
            result=result,
            aspect=IndicatorAspect.QUANTITY,
            description="Jumlah pasien dilayani",
            target_value=Decimal(100),
            unit_label="pasien",
        )
        await SkpRealisation.create(
            indicator=indicator, period=1, value=Decimal(30), note="Triwulan I"
        )
    return skp


async def add_plan(
    employee: Employee, year: int, competency: Competency, course: Course, items: int = 1
) -> TrainingPlan:
    plan = await TrainingPlan.create(employee=employee, year=year)
    for i in range(items):
        await TrainingPlanItem.create(
            plan=plan,
            competency=competency,
            course=course,
            title=f"Rencana {i + 1}",
            method=TrainingMethod.PELATIHAN,
            planned_jp=8,
        )
    return plan


async def add_record(employee: Employee, year: int, jp: int) -> TrainingRecord:
    return await TrainingRecord.create(
        employee=employee,
        title="Seminar Pelayanan Prima",
        method=TrainingMethod.SEMINAR,
        organiser="BKPSDM",
        jp=jp,
        year=year,
        completed_on=dt.date(year, 3, 1),
    )


async def add_enrollments(employee: Employee, count: int, today: dt.date) -> None:
    """``count`` finished enrollments in as many sessions (a history to page through)."""
    course = await Course.create(
        code=f"C{next(_seq)}",
        title="Kursus",
        mode=TrainingMode.NON_KLASIKAL,
        method=TrainingMethod.E_LEARNING,
        jp=2,
        organiser="LAN",
    )
    sessions = await TrainingSession.bulk_create(
        [
            TrainingSession(
                course=course,
                starts_on=today,
                ends_on=today,
                enrollment_deadline=today,
                capacity=5,
                status=SessionStatus.FINISHED,
            )
            for _ in range(count)
        ]
    )
    sessions = await TrainingSession.filter(course=course).order_by("id")
    await Enrollment.bulk_create(
        [
            Enrollment(employee=employee, session=s, status=EnrollmentStatus.REJECTED)
            for s in sessions
        ]
    )
    enrollments = await Enrollment.filter(employee=employee, session__course=course)
    await EnrollmentEvent.bulk_create(
        [
            EnrollmentEvent(enrollment=e, to_status=EnrollmentStatus.REQUESTED, actor=employee)
            for e in enrollments
        ]
    )
