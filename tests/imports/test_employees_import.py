"""Employees from CSV: validation per row, history, upserts by NIP, bulk statements."""

from __future__ import annotations

import pytest

from portal.audit.models import AuditEntry
from portal.imports.report import ImportErrorCode, ImportKind, ImportRejected
from portal.imports.service import import_csv
from portal.people.models import ChangeKind, Employee, EmploymentHistory
from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import Rank
from tests.factories import SITI_NIP, make_world
from tests.imports.csvdata import employee_nip, employees_csv

HEADER = "nip,employment_type,name,gender,rank,unit_code,position_code,email,effective_on\n"


async def test_employees_import_creates_with_derived_identity_and_hire_history(db):
    w = await make_world()
    text = HEADER + (
        f"19950714 202012 1 003,PNS,Andi Pratama,,III/a,,{w.siti_pos.code},Andi@Tangsel.go.id,"
        "2021-01-04\n"
        f"199001012023211005,PPPK,Rina Wati,P,IX,{w.dinkes.code},,,\n"
    )
    report = await import_csv(kind=ImportKind.EMPLOYEES, text=text, actor_id=w.dewi.id)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    andi = await Employee.get(nip="199507142020121003")
    assert (andi.gender, andi.unit_id, andi.position_id, andi.email, andi.rank) == (
        Gender.MALE,
        w.dinkes.id,
        w.siti_pos.id,
        "andi@tangsel.go.id",
        Rank.III_A,
    )
    rina = await Employee.get(nip="199001012023211005")
    assert (rina.employment_type, rina.gender, rina.rank) == (
        EmploymentType.PPPK,
        Gender.FEMALE,
        Rank.PPPK_IX,
    )
    hire = await EmploymentHistory.get(employee_id=andi.id)
    assert (hire.kind, str(hire.effective_on), hire.recorded_by_id) == (
        ChangeKind.HIRE,
        "2021-01-04",
        w.dewi.id,
    )
    assert await AuditEntry.filter(action="employee.import").count() == 2


async def test_employees_import_updates_changed_rows_with_history(db):
    w = await make_world()
    text = HEADER + (
        f"{SITI_NIP},PNS,Siti Rahmawati,,III/b,,{w.capil_staff_pos.code},,\n"
        f"{w.budi.nip},PNS,Budi Santoso,,III/d,,{w.budi_pos.code},,\n"
    )
    dry = await import_csv(kind=ImportKind.EMPLOYEES, text=text, dry_run=True, actor_id=None)
    assert (dry.created, dry.updated, dry.unchanged) == (0, 1, 1)
    assert (await Employee.get(nip=SITI_NIP)).rank == Rank.III_A
    report = await import_csv(kind=ImportKind.EMPLOYEES, text=text, actor_id=None)
    assert (report.updated, report.unchanged) == (1, 1)
    siti = await Employee.get(nip=SITI_NIP)
    assert (siti.rank, siti.position_id, siti.unit_id) == (
        Rank.III_B,
        w.capil_staff_pos.id,
        w.disdukcapil.id,
    )
    kinds = set(await EmploymentHistory.filter(employee_id=siti.id).values_list("kind", flat=True))
    assert kinds == {ChangeKind.PROMOTION, ChangeKind.TRANSFER}
    entry = await AuditEntry.get(action="employee.import")
    assert entry.before["rank"] == "III_A"
    assert entry.after["rank"] == "III_B"
    again = await import_csv(kind=ImportKind.EMPLOYEES, text=text, actor_id=None)
    assert (again.updated, again.unchanged) == (0, 2)


async def test_a_bad_row_is_reported_and_nothing_half_loads(db):
    w = await make_world()
    good = employees_csv(5, unit_code=w.dinkes.code).splitlines()
    lines = [
        HEADER.strip(),
        *(f"{line.split(',')[0]},PNS,Pegawai,,III/a,{w.dinkes.code},,," for line in good[1:]),
        f"199513142020121003,PNS,NIP salah,,III/a,{w.dinkes.code},,,",
        f"{employee_nip(900)},PNS,Golongan salah,,IX,{w.dinkes.code},,,",
        f"{employee_nip(901)},PPPK,Tanpa jenis kelamin,,IX,{w.dinkes.code},,,",
        f"{employee_nip(902)},PNS,Unit tak ada,,III/a,NOPE,,,",
        f"{employee_nip(903)},PNS,Email dipakai,,III/a,{w.dinkes.code},,"
        "siti.rahmawati@tangerangselatankota.go.id,",
        f"{employee_nip(904)},PNS,Jabatan di unit lain,,III/a,{w.disdukcapil.code},"
        f"{w.siti_pos.code},,",
        f"{employee_nip(0)},PNS,NIP ganda,,III/a,{w.dinkes.code},,,",
        f"{employee_nip(906)},PNS,Jenis kelamin beda,P,III/a,{w.dinkes.code},,,",
    ]
    before = await Employee.all().count()
    with pytest.raises(ImportRejected) as caught:
        await import_csv(kind=ImportKind.EMPLOYEES, text="\n".join(lines), actor_id=None)
    assert caught.value.code == ImportErrorCode.INVALID_ROWS
    found = {(e.row, e.column) for e in caught.value.report.errors}
    assert found == {
        (7, "nip"),
        (8, "rank"),
        (9, "gender"),
        (10, "unit_code"),
        (11, "email"),
        (12, "position_code"),
        (13, "nip"),
        (14, "gender"),
    }
    assert await Employee.all().count() == before
    assert not await EmploymentHistory.all().exists()
    assert not await AuditEntry.all().exists()


async def test_a_thousand_employees_in_few_statements(db, count_queries):
    w = await make_world()
    text = employees_csv(1000, unit_code=w.dinkes.code, position_code=w.siti_pos.code)
    with count_queries() as first:
        report = await import_csv(kind=ImportKind.EMPLOYEES, text=text, actor_id=w.dewi.id)
    assert (report.rows, report.created) == (1000, 1000)
    assert await Employee.filter(unit_id=w.dinkes.id).count() == 1000 + 5
    assert await EmploymentHistory.filter(kind=ChangeKind.HIRE).count() == 1000
    assert await AuditEntry.filter(action="employee.import").count() == 1000
    # Batches of hundreds, not a statement per row.
    assert first.count < 40, first.count
    with count_queries() as again:
        report = await import_csv(kind=ImportKind.EMPLOYEES, text=text, actor_id=w.dewi.id)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1000)
    assert again.count < 20, again.count
    sample = await Employee.get(nip=employee_nip(7))
    assert sample.name == "Pegawai 00007"
    assert sample.back_title == "S.Kom."
