"""The example files in docs/examples import cleanly, in order, and a second time unchanged."""

from __future__ import annotations

from pathlib import Path

from portal.competencies.standards import load_standards
from portal.imports.report import ImportKind
from portal.imports.service import import_csv
from portal.people.models import Employee, Position

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
ORDER = [
    ImportKind.UNITS,
    ImportKind.POSITIONS,
    ImportKind.EMPLOYEES,
    ImportKind.ASSESSMENTS,
    ImportKind.TRAINING_HISTORY,
]


async def test_documented_examples_import_in_order(db):
    await load_standards()
    for kind in ORDER:
        text = (EXAMPLES / f"{kind.value}.csv").read_text(encoding="utf-8")
        report = await import_csv(kind=kind, text=text, actor_id=None)
        assert report.committed
        assert report.created == report.rows, kind
        again = await import_csv(kind=kind, text=text, actor_id=None)
        assert again.unchanged == again.rows, kind
    nurse = await Employee.get(nip="199305212019032004")
    position = await Position.get(id=nurse.position_id)
    assert position.code == "DINKES-PERAWAT-AP"
