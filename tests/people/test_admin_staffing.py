"""Hire, transfer, promote, deactivate/reactivate: rules, history and audit."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.audit.models import AuditEntry
from portal.people import staffing
from portal.people.changes import today
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import ChangeKind, Employee, EmploymentHistory
from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import Rank
from tests.factories import SITI_NIP, make_world

NEW_NIP = "199507142020121003"  # born 14-07-1995, CPNS 12-2020, male
PPPK_NIP = "199001012023211005"


async def _hire(w, **kwargs):
    args = dict(
        nip=NEW_NIP,
        employment_type=EmploymentType.PNS,
        name="Andi Pratama",
        rank=Rank.III_A,
        position_id=w.siti_pos.id,
        effective_on=dt.date(2021, 1, 1),
        actor_id=w.dewi.id,
    )
    return await staffing.hire_employee(**(args | kwargs))


async def test_hire_derives_birth_date_sex_and_unit_and_records_history(db):
    w = await make_world()
    e = await _hire(w, nip="19950714 202012 1 003", email=" Andi@Tangsel.go.id ")
    assert (e.nip, e.birth_date, e.gender) == (NEW_NIP, dt.date(1995, 7, 14), Gender.MALE)
    assert e.unit_id == w.dinkes.id
    assert e.email == "andi@tangsel.go.id"
    history = await EmploymentHistory.get(employee_id=e.id)
    assert (history.kind, history.position_id, history.rank, history.previous_rank) == (
        ChangeKind.HIRE,
        w.siti_pos.id,
        Rank.III_A,
        None,
    )
    entry = await AuditEntry.get(action="employee.hire")
    assert entry.after["nip"] == NEW_NIP
    assert entry.before is None


async def test_hire_pppk_needs_gender_and_a_pppk_rank(db):
    w = await make_world()
    base = dict(nip=PPPK_NIP, employment_type=EmploymentType.PPPK, effective_on=dt.date(2024, 1, 1))
    with pytest.raises(PeopleError) as caught:
        await _hire(w, **base, rank=Rank.PPPK_IX)
    assert caught.value.code == PeopleErrorCode.GENDER_REQUIRED
    with pytest.raises(PeopleError) as caught:
        await _hire(w, **base, gender=Gender.FEMALE, rank=Rank.III_A)
    assert (caught.value.code, caught.value.field) == (PeopleErrorCode.INVALID_RANK, "rank")
    e = await _hire(w, **base, gender=Gender.FEMALE, rank=Rank.PPPK_IX)
    assert e.employment_type == EmploymentType.PPPK
    assert e.birth_date == dt.date(1990, 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        (dict(nip=SITI_NIP), PeopleErrorCode.DUPLICATE_NIP, "nip"),
        (dict(nip="199513142020121003"), PeopleErrorCode.INVALID_NIP, "nip"),
        (dict(rank=Rank.PPPK_V), PeopleErrorCode.INVALID_RANK, "rank"),
        (
            dict(email="siti.rahmawati@tangerangselatankota.go.id"),
            PeopleErrorCode.DUPLICATE_EMAIL,
            "email",
        ),
        (dict(email="not-an-email"), PeopleErrorCode.INVALID_VALUE, "email"),
        (dict(name=" "), PeopleErrorCode.INVALID_VALUE, "name"),
        (dict(effective_on=dt.date(2019, 1, 1)), PeopleErrorCode.INVALID_DATE, "effective_on"),
        (
            dict(effective_on=today() + dt.timedelta(days=1)),
            PeopleErrorCode.INVALID_DATE,
            "effective_on",
        ),
        (dict(position_id=None), PeopleErrorCode.INVALID_VALUE, "unit_id"),
        (dict(unit_id=-1), PeopleErrorCode.NOT_FOUND, "unit_id"),
    ],
)
async def test_hire_bad_input_changes_nothing(db, kwargs, code, field):
    w = await make_world()
    kwargs = {k: 999999 if v == -1 else v for k, v in kwargs.items()}  # an id that is not there
    before = await Employee.all().count()
    with pytest.raises(PeopleError) as caught:
        await _hire(w, **kwargs)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert await Employee.all().count() == before
    assert not await EmploymentHistory.all().exists()
    assert not await AuditEntry.filter(action="employee.hire").exists()


async def test_hire_refuses_a_position_outside_the_unit(db):
    w = await make_world()
    with pytest.raises(PeopleError) as caught:
        await _hire(w, unit_id=w.disdukcapil.id)
    assert caught.value.code == PeopleErrorCode.POSITION_NOT_IN_UNIT


async def test_transfer_moves_position_and_unit_with_history(db):
    w = await make_world()
    moved = await staffing.transfer_employee(
        nip=SITI_NIP,
        position_id=w.capil_staff_pos.id,
        effective_on=today(),
        decree_number="821/123/BKPSDM",
        actor_id=w.dewi.id,
    )
    assert (moved.position_id, moved.unit_id) == (w.capil_staff_pos.id, w.disdukcapil.id)
    h = await EmploymentHistory.get(employee_id=w.siti.id)
    assert (h.kind, h.previous_position_id, h.previous_unit_id, h.position_id, h.unit_id) == (
        ChangeKind.TRANSFER,
        w.siti_pos.id,
        w.dinkes.id,
        w.capil_staff_pos.id,
        w.disdukcapil.id,
    )
    assert h.decree_number == "821/123/BKPSDM"
    assert h.recorded_by_id == w.dewi.id
    entry = await AuditEntry.get(action="employee.transfer")
    assert entry.before["position_id"] == w.siti_pos.id
    assert entry.after["position_id"] == w.capil_staff_pos.id
    # Same place again: nothing to do. Earlier than the last change: refused.
    with pytest.raises(PeopleError) as caught:
        await staffing.transfer_employee(
            nip=SITI_NIP, position_id=w.capil_staff_pos.id, effective_on=today(), actor_id=None
        )
    assert caught.value.code == PeopleErrorCode.NO_CHANGE
    with pytest.raises(PeopleError) as caught:
        await staffing.transfer_employee(
            nip=SITI_NIP,
            position_id=w.siti_pos.id,
            effective_on=today() - dt.timedelta(days=1),
            actor_id=None,
        )
    assert (caught.value.code, caught.value.field) == (PeopleErrorCode.INVALID_DATE, "effective_on")


async def test_promote_refuses_same_or_lower_rank_unless_demotion(db):
    w = await make_world()
    yesterday = today() - dt.timedelta(days=1)
    with pytest.raises(PeopleError) as caught:
        await staffing.promote_employee(
            nip=SITI_NIP, rank=Rank.III_A, effective_on=yesterday, actor_id=None
        )
    assert caught.value.code == PeopleErrorCode.SAME_RANK
    with pytest.raises(PeopleError) as caught:
        await staffing.promote_employee(
            nip=SITI_NIP, rank=Rank.II_D, effective_on=yesterday, actor_id=None
        )
    assert caught.value.code == PeopleErrorCode.RANK_NOT_HIGHER
    with pytest.raises(PeopleError) as caught:
        await staffing.promote_employee(
            nip=SITI_NIP, rank=Rank.PPPK_X, effective_on=yesterday, actor_id=None
        )
    assert caught.value.code == PeopleErrorCode.INVALID_RANK
    up = await staffing.promote_employee(
        nip=SITI_NIP, rank=Rank.III_B, effective_on=yesterday, actor_id=w.dewi.id
    )
    assert up.rank == Rank.III_B
    down = await staffing.promote_employee(
        nip=SITI_NIP, rank=Rank.III_A, effective_on=today(), demotion=True, actor_id=w.dewi.id
    )
    assert down.rank == Rank.III_A
    kinds = (
        await EmploymentHistory.filter(employee_id=w.siti.id)
        .order_by("id")
        .values_list("kind", "previous_rank", "rank")
    )
    assert kinds == [
        (ChangeKind.PROMOTION, Rank.III_A, Rank.III_B),
        (ChangeKind.DEMOTION, Rank.III_B, Rank.III_A),
    ]


async def test_deactivate_and_reactivate(db):
    w = await make_world()
    off = await staffing.set_employee_active(
        nip=SITI_NIP, active=False, effective_on=today(), note="Pindah instansi", actor_id=None
    )
    assert off.active is False
    for call in (
        staffing.set_employee_active(
            nip=SITI_NIP, active=False, effective_on=today(), actor_id=None
        ),
        staffing.transfer_employee(
            nip=SITI_NIP, unit_id=w.bkpsdm.id, position_id=None, effective_on=today(), actor_id=None
        ),
    ):
        with pytest.raises(PeopleError) as caught:
            await call
        assert caught.value.code in (
            PeopleErrorCode.ALREADY_INACTIVE,
            PeopleErrorCode.INACTIVE_EMPLOYEE,
        )
    on = await staffing.set_employee_active(
        nip=SITI_NIP, active=True, effective_on=today(), actor_id=None
    )
    assert on.active is True
    assert on.position_id == w.siti_pos.id
    kinds = (
        await EmploymentHistory.filter(employee_id=w.siti.id)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == [ChangeKind.DEACTIVATION, ChangeKind.REACTIVATION]
