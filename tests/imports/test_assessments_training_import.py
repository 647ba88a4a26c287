"""Assessments and training history from CSV: natural keys, idempotence, row errors."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.audit.models import AuditEntry
from portal.competencies.models import Assessment, AssessmentSource
from portal.imports.report import ImportKind, ImportRejected
from portal.imports.service import import_csv
from portal.training.models import TrainingMethod, TrainingRecord
from tests.factories import BUDI_NIP, SITI_NIP, make_world

ASSESSMENTS = f"""nip,competency_code,level,assessed_on,source,evidence
{SITI_NIP},T.KES.01,3,2024-05-02,ASSESSMENT_CENTER,Laporan AC 2024
{BUDI_NIP},M.01,4,02/05/2024,assessment center,
{SITI_NIP},M.05,2,2024-05-02,,
"""
TRAINING = f"""nip,title,method,organiser,jp,year,completed_on,certificate_number
{SITI_NIP},Pelatihan Asuhan Keperawatan Kritis,PELATIHAN,BKPSDM Tangsel,24,2024,2024-03-15,SERT-1
{SITI_NIP},Webinar Pelayanan Prima,e-learning,LAN RI,2,,15-08-2024,
{BUDI_NIP},Kepemimpinan Pengawas,PELATIHAN,PPSDM Kemendagri,40,2023,2023-10-20,PKP-2023-77
"""


async def test_assessments_import_upserts_by_natural_key(db):
    w = await make_world()
    report = await import_csv(kind=ImportKind.ASSESSMENTS, text=ASSESSMENTS, actor_id=w.dewi.id)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    row = await Assessment.get(employee_id=w.budi.id, competency_id=w.integritas.id)
    assert (row.level, row.source, row.assessed_on) == (
        4,
        AssessmentSource.ASSESSMENT_CENTER,
        dt.date(2024, 5, 2),
    )
    imported = await Assessment.get(
        employee_id=w.siti.id, competency_id=w.pelayanan.id, assessed_on=dt.date(2024, 5, 2)
    )
    assert imported.source == AssessmentSource.IMPORT
    assert imported.recorded_by_id == w.dewi.id
    assert await AuditEntry.filter(action="assessment.import").count() == 3
    again = await import_csv(kind=ImportKind.ASSESSMENTS, text=ASSESSMENTS, actor_id=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = ASSESSMENTS.replace("T.KES.01,3,", "T.KES.01,4,")
    third = await import_csv(kind=ImportKind.ASSESSMENTS, text=changed, actor_id=None)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    entry = await AuditEntry.filter(action="assessment.import").order_by("-id").first()
    assert entry is not None
    assert (entry.before["level"], entry.after["level"]) == (3, 4)


async def test_assessments_import_row_errors(db):
    await make_world()
    future = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    text = (
        "nip,competency_code,level,assessed_on,source\n"
        f"{SITI_NIP},M.01,6,2024-01-01,\n"
        f"{SITI_NIP},X.99,3,2024-01-01,\n"
        f"199001012015011999,M.01,3,2024-01-01,\n"
        f"{SITI_NIP},M.01,3,{future},\n"
        f"{SITI_NIP},M.01,3,2024-01-01,GURU\n"
        f"{SITI_NIP},M.05,3,2024-01-01,\n"
        f"{SITI_NIP},M.05,2,2024-01-01,\n"
    )
    before = await Assessment.all().count()
    with pytest.raises(ImportRejected) as caught:
        await import_csv(kind=ImportKind.ASSESSMENTS, text=text, actor_id=None)
    found = {(e.row, e.column) for e in caught.value.report.errors}
    assert found == {
        (2, "level"),
        (3, "competency_code"),
        (4, "nip"),
        (5, "assessed_on"),
        (6, "source"),
        (8, "assessed_on"),
    }
    assert await Assessment.all().count() == before


async def test_training_history_import_upserts_records_in_siasn_shape(db):
    w = await make_world()
    report = await import_csv(kind=ImportKind.TRAINING_HISTORY, text=TRAINING, actor_id=None)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    webinar = await TrainingRecord.get(employee_id=w.siti.id, title="Webinar Pelayanan Prima")
    assert (webinar.method, webinar.year, webinar.jp, webinar.certificate_number) == (
        TrainingMethod.E_LEARNING,
        2024,
        2,
        "",
    )
    again = await import_csv(kind=ImportKind.TRAINING_HISTORY, text=TRAINING, actor_id=None)
    assert (again.created, again.unchanged) == (0, 3)
    changed = TRAINING.replace(",40,2023,", ",32,2023,")
    third = await import_csv(kind=ImportKind.TRAINING_HISTORY, text=changed, actor_id=None)
    assert (third.updated, third.unchanged) == (1, 2)
    assert (await TrainingRecord.get(employee_id=w.budi.id)).jp == 32
    assert await TrainingRecord.all().count() == 3


async def test_training_history_row_errors(db):
    await make_world()
    text = (
        "nip,title,organiser,jp,year,completed_on\n"
        f"{SITI_NIP},Pelatihan A,BKPSDM,0,2024,2024-01-01\n"
        f"{SITI_NIP},Pelatihan B,BKPSDM,8,2023,2024-01-01\n"
        f"{SITI_NIP},,BKPSDM,8,,2024-01-01\n"
        f"{SITI_NIP},Pelatihan C,BKPSDM,8,,31-02-2024\n"
    )
    with pytest.raises(ImportRejected) as caught:
        await import_csv(kind=ImportKind.TRAINING_HISTORY, text=text, actor_id=None)
    found = {(e.row, e.column) for e in caught.value.report.errors}
    assert found == {(2, "jp"), (3, "year"), (4, "title"), (5, "completed_on")}
    assert not await TrainingRecord.all().exists()
