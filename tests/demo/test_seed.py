"""The demo generator: deterministic, valid, and carrying the personas' stories (both engines)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from tortoise import connections

from portal.competencies.models import Assessment, PositionRequirement
from portal.competencies.service import build_profile, latest_per_competency
from portal.demo.seed import DemoSummary, generate, seed_demo_database
from portal.demo.writer import delete_all
from portal.duties.models import Skp, SkpResult
from portal.people.models import Employee, OrgUnit, Position, Role, RoleGrant
from portal.people.nip import EmploymentType, Gender, parse_nip
from portal.people.ranks import PositionKind, PositionLevel, Rank
from portal.people.service import get_supervisor, line_position_ids
from portal.settings import Settings
from portal.training.models import (
    Enrollment,
    EnrollmentEvent,
    EnrollmentStatus,
    SessionStatus,
    TrainingPlan,
    TrainingPlanItem,
    TrainingRecord,
    TrainingSession,
)

TODAY = dt.date(2026, 6, 15)
SITI, BUDI, DEWI = "199203152019032001", "197805102005011002", "198511202010012003"
RINA, AGUS, HENDRA = "199007142015032004", "198208172008011005", "197309222000121001"
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.COMPLETED)


@pytest.fixture
async def demo(db: Settings) -> DemoSummary:
    """200 employees generated into this test's fresh database."""
    return await generate(employees=200, seed=7, today=TODAY)


async def _fingerprint() -> tuple[list[str], Counter[str], list[tuple[str, int | None]]]:
    nips = await Employee.all().order_by("id").values_list("nip", flat=True)
    statuses = Counter(await Enrollment.all().values_list("status", flat=True))
    positions = await Position.all().order_by("id").values_list("name", "parent_id")
    return list(nips), statuses, list(positions)


async def _person(nip: str) -> Employee:
    return await Employee.get(nip=nip).prefetch_related("position", "unit")


async def _unit_path_of(code_suffix: str) -> str:
    unit = await OrgUnit.get(code=f"3674.{code_suffix}")
    return unit.path


async def test_generate_twice_gives_identical_data(demo: DemoSummary) -> None:
    first = await _fingerprint()
    await delete_all(connections.get("default"))
    await generate(employees=200, seed=7, today=TODAY)
    assert await _fingerprint() == first
    assert len(first[0]) == 200


async def test_other_seed_gives_other_people(db: Settings) -> None:
    await generate(employees=60, seed=8, today=TODAY)
    nips = set(await Employee.all().values_list("nip", flat=True))
    assert len(nips) == 60
    assert {SITI, BUDI, DEWI} <= nips


async def test_every_nip_is_valid_for_its_employment_type(demo: DemoSummary) -> None:
    rows = await Employee.all().values_list("nip", "employment_type", "birth_date", "gender")
    for nip, employment_type, birth_date, gender in rows:
        parsed = parse_nip(nip, EmploymentType(employment_type))
        assert parsed.birth_date == birth_date
        if employment_type == EmploymentType.PNS:
            assert parsed.gender == Gender(gender)
            tmt_age = int(nip[8:12]) - birth_date.year
            assert 19 <= tmt_age <= 36, nip
        else:
            assert nip[12:14] == "21"  # no month: an NI PPPK never equals a NIP
    pppk = sum(1 for row in rows if row[1] == EmploymentType.PPPK)
    assert 0.05 <= pppk / len(rows) <= 0.3
    ranks = await Employee.all().values_list("employment_type", "rank")
    assert all(Rank(rank).is_pppk == (kind == EmploymentType.PPPK) for kind, rank in ranks)


async def test_personas_have_their_attributes(demo: DemoSummary) -> None:
    siti, budi, dewi = await _person(SITI), await _person(BUDI), await _person(DEWI)
    dinkes = await _unit_path_of("DINKES")

    assert (siti.name, siti.gender, siti.rank) == ("Siti Rahmawati", Gender.FEMALE, Rank.III_A)
    assert siti.employment_type == EmploymentType.PNS
    assert siti.email == "siti.rahmawati@tangerangselatankota.go.id"
    assert siti.position is not None
    assert (siti.position.name, siti.position.kind, siti.position.level) == (
        "Perawat Ahli Pertama",
        PositionKind.FUNGSIONAL,
        PositionLevel.AHLI_PERTAMA,
    )
    assert siti.unit.path.startswith(dinkes)
    assert siti.unit_id == siti.position.unit_id

    assert (budi.name, budi.gender) == ("Budi Santoso", Gender.MALE)
    assert budi.rank in (Rank.III_D, Rank.IV_A)
    assert budi.email == "budi.santoso@tangerangselatankota.go.id"
    assert siti.position.parent_id == budi.position_id
    assert budi.unit.path.startswith(dinkes)
    assert (await get_supervisor(employee=siti)) == budi
    assert await get_supervisor(employee=budi) is not None
    others = await Employee.filter(position__parent_id=budi.position_id).exclude(id=siti.id)
    assert len(others) >= 3

    assert (dewi.name, dewi.gender) == ("Dewi Lestari", Gender.FEMALE)
    assert dewi.rank in (Rank.III_C, Rank.III_D)
    assert dewi.position is not None
    assert dewi.position.name == "Analis SDM Aparatur Ahli Muda"
    assert dewi.unit.path.startswith(await _unit_path_of("BKPSDM"))
    assert dewi.email == "dewi.lestari@tangerangselatankota.go.id"
    assert await RoleGrant.exists(employee_id=dewi.id, role=Role.HR, unit_id=None)


async def test_stranger_other_supervisor_and_unit_head(demo: DemoSummary) -> None:
    budi, rina, agus, hendra = [await _person(n) for n in (BUDI, RINA, AGUS, HENDRA)]
    assert budi.position_id is not None
    _, budi_line = await line_position_ids(root_position_ids=[budi.position_id])
    assert rina.unit.path.startswith(await _unit_path_of("DINKES"))
    assert rina.position_id not in budi_line

    assert agus.position_id is not None
    direct, _ = await line_position_ids(root_position_ids=[agus.position_id])
    assert await Employee.filter(position_id__in=list(direct)).count() >= 2
    assert not agus.unit.path.startswith(await _unit_path_of("DINKES"))

    dukcapil = await OrgUnit.get(code="3674.DUKCAPIL")
    assert hendra.unit_id == dukcapil.id
    assert await RoleGrant.exists(employee_id=hendra.id, role=Role.UNIT_HEAD, unit_id=dukcapil.id)


async def test_unit_paths_follow_the_tree(demo: DemoSummary) -> None:
    units = {u.id: u for u in await OrgUnit.all()}
    roots = [u for u in units.values() if u.parent_id is None]
    assert [r.name for r in roots] == ["Pemerintah Kota Tangerang Selatan"]
    for unit in units.values():
        expected = f"{units[unit.parent_id].path}{unit.id}/" if unit.parent_id else f"/{unit.id}/"
        assert unit.path == expected
    names = {u.name for u in units.values()}
    for kecamatan in (
        "Serpong",
        "Serpong Utara",
        "Ciputat",
        "Ciputat Timur",
        "Pamulang",
        "Pondok Aren",
        "Setu",
    ):
        assert f"Kecamatan {kecamatan}" in names


async def test_every_position_has_requirements(demo: DemoSummary) -> None:
    per_position = Counter(await PositionRequirement.all().values_list("position_id", flat=True))
    positions = await Position.all().values_list("id", flat=True)
    assert all(10 <= per_position[p] <= 12 for p in positions)  # 8 + Perekat Bangsa + 1-3


async def test_enrollments_cover_every_status_and_seats_add_up(demo: DemoSummary) -> None:
    statuses = Counter(await Enrollment.all().values_list("status", flat=True))
    assert set(statuses) == set(EnrollmentStatus)
    seated = Counter(
        await Enrollment.filter(status__in=SEATED).values_list("session_id", flat=True)
    )
    for session in await TrainingSession.all():
        assert session.seats_taken == seated[session.id] <= session.capacity
    full = await TrainingSession.filter(status=SessionStatus.OPEN, enrollment_deadline__gte=TODAY)
    assert any(s.seats_taken == s.capacity for s in full)
    waiting = await Enrollment.filter(status=EnrollmentStatus.REQUESTED)
    assert all(e.awaiting_hr != (e.awaiting_position_id is not None) for e in waiting)
    events = Counter(await EnrollmentEvent.all().values_list("enrollment_id", flat=True))
    for enrollment in await Enrollment.all():
        assert enrollment.version == events[enrollment.id] >= 1


async def test_siti_has_gaps_a_pending_request_and_a_completed_course(demo: DemoSummary) -> None:
    siti, budi = await _person(SITI), await _person(BUDI)
    requirements = await PositionRequirement.filter(position_id=siti.position_id)
    latest = latest_per_competency(await Assessment.filter(employee_id=siti.id))
    profile = build_profile(requirements, latest)
    gaps = [i for i in profile.items if i.gap]
    assert len(gaps) >= 2
    assert profile.requirements_met >= 1

    pending = await Enrollment.get(employee_id=siti.id, status=EnrollmentStatus.REQUESTED)
    assert (pending.approval_step, pending.awaiting_position_id) == (0, budi.position_id)
    completed = await Enrollment.get(employee_id=siti.id, status=EnrollmentStatus.COMPLETED)
    assert await TrainingRecord.exists(enrollment_id=completed.id, employee_id=siti.id)

    # An open session with free seats that develops one of her gaps and she has not asked for.
    gap_ids = [i.competency_id for i in gaps]
    sessions = await TrainingSession.filter(
        status=SessionStatus.OPEN,
        enrollment_deadline__gte=TODAY,
        course__competencies__competency_id__in=gap_ids,
    ).exclude(enrollments__employee_id=siti.id)
    assert any(s.seats_taken < s.capacity for s in sessions)

    plan = await TrainingPlan.get(employee_id=siti.id, year=TODAY.year)
    assert plan.agreed_by_id == budi.id
    assert await TrainingPlanItem.filter(plan_id=plan.id).count() >= 2


async def test_siti_skp_cascades_from_budi(demo: DemoSummary) -> None:
    siti, budi = await _person(SITI), await _person(BUDI)
    budi_results = set(
        await SkpResult.filter(skp__employee_id=budi.id).values_list("id", flat=True)
    )
    skp = await Skp.get(employee_id=siti.id, year=TODAY.year)
    assert skp.appraiser_id == budi.id
    parents = await SkpResult.filter(skp_id=skp.id, kind="UTAMA").values_list(
        "parent_id", flat=True
    )
    assert parents
    assert all(p in budi_results for p in parents)


async def test_gap_and_training_hours_shares_look_real(demo: DemoSummary) -> None:
    latest: dict[tuple[int, int], int] = {}
    rows = (
        await Assessment.all()
        .order_by("assessed_on", "id")
        .values_list("employee_id", "competency_id", "level")
    )
    for employee_id, competency_id, level in rows:
        latest[(employee_id, competency_id)] = level  # later rows win
    required: dict[int, list[tuple[int, int]]] = {}
    for position_id, competency_id, level in await PositionRequirement.all().values_list(
        "position_id", "competency_id", "level"
    ):
        required.setdefault(position_id, []).append((competency_id, level))
    checks = [
        latest.get((employee_id, competency_id), 0) >= level
        for employee_id, position_id in await Employee.all().values_list("id", "position_id")
        for competency_id, level in required[position_id]
    ]
    assert 0.2 <= checks.count(False) / len(checks) <= 0.45

    jp: Counter[int] = Counter()
    for employee_id, hours in await TrainingRecord.filter(year=TODAY.year).values_list(
        "employee_id", "jp"
    ):
        jp[employee_id] += hours
    met = sum(1 for v in jp.values() if v >= 20) / demo.employees
    assert 0.3 <= met <= 0.7


async def test_orm_inserts_after_generate_get_new_ids(demo: DemoSummary) -> None:
    dewi = await _person(DEWI)
    top = max(await RoleGrant.all().values_list("id", flat=True))
    grant = await RoleGrant.create(employee_id=dewi.id, role=Role.UNIT_HEAD, unit_id=dewi.unit_id)
    assert grant.id > top


async def test_generate_refuses_small_or_filled_databases(demo: DemoSummary) -> None:
    with pytest.raises(ValueError, match="at least 50"):
        await generate(employees=49, seed=1, today=TODAY)
    with pytest.raises(RuntimeError, match="empty tables"):
        await generate(employees=50, seed=1, today=TODAY)


async def test_seed_demo_database_loads_once_unless_reset(settings: Settings) -> None:
    first = await seed_demo_database(settings, employees=60, seed=3)
    assert first.startswith("Demo data loaded")
    assert "60 employees" in first
    again = await seed_demo_database(settings, employees=60, seed=3)
    assert "already has 60 employees" in again
    reset = await seed_demo_database(settings, employees=80, seed=3, reset=True)
    assert "80 employees" in reset
