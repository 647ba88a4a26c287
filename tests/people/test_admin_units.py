"""Units: create, rename, move (re-pathing the subtree) and close, with their rules."""

from __future__ import annotations

import pytest

from portal.audit.models import AuditEntry
from portal.people import units
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import OrgUnit, UnitKind
from tests.factories import make_world


async def _tree() -> dict[str, tuple[int | None, str]]:
    return {u.code: (u.parent_id, u.path) for u in await OrgUnit.all()}


async def test_create_unit_under_a_parent_sets_path_and_audits(db):
    w = await make_world()
    unit = await units.create_unit(
        code="DINKES-YANKES",
        name="Bidang  Pelayanan Kesehatan ",
        kind=UnitKind.BIDANG,
        parent_id=w.dinkes.id,
        actor_id=w.dewi.id,
    )
    assert unit.name == "Bidang Pelayanan Kesehatan"
    assert unit.path == f"{w.dinkes.path}{unit.id}/"
    entry = await AuditEntry.get(action="unit.create", object_id=str(unit.id))
    assert entry.actor_id == w.dewi.id
    assert entry.before is None
    assert entry.after["code"] == "DINKES-YANKES"
    assert entry.after["parent_id"] == w.dinkes.id


async def test_create_unit_refuses_duplicates_blank_names_and_closed_parents(db):
    w = await make_world()
    before = await OrgUnit.all().count()
    cases = [
        (dict(code=w.dinkes.code, name="X"), PeopleErrorCode.DUPLICATE_CODE, "code"),
        (dict(code="A B", name="X"), PeopleErrorCode.INVALID_VALUE, "code"),
        (dict(code="NEW", name="   "), PeopleErrorCode.INVALID_VALUE, "name"),
        (dict(code="NEW", name="X", parent_id=999999), PeopleErrorCode.NOT_FOUND, "parent_id"),
    ]
    for kwargs, code, field in cases:
        with pytest.raises(PeopleError) as caught:
            await units.create_unit(actor_id=w.dewi.id, **kwargs)
        assert (caught.value.code, caught.value.field) == (code, field), kwargs
    empty = await units.create_unit(code="EMPTY", name="Kosong", actor_id=w.dewi.id)
    await units.close_unit(unit_id=empty.id, actor_id=w.dewi.id)
    with pytest.raises(PeopleError) as caught:
        await units.create_unit(code="UNDER", name="X", parent_id=empty.id, actor_id=w.dewi.id)
    assert caught.value.code == PeopleErrorCode.CLOSED
    assert await OrgUnit.all().count() == before + 1
    assert await AuditEntry.filter(action="unit.create").count() == 1


async def test_move_unit_repaths_the_whole_subtree(db):
    w = await make_world()
    a = await units.create_unit(code="A", name="A", parent_id=w.dinkes.id, actor_id=None)
    b = await units.create_unit(code="B", name="B", parent_id=a.id, actor_id=None)
    c = await units.create_unit(code="C", name="C", parent_id=b.id, actor_id=None)
    moved = await units.move_unit(unit_id=a.id, parent_id=w.bkpsdm.id, actor_id=w.dewi.id)
    assert moved.parent_id == w.bkpsdm.id
    tree = await _tree()
    assert tree["A"] == (w.bkpsdm.id, f"{w.bkpsdm.path}{a.id}/")
    assert tree["B"] == (a.id, f"{w.bkpsdm.path}{a.id}/{b.id}/")
    assert tree["C"] == (b.id, f"{w.bkpsdm.path}{a.id}/{b.id}/{c.id}/")
    # Units that were not below A keep their paths.
    assert tree[w.dinkes.code] == (w.dinkes.parent_id, w.dinkes.path)
    entry = await AuditEntry.get(action="unit.move")
    assert entry.before["parent_id"] == w.dinkes.id
    assert entry.after["parent_id"] == w.bkpsdm.id
    # To the top of the chart.
    top = await units.move_unit(unit_id=b.id, parent_id=None, actor_id=None)
    assert top.path == f"/{b.id}/"
    assert (await _tree())["C"][1] == f"/{b.id}/{c.id}/"


async def test_move_unit_refuses_cycles_and_changes_nothing(db):
    w = await make_world()
    a = await units.create_unit(code="A", name="A", parent_id=w.dinkes.id, actor_id=None)
    b = await units.create_unit(code="B", name="B", parent_id=a.id, actor_id=None)
    before = await _tree()
    for target in (a.id, b.id):
        with pytest.raises(PeopleError) as caught:
            await units.move_unit(unit_id=a.id, parent_id=target, actor_id=None)
        assert caught.value.code == PeopleErrorCode.CYCLE
        assert caught.value.field == "parent_id"
    assert await _tree() == before
    assert not await AuditEntry.filter(action="unit.move").exists()


async def test_close_unit_refuses_while_anything_is_open(db):
    w = await make_world()
    with pytest.raises(PeopleError) as caught:
        await units.close_unit(unit_id=w.dinkes.id, actor_id=None)
    assert caught.value.code == PeopleErrorCode.HAS_ACTIVE_POSITIONS
    sub = await units.create_unit(code="SUB", name="Sub", parent_id=w.bkpsdm.id, actor_id=None)
    leaf = await units.create_unit(code="LEAF", name="Leaf", parent_id=sub.id, actor_id=None)
    with pytest.raises(PeopleError) as caught:
        await units.close_unit(unit_id=sub.id, actor_id=None)
    assert caught.value.code == PeopleErrorCode.HAS_ACTIVE_CHILDREN
    closed = await units.close_unit(unit_id=leaf.id, actor_id=w.dewi.id)
    assert closed.active is False
    assert closed.closed_on is not None
    assert (await units.close_unit(unit_id=sub.id, actor_id=None)).active is False
    with pytest.raises(PeopleError) as caught:
        await units.close_unit(unit_id=sub.id, actor_id=None)
    assert caught.value.code == PeopleErrorCode.CLOSED


async def test_update_unit_renames_and_skips_no_op(db):
    w = await make_world()
    unit = await units.update_unit(unit_id=w.dinkes.id, short_name="Dinkes", actor_id=w.dewi.id)
    assert unit.short_name == "Dinkes"
    await units.update_unit(unit_id=w.dinkes.id, short_name="Dinkes", actor_id=w.dewi.id)
    assert await AuditEntry.filter(action="unit.update").count() == 1
