"""Units and positions from CSV: order-free parents, dry run, all-or-nothing, idempotence."""

from __future__ import annotations

import pytest

from portal.audit.models import AuditEntry
from portal.imports.report import ImportErrorCode, ImportKind, ImportRejected
from portal.imports.service import import_csv
from portal.people.models import OrgUnit, Position, UnitKind
from portal.people.ranks import PositionLevel
from tests.factories import make_world

# The child comes before its parent on purpose: parents resolve after every row is read.
UNITS = """code,name,short_name,kind,parent_code
DINKES-YANKES,Bidang Pelayanan Kesehatan,Yankes,BIDANG,DINKES
DINKES,Dinas Kesehatan,Dinkes,DINAS,PEMKOT
PEMKOT,Pemerintah Kota Tangerang Selatan,Pemkot,PEMDA,
"""
POSITIONS = """code,name,level,unit_code,parent_code,grade_class,effective_minutes
P-PRW,Perawat Ahli Pertama,AHLI_PERTAMA,DINKES-YANKES,P-KABID,8,
P-KABID,Kepala Bidang Pelayanan Kesehatan,ADMINISTRATOR,DINKES-YANKES,P-KADIS,11,75000
P-KADIS,Kepala Dinas Kesehatan,JPT_PRATAMA,DINKES,,14,
"""


async def _units() -> dict[str, tuple[str | None, str, str]]:
    rows = await OrgUnit.all()
    by_id = {u.id: u for u in rows}
    return {
        u.code: (by_id[u.parent_id].code if u.parent_id else None, u.path, u.name) for u in rows
    }


async def test_units_import_creates_a_tree_from_rows_in_any_order(db):
    report = await import_csv(kind=ImportKind.UNITS, text=UNITS, actor_id=None)
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    assert report.committed
    units = await _units()
    pemkot = await OrgUnit.get(code="PEMKOT")
    dinkes = await OrgUnit.get(code="DINKES")
    yankes = await OrgUnit.get(code="DINKES-YANKES")
    assert units["DINKES-YANKES"][:2] == ("DINKES", f"/{pemkot.id}/{dinkes.id}/{yankes.id}/")
    assert yankes.kind == UnitKind.BIDANG
    assert yankes.short_name == "Yankes"
    assert await AuditEntry.filter(action="unit.import").count() == 3
    assert await AuditEntry.filter(action="import.units").count() == 1


async def test_units_import_again_is_idempotent_and_updates_what_changed(db):
    await import_csv(kind=ImportKind.UNITS, text=UNITS, actor_id=None)
    before = await _units()
    again = await import_csv(kind=ImportKind.UNITS, text=UNITS, actor_id=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert await _units() == before
    assert await AuditEntry.filter(action="unit.import").count() == 3
    # Move Yankes to the top and rename Dinkes; the file has no short_name/kind columns now.
    changed = (
        "code,name,parent_code\nDINKES-YANKES,Bidang Yankes,\nDINKES,Dinas Kesehatan Kota,PEMKOT\n"
    )
    report = await import_csv(kind=ImportKind.UNITS, text=changed, actor_id=None)
    assert (report.created, report.updated, report.unchanged) == (0, 2, 0)
    yankes = await OrgUnit.get(code="DINKES-YANKES")
    assert yankes.parent_id is None
    assert yankes.path == f"/{yankes.id}/"
    assert yankes.kind == UnitKind.BIDANG  # no kind column: kept
    assert (await OrgUnit.get(code="DINKES")).name == "Dinas Kesehatan Kota"


async def test_units_dry_run_reports_and_writes_nothing(db):
    report = await import_csv(kind=ImportKind.UNITS, text=UNITS, dry_run=True, actor_id=None)
    assert (report.created, report.committed, report.dry_run) == (3, False, True)
    assert not await OrgUnit.all().exists()
    assert not await AuditEntry.all().exists()


async def test_units_import_with_bad_rows_reports_each_and_writes_nothing(db):
    bad = (
        "code,name,kind,parent_code\n"
        "A,Unit A,DINAS,B\n"
        "B,Unit B,DINAS,A\n"  # A and B form a loop
        "C,,ANEH,\n"  # no name, unknown kind
        "A,Unit A lagi,DINAS,\n"  # duplicate code
        "D,Unit D,DINAS,NOPE\n"
    )
    with pytest.raises(ImportRejected) as caught:
        await import_csv(kind=ImportKind.UNITS, text=bad, actor_id=None)
    report = caught.value.report
    assert caught.value.code == ImportErrorCode.INVALID_ROWS
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "parent_code"),
        (3, "parent_code"),
        (4, "name"),
        (4, "kind"),
        (5, "code"),
        (6, "parent_code"),
    }
    assert not await OrgUnit.all().exists()


async def test_header_problems_are_row_one(db):
    with pytest.raises(ImportRejected) as caught:
        await import_csv(kind=ImportKind.UNITS, text="kode,name,name\nX,Y,Z\n", actor_id=None)
    assert caught.value.code == ImportErrorCode.INVALID_HEADER
    assert {(e.row, e.column) for e in caught.value.report.errors} == {
        (1, "code"),
        (1, "kode"),
        (1, "name"),
    }
    with pytest.raises(ImportRejected) as caught:
        await import_csv(kind=ImportKind.UNITS, text="code,name\n\n", actor_id=None)
    assert caught.value.code == ImportErrorCode.EMPTY_FILE


async def test_positions_import_resolves_parents_and_units_by_code(db):
    await import_csv(kind=ImportKind.UNITS, text=UNITS, actor_id=None)
    report = await import_csv(kind=ImportKind.POSITIONS, text=POSITIONS, actor_id=None)
    assert (report.created, report.updated) == (3, 0)
    prw = await Position.get(code="P-PRW").prefetch_related("parent", "unit")
    assert prw.parent.code == "P-KABID"
    assert prw.unit.code == "DINKES-YANKES"
    assert prw.level == PositionLevel.AHLI_PERTAMA
    assert prw.effective_minutes == 75000
    again = await import_csv(kind=ImportKind.POSITIONS, text=POSITIONS, actor_id=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


async def test_positions_import_refuses_loops_through_stored_rows(db):
    w = await make_world()
    # Budi's position is stored under the head's; making the head report to Budi is a loop.
    text = (
        "code,name,level,unit_code,parent_code,grade_class,kind\n"
        f"{w.head_pos.code},Kepala Dinas,JPT_PRATAMA,{w.dinkes.code},{w.budi_pos.code},14,JPT\n"
        f"NEW,Baru,PENGAWAS,{w.dinkes.code},,9,FUNGSIONAL\n"
        f"NEW2,Baru,PELAKSANA,NOPE,,18,\n"
    )
    with pytest.raises(ImportRejected) as caught:
        await import_csv(kind=ImportKind.POSITIONS, text=text, actor_id=None)
    found = {(e.row, e.column) for e in caught.value.report.errors}
    assert found == {(2, "parent_code"), (3, "kind"), (4, "unit_code"), (4, "grade_class")}
    assert (await Position.get(id=w.head_pos.id)).parent_id is None
