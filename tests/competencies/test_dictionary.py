"""The competency dictionary and position requirements: rules, audit, events."""

from __future__ import annotations

import pytest

from portal import events
from portal.audit.models import AuditEntry
from portal.competencies import dictionary
from portal.competencies.dictionary import LevelSpec, RequirementSpec
from portal.competencies.errors import CompetencyError, CompetencyErrorCode
from portal.competencies.models import (
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    PositionRequirement,
)
from tests.factories import make_world

LEVELS = [LevelSpec(lv, f"Level {lv}", (f"Indikator {lv}.1",)) for lv in (3, 1, 2)]


@pytest.fixture
def bus():
    bus = events.InMemoryBus()
    events.set_bus(bus)
    yield bus.subscribe()
    events.set_bus(None)


async def test_create_technical_competency_for_a_unit(db):
    w = await make_world()
    c = await dictionary.create_competency(
        code="T.KES.02",
        name="Manajemen Rumah Sakit",
        group=CompetencyGroup.TEKNIS,
        unit_id=w.dinkes.id,
        levels=LEVELS,
        actor_id=w.dewi.id,
    )
    levels = await CompetencyLevel.filter(competency_id=c.id).order_by("level")
    assert [(lv.level, lv.indicators) for lv in levels] == [
        (1, ["Indikator 1.1"]),
        (2, ["Indikator 2.1"]),
        (3, ["Indikator 3.1"]),
    ]
    entry = await AuditEntry.get(action="competency.create")
    assert entry.after["unit_id"] == w.dinkes.id
    assert len(entry.after["levels"]) == 3


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        (dict(code="M.01"), CompetencyErrorCode.DUPLICATE_CODE, "code"),
        (
            dict(group=CompetencyGroup.MANAJERIAL, unit=True),
            CompetencyErrorCode.UNIT_NOT_ALLOWED,
            "unit_id",
        ),
        (dict(levels=[LevelSpec(6, "x")]), CompetencyErrorCode.INVALID_LEVEL, "levels[0].level"),
        (
            dict(levels=[LevelSpec(1, "a"), LevelSpec(1, "b")]),
            CompetencyErrorCode.INVALID_LEVEL,
            "levels[1].level",
        ),
        (
            dict(levels=[LevelSpec(1, " ")]),
            CompetencyErrorCode.INVALID_VALUE,
            "levels[0].description",
        ),
        (dict(name=""), CompetencyErrorCode.INVALID_VALUE, "name"),
    ],
)
async def test_create_competency_bad_input_changes_nothing(db, kwargs, code, field):
    w = await make_world()
    before = await Competency.all().count()
    kwargs = dict(kwargs)  # parametrize shares the dict between the two databases
    args = dict(code="T.NEW", name="Baru", group=CompetencyGroup.TEKNIS, actor_id=None)
    if kwargs.pop("unit", False):
        args["unit_id"] = w.dinkes.id
    with pytest.raises(CompetencyError) as caught:
        await dictionary.create_competency(**(args | kwargs))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert await Competency.all().count() == before
    assert not await AuditEntry.filter(action="competency.create").exists()


async def test_update_competency_replaces_levels_and_checks_code(db):
    w = await make_world()
    await dictionary.update_competency(
        competency_id=w.asuhan.id, name="Asuhan Keperawatan Klinis", levels=LEVELS, actor_id=None
    )
    assert await CompetencyLevel.filter(competency_id=w.asuhan.id).count() == 3
    with pytest.raises(CompetencyError) as caught:
        await dictionary.update_competency(competency_id=w.asuhan.id, code="M.01", actor_id=None)
    assert caught.value.code == CompetencyErrorCode.DUPLICATE_CODE
    with pytest.raises(CompetencyError) as caught:
        await dictionary.update_competency(
            competency_id=w.integritas.id, unit_id=w.dinkes.id, actor_id=None
        )
    assert caught.value.code == CompetencyErrorCode.UNIT_NOT_ALLOWED
    entry = await AuditEntry.get(action="competency.update")
    assert entry.before["name"] == "Asuhan Keperawatan"
    assert len(entry.before["levels"]) == 5


async def test_set_requirements_replaces_as_a_whole_and_emits(db, bus):
    w = await make_world()
    await dictionary.set_position_requirements(
        position_id=w.siti_pos.id,
        requirements=[RequirementSpec(w.asuhan.id, 4), RequirementSpec(w.integritas.id, 3)],
        actor_id=w.dewi.id,
    )
    rows = await PositionRequirement.filter(position_id=w.siti_pos.id).order_by("competency_id")
    assert {(r.competency_id, r.level) for r in rows} == {(w.asuhan.id, 4), (w.integritas.id, 3)}
    event = bus.queue.get_nowait()
    assert (event.topic, event.ids) == ("requirements.changed", {"position": w.siti_pos.id})
    entry = await AuditEntry.get(action="position.requirements")
    assert len(entry.before["requirements"]) == 3
    assert len(entry.after["requirements"]) == 2


async def test_set_requirements_bad_item_names_its_index_and_changes_nothing(db, bus):
    w = await make_world()
    tied = await dictionary.create_competency(
        code="T.CAPIL.01",
        name="Administrasi Kependudukan",
        group=CompetencyGroup.TEKNIS,
        unit_id=w.disdukcapil.id,
        actor_id=None,
    )
    cases = [
        (
            [RequirementSpec(w.asuhan.id, 3), RequirementSpec(w.asuhan.id, 2)],
            CompetencyErrorCode.DUPLICATE_COMPETENCY,
            "requirements[1].competency_id",
        ),
        (
            [RequirementSpec(w.asuhan.id, 0)],
            CompetencyErrorCode.INVALID_LEVEL,
            "requirements[0].level",
        ),
        (
            [RequirementSpec(w.asuhan.id, 3), RequirementSpec(999999, 3)],
            CompetencyErrorCode.NOT_FOUND,
            "requirements[1].competency_id",
        ),
        (
            [RequirementSpec(tied.id, 3)],
            CompetencyErrorCode.WRONG_UNIT,
            "requirements[0].competency_id",
        ),
    ]
    before = set(
        await PositionRequirement.all().values_list("position_id", "competency_id", "level")
    )
    for specs, code, field in cases:
        with pytest.raises(CompetencyError) as caught:
            await dictionary.set_position_requirements(
                position_id=w.siti_pos.id, requirements=specs, actor_id=None
            )
        assert (caught.value.code, caught.value.field) == (code, field)
    after = set(
        await PositionRequirement.all().values_list("position_id", "competency_id", "level")
    )
    assert after == before
    assert bus.queue.empty()
    # The same technical competency fits a Disdukcapil position.
    await dictionary.set_position_requirements(
        position_id=w.capil_staff_pos.id, requirements=[RequirementSpec(tied.id, 2)], actor_id=None
    )
