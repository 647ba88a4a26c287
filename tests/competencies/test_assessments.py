"""Recording assessments: rules, all-or-nothing bulk, notification, event, gap and JPM."""

from __future__ import annotations

import datetime as dt

import pytest

from portal import events
from portal.audit.models import AuditEntry
from portal.competencies import assessments
from portal.competencies.assessments import AssessmentSpec
from portal.competencies.errors import CompetencyError, CompetencyErrorCode
from portal.competencies.models import Assessment, AssessmentSource, PositionRequirement
from portal.competencies.service import build_profile, latest_per_competency
from portal.notifications.models import Notification
from portal.people.changes import today
from tests.factories import BUDI_NIP, SITI_NIP, make_world


@pytest.fixture
def bus():
    bus = events.InMemoryBus()
    events.set_bus(bus)
    yield bus.subscribe()
    events.set_bus(None)


async def _profile(employee_id: int, position_id: int):
    reqs = await PositionRequirement.filter(position_id=position_id)
    rows = latest_per_competency(await Assessment.filter(employee_id=employee_id))
    return build_profile(reqs, rows)


def _spec(competency_id: int, level: int, **kwargs) -> AssessmentSpec:
    args = dict(
        nip=SITI_NIP,
        competency_id=competency_id,
        level=level,
        assessed_on=today(),
        source=AssessmentSource.SUPERVISOR,
    )
    return AssessmentSpec(**(args | kwargs))


def _with(default_competency_id: int, **kwargs) -> AssessmentSpec:
    return _spec(**({"competency_id": default_competency_id, "level": 3} | kwargs))


async def test_a_new_assessment_closes_the_gap_tells_siti_and_emits(db, bus):
    w = await make_world()
    before = await _profile(w.siti.id, w.siti_pos.id)
    assert before.job_person_match == pytest.approx(33.33)
    row = await assessments.record_assessment(
        spec=_spec(w.asuhan.id, 3, evidence="Observasi 3 bulan"), actor_id=w.dewi.id
    )
    assert row.id
    assert row.recorded_by_id == w.dewi.id
    after = await _profile(w.siti.id, w.siti_pos.id)
    assert after.requirements_met == 2
    assert after.job_person_match == pytest.approx(66.67)
    note = await Notification.get(recipient_id=w.siti.id)
    assert "Asuhan Keperawatan" in note.title
    assert note.refs["assessment"] == row.id
    topics = [bus.queue.get_nowait() for _ in range(bus.queue.qsize())]
    assert ("profile.changed", {"employee": w.siti.id}) in [(e.topic, e.ids) for e in topics]
    entry = await AuditEntry.get(action="assessment.record")
    assert entry.object_id == str(row.id)
    assert entry.after["level"] == 3


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        (dict(level=0), CompetencyErrorCode.INVALID_LEVEL, "level"),
        (
            dict(assessed_on=dt.date.today() + dt.timedelta(days=3)),
            CompetencyErrorCode.INVALID_DATE,
            "assessed_on",
        ),
        (dict(nip="123"), CompetencyErrorCode.INVALID_NIP, "nip"),
        (dict(nip="199001012015011999"), CompetencyErrorCode.EMPLOYEE_NOT_FOUND, "nip"),
        (dict(competency_id=999999), CompetencyErrorCode.NOT_FOUND, "competency_id"),
    ],
)
async def test_record_assessment_bad_input_changes_nothing(db, bus, kwargs, code, field):
    w = await make_world()
    before = await Assessment.all().count()
    with pytest.raises(CompetencyError) as caught:
        await assessments.record_assessment(spec=_with(w.asuhan.id, **kwargs), actor_id=None)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert await Assessment.all().count() == before
    assert not await Notification.all().exists()
    assert bus.queue.empty()


async def test_the_same_assessment_twice_is_refused(db):
    w = await make_world()
    await assessments.record_assessment(spec=_spec(w.asuhan.id, 3), actor_id=None)
    with pytest.raises(CompetencyError) as caught:
        await assessments.record_assessment(spec=_spec(w.asuhan.id, 4), actor_id=None)
    assert caught.value.code == CompetencyErrorCode.DUPLICATE_ASSESSMENT


async def test_bulk_is_all_or_nothing_and_names_the_bad_item(db, bus):
    w = await make_world()
    good = [_spec(w.asuhan.id, 3), _spec(w.integritas.id, 4, nip=BUDI_NIP)]
    before = await Assessment.all().count()
    with pytest.raises(CompetencyError) as caught:
        await assessments.record_assessments(
            specs=[*good, _spec(w.pelayanan.id, 2), _spec(w.pelayanan.id, 9)], actor_id=None
        )
    assert (caught.value.code, caught.value.field) == (
        CompetencyErrorCode.INVALID_LEVEL,
        "items[3].level",
    )
    with pytest.raises(CompetencyError) as caught:
        await assessments.record_assessments(specs=[*good, good[0]], actor_id=None)
    assert caught.value.field == "items[2].assessed_on"
    assert await Assessment.all().count() == before
    assert bus.queue.empty()
    rows = await assessments.record_assessments(specs=good, actor_id=w.dewi.id)
    assert all(r.id for r in rows)
    assert await Assessment.all().count() == before + 2
    assert await Notification.filter(kind="assessment.recorded").count() == 2
    assert await AuditEntry.filter(action="assessment.record").count() == 2


async def test_bulk_statements_do_not_grow_with_items(db, count_queries):
    w = await make_world()
    from tests.factories import make_employee

    staff = [await make_employee(f"Staf {i}", w.siti_pos, w.dinkes) for i in range(40)]

    async def run(people, day):
        specs = [AssessmentSpec(p.nip, w.asuhan.id, 2, day, AssessmentSource.SELF) for p in people]
        with count_queries() as counter:
            await assessments.record_assessments(specs=specs, actor_id=None)
        return counter.count

    few = await run(staff[:2], today())
    many = await run(staff, today() - dt.timedelta(days=1))
    assert few == many
