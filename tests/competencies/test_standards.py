"""Pre-loading the 8 managerial competencies and Perekat Bangsa."""

from __future__ import annotations

from portal.competencies.models import Competency, CompetencyGroup, CompetencyLevel
from portal.competencies.standards import STANDARDS, load_standards
from tests.factories import make_world


async def test_standards_load_once_and_then_change_nothing(db):
    first = await load_standards()
    assert (first.created, first.updated, first.unchanged) == (9, 0, 0)
    codes = await Competency.all().order_by("code").values_list("code", flat=True)
    assert codes == [*(f"M.0{i}" for i in range(1, 9)), "SK.01"]
    assert await CompetencyLevel.all().count() == 45
    sk = await Competency.get(code="SK.01")
    assert sk.group == CompetencyGroup.SOSIAL_KULTURAL
    assert sk.name == "Perekat Bangsa"
    level5 = await CompetencyLevel.get(competency_id=sk.id, level=5)
    assert level5.indicators
    again = await load_standards()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 9)


async def test_standards_restore_edited_wording(db):
    w = await make_world()  # has M.01 Integritas and M.05 with placeholder descriptors
    summary = await load_standards()
    assert (summary.created, summary.updated) == (7, 2)
    integritas = await Competency.get(id=w.integritas.id)
    assert integritas.description.startswith("Konsisten berperilaku")
    assert len(STANDARDS) == 9
