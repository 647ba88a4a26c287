"""Positions: create and change with ABK inputs, supervision that follows the tree, closing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal.audit.models import AuditEntry
from portal.people import positions
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import Position, PositionWorkload
from portal.people.positions import WorkloadSpec
from portal.people.ranks import PositionKind, PositionLevel
from portal.people.service import line_position_ids
from tests.factories import make_world

ABK = [
    WorkloadSpec("Melakukan asuhan keperawatan", Decimal(1200), Decimal(45), "pasien"),
    WorkloadSpec("Menyusun laporan", Decimal(12), Decimal("120.5")),
]


async def test_create_position_with_workloads(db):
    w = await make_world()
    p = await positions.create_position(
        code="DINKES-PRW-02",
        name="Perawat Ahli Muda",
        level=PositionLevel.AHLI_MUDA,
        unit_id=w.dinkes.id,
        parent_id=w.budi_pos.id,
        grade_class=9,
        workloads=ABK,
        actor_id=w.dewi.id,
    )
    assert p.kind == PositionKind.FUNGSIONAL
    assert p.parent_id == w.budi_pos.id
    rows = await PositionWorkload.filter(position_id=p.id).order_by("id")
    assert [(r.activity, r.yearly_volume, r.output_unit) for r in rows] == [
        ("Melakukan asuhan keperawatan", Decimal("1200.00"), "pasien"),
        ("Menyusun laporan", Decimal("12.00"), "dokumen"),
    ]
    entry = await AuditEntry.get(action="position.create")
    assert entry.after["workloads"][1]["standard_minutes"] == "120.50"


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        (
            dict(level=PositionLevel.PENGAWAS, kind=PositionKind.FUNGSIONAL),
            PeopleErrorCode.LEVEL_KIND_MISMATCH,
            "kind",
        ),
        (dict(grade_class=18), PeopleErrorCode.INVALID_GRADE_CLASS, "grade_class"),
        (dict(grade_class=0), PeopleErrorCode.INVALID_GRADE_CLASS, "grade_class"),
        (dict(effective_minutes=0), PeopleErrorCode.INVALID_VALUE, "effective_minutes"),
        (
            dict(workloads=[WorkloadSpec("x", Decimal(1), Decimal(0))]),
            PeopleErrorCode.INVALID_VALUE,
            "workloads[0].standard_minutes",
        ),
        (
            dict(workloads=[ABK[0], WorkloadSpec("x", Decimal(-1), Decimal(1))]),
            PeopleErrorCode.INVALID_VALUE,
            "workloads[1].yearly_volume",
        ),
        (
            dict(workloads=[WorkloadSpec(" ", Decimal(1), Decimal(1))]),
            PeopleErrorCode.INVALID_VALUE,
            "workloads[0].activity",
        ),
        (dict(unit_id=999999), PeopleErrorCode.NOT_FOUND, "unit_id"),
        (dict(parent_id=999999), PeopleErrorCode.NOT_FOUND, "parent_id"),
    ],
)
async def test_create_position_bad_input_changes_nothing(db, kwargs, code, field):
    w = await make_world()
    before = await Position.all().count()
    args = (
        dict(
            code="NEW",
            name="Baru",
            level=PositionLevel.PELAKSANA,
            unit_id=w.dinkes.id,
            grade_class=5,
            actor_id=w.dewi.id,
        )
        | kwargs
    )
    with pytest.raises(PeopleError) as caught:
        await positions.create_position(**args)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert await Position.all().count() == before
    assert not await PositionWorkload.all().exists()
    assert not await AuditEntry.filter(action="position.create").exists()


async def test_new_parent_moves_supervision_at_once_and_refuses_cycles(db):
    w = await make_world()
    # Budi supervises Siti's position; move it under the capil head instead.
    _, budi_line = await line_position_ids(root_position_ids=[w.budi_pos.id])
    assert w.siti_pos.id in budi_line
    await positions.update_position(
        position_id=w.siti_pos.id, parent_id=w.capil_head_pos.id, actor_id=w.dewi.id
    )
    _, budi_line = await line_position_ids(root_position_ids=[w.budi_pos.id])
    _, capil_line = await line_position_ids(root_position_ids=[w.capil_head_pos.id])
    assert w.siti_pos.id not in budi_line
    assert w.siti_pos.id in capil_line
    entry = await AuditEntry.get(action="position.update")
    assert entry.before["parent_id"] == w.budi_pos.id
    assert entry.after["parent_id"] == w.capil_head_pos.id
    # Head of Dinkes under Budi (who is below him): a loop.
    for parent in (w.budi_pos.id, w.head_pos.id):
        with pytest.raises(PeopleError) as caught:
            await positions.update_position(
                position_id=w.head_pos.id, parent_id=parent, actor_id=None
            )
        assert caught.value.code == PeopleErrorCode.CYCLE
    assert (await Position.get(id=w.head_pos.id)).parent_id is None


async def test_update_position_replaces_workloads_and_level(db):
    w = await make_world()
    await positions.update_position(position_id=w.siti_pos.id, workloads=ABK, actor_id=None)
    await positions.update_position(
        position_id=w.siti_pos.id,
        workloads=ABK[1:],
        level=PositionLevel.AHLI_MUDA,
        grade_class=9,
        actor_id=None,
    )
    rows = await PositionWorkload.filter(position_id=w.siti_pos.id)
    assert [r.activity for r in rows] == ["Menyusun laporan"]
    p = await Position.get(id=w.siti_pos.id)
    assert (p.level, p.kind, p.grade_class) == (PositionLevel.AHLI_MUDA, PositionKind.FUNGSIONAL, 9)
    with pytest.raises(PeopleError) as caught:
        await positions.update_position(
            position_id=w.siti_pos.id, kind=PositionKind.JPT, actor_id=None
        )
    assert caught.value.code == PeopleErrorCode.LEVEL_KIND_MISMATCH
    # The same values again: no change, no audit entry.
    count = await AuditEntry.filter(action="position.update").count()
    await positions.update_position(position_id=w.siti_pos.id, workloads=ABK[1:], actor_id=None)
    assert await AuditEntry.filter(action="position.update").count() == count


async def test_close_position_refuses_holders_and_children(db):
    w = await make_world()
    with pytest.raises(PeopleError) as caught:
        await positions.close_position(position_id=w.siti_pos.id, actor_id=None)
    assert caught.value.code == PeopleErrorCode.HAS_ACTIVE_EMPLOYEES
    empty = await positions.create_position(
        code="EMPTY",
        name="Kosong",
        level=PositionLevel.PELAKSANA,
        unit_id=w.dinkes.id,
        parent_id=w.budi_pos.id,
        grade_class=5,
        actor_id=None,
    )
    child = await positions.create_position(
        code="CHILD",
        name="Anak",
        level=PositionLevel.PELAKSANA,
        unit_id=w.dinkes.id,
        parent_id=empty.id,
        grade_class=5,
        actor_id=None,
    )
    with pytest.raises(PeopleError) as caught:
        await positions.close_position(position_id=empty.id, actor_id=None)
    assert caught.value.code == PeopleErrorCode.HAS_ACTIVE_CHILDREN
    await positions.close_position(position_id=child.id, actor_id=None)
    closed = await positions.close_position(position_id=empty.id, actor_id=w.dewi.id)
    assert closed.active is False
    with pytest.raises(PeopleError) as caught:
        await positions.update_position(position_id=empty.id, name="X", actor_id=None)
    assert caught.value.code == PeopleErrorCode.CLOSED
