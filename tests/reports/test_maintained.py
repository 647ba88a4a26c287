"""The pre-aggregates the reports read stay equal to a recomputation, whatever writes the rows.

Each check compares the maintained table with the rule computed here in Python from the base
rows, and with the SQL rebuild (``portal rebuild-aggregates``), after ORM writes, bulk writes and
hand-written SQL on both engines.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from typing import Any

import asyncpg
import pytest
from tortoise import connections

from portal.auth.principal import principal_for
from portal.competencies.models import Assessment, AssessmentSource, PositionRequirement
from portal.db import dialect, fetch
from portal.demo.writer import delete_all
from portal.people.models import Employee, OrgUnit
from portal.people.units import move_unit
from portal.reports.maintained import DECISIONS, UNIT_DEPTHS, rebuild_aggregates
from portal.reports.spec import MAX_UNIT_LEVEL
from portal.training import enrollment as service
from portal.training.models import EnrollmentEvent, EnrollmentStatus, TrainingRecord
from tests.factories import add_record, make_employee, make_unit, make_world

DAY = dt.date(2025, 3, 1)
_DECIDED = {s.strip(" '") for s in DECISIONS.strip("()").split(",")}


def _text(value: Any) -> str | None:
    """Dates and timestamps as one comparable text (SQLite hands raw SQL text back)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(" ")
    return str(value)


async def _current() -> set[tuple[Any, ...]]:
    rows = await fetch(
        "SELECT employee_id, competency_id, level, assessed_on, assessment_id "
        "FROM competency_current"
    )
    return {
        (r["employee_id"], r["competency_id"], r["level"], _text(r["assessed_on"]),
         r["assessment_id"])
        for r in rows
    }  # fmt: skip


async def _expected_current() -> set[tuple[Any, ...]]:
    latest: dict[tuple[int, int], Assessment] = {}
    for a in await Assessment.all():
        key = (a.employee_id, a.competency_id)
        if key not in latest or (a.assessed_on, a.id) > (latest[key].assessed_on, latest[key].id):
            latest[key] = a
    return {(*k, a.level, _text(a.assessed_on), a.id) for k, a in latest.items()}


async def _jp_years() -> set[tuple[int, ...]]:
    rows = await fetch("SELECT year, employee_id, jp, records FROM training_jp_year")
    return {(r["year"], r["employee_id"], r["jp"], r["records"]) for r in rows}


async def _expected_jp_years() -> set[tuple[int, ...]]:
    sums: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for r in await TrainingRecord.all():
        sums[(r.year, r.employee_id)][0] += r.jp
        sums[(r.year, r.employee_id)][1] += 1
    return {(*k, jp, n) for k, (jp, n) in sums.items()}


async def _approvals() -> set[tuple[Any, ...]]:
    rows = await fetch("SELECT id, approval_requested_at, approval_decided_at FROM enrollment")
    return {
        (r["id"], _text(r["approval_requested_at"]), _text(r["approval_decided_at"])) for r in rows
    }


async def _expected_approvals() -> set[tuple[Any, ...]]:
    ids = await fetch("SELECT id FROM enrollment")
    times: dict[int, list[Any]] = {r["id"]: [None, None] for r in ids}
    for ev in await fetch("SELECT enrollment_id, from_status, to_status, at FROM enrollment_event"):
        kept = times[ev["enrollment_id"]]
        at = _text(ev["at"])
        if ev["from_status"] is None and ev["to_status"] == "REQUESTED":
            kept[0] = at if kept[0] is None else min(kept[0], at)
        elif ev["from_status"] == "REQUESTED" and ev["to_status"] in _DECIDED:
            kept[1] = at if kept[1] is None else max(kept[1], at)
    return {(k, rq, dc) for k, (rq, dc) in times.items()}


async def _summaries() -> dict[int, tuple[int, ...]]:
    """Active employees' summaries (an inactive one's is recomputed when made active again)."""
    rows = await fetch(
        "SELECT s.employee_id, s.requirements, s.met, s.gap_sum, s.max_gap "
        "FROM competency_summary s JOIN employee e ON e.id = s.employee_id WHERE e.active"
    )
    return {
        r["employee_id"]: (r["requirements"], r["met"], r["gap_sum"], r["max_gap"]) for r in rows
    }


async def _expected_summaries() -> dict[int, tuple[int, ...]]:
    levels = {(e, c): level for e, c, level, _, _ in await _expected_current()}
    required: dict[int, list[PositionRequirement]] = defaultdict(list)
    for r in await PositionRequirement.all():
        required[r.position_id].append(r)
    summaries = {}
    for e in await Employee.filter(active=True):
        gaps = [
            max(r.level - levels.get((e.id, r.competency_id), 0), 0)
            for r in required.get(e.position_id, [])
        ]
        met = sum(1 for gap in gaps if gap == 0)
        summaries[e.id] = (len(gaps), met, sum(gaps), max(gaps, default=0))
    return summaries


async def _ancestors() -> set[tuple[int, int, int]]:
    rows = await fetch("SELECT depth, unit_id, ancestor_id FROM unit_ancestor")
    return {(r["depth"], r["unit_id"], r["ancestor_id"]) for r in rows}


async def _expected_ancestors() -> set[tuple[int, int, int]]:
    """Each unit's ancestor at depths 0..10: the id at that place in its path, else itself."""
    expected = set()
    for unit in await OrgUnit.all():
        ids = [int(piece) for piece in unit.path.strip("/").split("/")]
        for depth in range(UNIT_DEPTHS + 1):
            expected.add((depth, unit.id, ids[depth] if depth < len(ids) else unit.id))
    return expected


async def _assert_in_step() -> None:
    current, jp, approvals = await _current(), await _jp_years(), await _approvals()
    summaries = await _summaries()
    assert current == await _expected_current()
    assert jp == await _expected_jp_years()
    assert approvals == await _expected_approvals()
    assert summaries == await _expected_summaries()
    postgres = await dialect() == "postgres"  # SQLite walks the tree in the report instead
    ancestors = await _ancestors() if postgres else set()
    if postgres:
        assert ancestors == await _expected_ancestors()
    await rebuild_aggregates()
    assert (await _current(), await _jp_years(), await _approvals()) == (current, jp, approvals)
    assert await _summaries() == summaries
    if postgres:
        assert await _ancestors() == ancestors


async def _summary(employee: Any) -> tuple[int, ...] | None:
    return (await _summaries()).get(employee.id)


async def _assess(w: Any, employee: Any, level: int, on: dt.date) -> Assessment:
    return await Assessment.create(
        employee=employee, competency=w.pelayanan, level=level, assessed_on=on,
        source=AssessmentSource.SUPERVISOR,
    )  # fmt: skip


async def _level(employee_id: int, competency_id: int) -> int | None:
    rows = await fetch(
        "SELECT level FROM competency_current WHERE employee_id = $1 AND competency_id = $2",
        [employee_id, competency_id],
    )
    return rows[0]["level"] if rows else None


async def test_current_level_follows_new_older_changed_and_deleted_assessments(db):
    w = await make_world()
    await _assert_in_step()
    assert await _level(w.siti.id, w.pelayanan.id) == 1  # make_world's newer assessment

    newer = await _assess(w, w.siti, 4, dt.date.today() + dt.timedelta(days=1))
    older = await _assess(w, w.siti, 5, DAY)
    assert await _level(w.siti.id, w.pelayanan.id) == 4
    await _assert_in_step()

    same_day = await _assess(w, w.siti, 2, newer.assessed_on)  # higher id wins the tie
    assert await _level(w.siti.id, w.pelayanan.id) == 2
    await _assert_in_step()

    await Assessment.filter(id=same_day.id).update(level=3)
    assert await _level(w.siti.id, w.pelayanan.id) == 3
    await Assessment.filter(id=older.id).update(assessed_on=dt.date.today() + dt.timedelta(days=9))
    assert await _level(w.siti.id, w.pelayanan.id) == 5
    await _assert_in_step()

    # Moving an assessment to another person recomputes both pairs.
    await Assessment.filter(id=older.id).update(employee_id=w.colleague.id)
    assert await _level(w.siti.id, w.pelayanan.id) == 3
    assert await _level(w.colleague.id, w.pelayanan.id) == 5
    await _assert_in_step()

    await Assessment.filter(id=same_day.id).delete()
    assert await _level(w.siti.id, w.pelayanan.id) == 4
    await Assessment.filter(employee_id=w.siti.id, competency_id=w.pelayanan.id).delete()
    assert await _level(w.siti.id, w.pelayanan.id) is None
    await _assert_in_step()


async def test_current_level_follows_bulk_and_hand_written_inserts(db):
    w = await make_world()
    await Assessment.bulk_create(
        [
            Assessment(employee=e, competency=w.asuhan, level=level, assessed_on=on,
                       source=AssessmentSource.ASSESSMENT_CENTER)
            for e, level, on in ((w.budi, 2, DAY), (w.budi, 4, DAY), (w.colleague, 3, DAY),
                                 (w.colleague, 1, DAY - dt.timedelta(days=1)))
        ]
    )  # fmt: skip
    assert await _level(w.budi.id, w.asuhan.id) == 4
    assert await _level(w.colleague.id, w.asuhan.id) == 3
    await _assert_in_step()
    # One statement with two rows of one pair: the later date wins, whatever the row order.
    day = "CAST($4 AS DATE)" if await dialect() == "postgres" else "$4"
    values = await fetch(
        "INSERT INTO assessment (employee_id, competency_id, level, assessed_on, source, "
        f"evidence, created_at) VALUES ($1, $2, 5, {day}, 'SUPERVISOR', '', $3), "
        f"($1, $2, 1, {day}, 'SUPERVISOR', '', $3) RETURNING id",
        [w.stranger.id, w.asuhan.id, _now(await dialect()), _day(await dialect(), DAY)],
    )
    assert len(values) == 2
    assert await _level(w.stranger.id, w.asuhan.id) == 1  # same day: the higher id
    await _assert_in_step()


def _now(kind: str) -> Any:
    now = dt.datetime.now(dt.UTC)
    return now if kind == "postgres" else now.isoformat(" ")


def _day(kind: str, day: dt.date) -> Any:
    return day if kind == "postgres" else day.isoformat()


async def test_jp_per_year_follows_records_added_changed_and_removed(db):
    w = await make_world()
    first = await add_record(w.siti, 2025, 8)
    await add_record(w.siti, 2025, 12)
    last_year = await add_record(w.siti, 2024, 4)
    await _assert_in_step()
    assert (2025, w.siti.id, 20, 2) in await _jp_years()

    await TrainingRecord.filter(id=first.id).update(jp=10)
    await TrainingRecord.filter(id=last_year.id).update(year=2025)
    assert (2025, w.siti.id, 26, 3) in await _jp_years()
    assert not [r for r in await _jp_years() if r[0] == 2024]
    await _assert_in_step()

    await TrainingRecord.filter(id=first.id).delete()
    assert (2025, w.siti.id, 16, 2) in await _jp_years()
    await TrainingRecord.filter(employee_id=w.siti.id).delete()
    assert await _jp_years() == set()
    await _assert_in_step()

    kind = await dialect()
    day = "CAST($2 AS DATE)" if kind == "postgres" else "$2"
    await fetch(
        "INSERT INTO training_record (employee_id, title, method, organiser, jp, year, "
        f"completed_on, certificate_number) VALUES ($1, 'A', 'SEMINAR', 'LAN', 3, 2025, {day}, ''),"
        f" ($1, 'B', 'SEMINAR', 'LAN', 5, 2025, {day}, '')",
        [w.budi.id, _day(kind, DAY)],
    )
    assert await _jp_years() == {(2025, w.budi.id, 8, 2)}
    await _assert_in_step()


async def test_approval_times_follow_requests_decisions_and_event_changes(db):
    w = await make_world()
    siti = await principal_for(w.siti, via="test")
    colleague = await principal_for(w.colleague, via="test")
    budi = await principal_for(w.budi, via="test")
    first = await service.request_enrollment(principal=siti, session_id=w.session.id)
    second = await service.request_enrollment(principal=colleague, session_id=w.session.id)
    await _assert_in_step()
    pending = {r[0]: r for r in await _approvals()}
    assert pending[first.id][1] is not None
    assert pending[first.id][2] is None

    await service.decide_enrollment(principal=budi, enrollment_id=first.id, approve=True)
    await service.decide_enrollment(principal=budi, enrollment_id=second.id, approve=False)
    decided = {r[0]: r for r in await _approvals()}
    assert decided[first.id][2] is not None
    assert decided[second.id][2] is not None
    await _assert_in_step()

    # Cancelling is no decision; moving or removing an event recomputes the times.
    await service.cancel_enrollment(principal=siti, enrollment_id=first.id)
    at = dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.UTC)
    await EnrollmentEvent.filter(enrollment_id=first.id, from_status=None).update(at=at)
    assert {r[0]: r for r in await _approvals()}[first.id][1] == _text(at)
    await _assert_in_step()
    await EnrollmentEvent.filter(
        enrollment_id=second.id, to_status=EnrollmentStatus.REJECTED
    ).delete()
    assert {r[0]: r for r in await _approvals()}[second.id][2] is None
    await _assert_in_step()


async def test_emptying_the_base_tables_empties_the_aggregates(db):
    w = await make_world()
    await add_record(w.siti, 2025, 8)
    await service.request_enrollment(
        principal=await principal_for(w.siti, via="test"), session_id=w.session.id
    )
    assert await _current()
    assert await _jp_years()
    assert await _summaries()
    await delete_all(connections.get("default"))  # the demo reset: TRUNCATE on PostgreSQL
    assert await _current() == set()
    assert await _jp_years() == set()
    assert await fetch("SELECT employee_id FROM competency_summary") == []


async def test_competency_summary_follows_levels_people_and_requirements(db):
    w = await make_world()
    # Siti's post: Integritas 2 (she is 3), Pelayanan Publik 2 (1), Asuhan Keperawatan 3 (none).
    assert await _summary(w.siti) == (3, 1, 4, 3)
    assert await _summary(w.colleague) == (3, 0, 7, 3)
    assert await _summary(w.stranger) == (0, 0, 0, 0)
    await _assert_in_step()

    await _assess(w, w.siti, 2, dt.date.today() + dt.timedelta(days=1))  # Pelayanan met now
    assert await _summary(w.siti) == (3, 2, 3, 3)
    await Assessment.filter(employee_id=w.siti.id, competency_id=w.integritas.id).delete()
    assert await _summary(w.siti) == (3, 1, 5, 3)
    await _assert_in_step()

    # A requirement changed, added and removed: every active holder of the post follows.
    await PositionRequirement.filter(position_id=w.siti_pos.id, competency_id=w.asuhan.id).update(
        level=1
    )
    assert (await _summary(w.siti), await _summary(w.colleague)) == ((3, 1, 3, 2), (3, 0, 5, 2))
    await PositionRequirement.create(position=w.other_pos, competency=w.asuhan, level=2)
    assert await _summary(w.stranger) == (1, 0, 2, 2)
    await PositionRequirement.filter(
        position_id=w.siti_pos.id, competency_id=w.integritas.id
    ).delete()
    assert await _summary(w.siti) == (2, 1, 1, 1)
    await _assert_in_step()

    # A transfer takes the new post's requirements; a new employee starts with all gaps open.
    w.siti.position_id = w.other_pos.id
    await w.siti.save(update_fields=["position_id"])
    assert await _summary(w.siti) == (1, 0, 2, 2)
    newcomer = await make_employee("Lina Marlina", w.siti_pos, w.dinkes)
    assert await _summary(newcomer) == (2, 0, 3, 2)
    await _assert_in_step()

    # Inactive employees are left out; made active again, they are recomputed.
    w.colleague.active = False
    await w.colleague.save(update_fields=["active"])
    await PositionRequirement.filter(
        position_id=w.siti_pos.id, competency_id=w.pelayanan.id
    ).update(level=4)
    w.colleague.active = True
    await w.colleague.save(update_fields=["active"])
    assert await _summary(w.colleague) == (2, 0, 5, 4)
    await _assert_in_step()

    # Hand-written SQL, several rows in one statement.
    await fetch(
        "INSERT INTO position_requirement (position_id, competency_id, level) "
        "VALUES ($1, $2, 1), ($3, $2, 5)",
        [w.budi_pos.id, w.integritas.id, w.head_pos.id],
    )
    assert await _summary(w.budi) == (1, 0, 1, 1)
    assert await _summary(w.kadis) == (1, 0, 5, 5)
    await _assert_in_step()

    await Employee.filter(id=newcomer.id).delete()
    assert (
        await fetch(
            "SELECT employee_id FROM competency_summary WHERE employee_id = $1", [newcomer.id]
        )
        == []
    )


@pytest.mark.postgres_only
async def test_concurrent_assessments_of_one_employee_both_count(db, database_url):
    """Two transactions assess Siti at once: the second waits for the first's summary row and
    recomputes after it committed, so the summary holds both (no lost update)."""
    w = await make_world()
    first, second = await asyncpg.connect(database_url), await asyncpg.connect(database_url)
    insert = (
        "INSERT INTO assessment (employee_id, competency_id, level, assessed_on, source, "
        "evidence, created_at) VALUES ($1, $2, $3, CURRENT_DATE + 1, 'SUPERVISOR', '', now())"
    )
    try:
        one = first.transaction()
        await one.start()
        await first.execute(insert, w.siti.id, w.pelayanan.id, 2)  # Pelayanan met
        two = second.transaction()
        await two.start()
        blocked = asyncio.ensure_future(second.execute(insert, w.siti.id, w.asuhan.id, 3))
        await asyncio.sleep(0.3)
        assert not blocked.done()  # waiting for the first's summary row
        await one.commit()
        await asyncio.wait_for(blocked, 10)
        await two.commit()
    finally:
        await first.close()
        await second.close()
    assert await _summary(w.siti) == (3, 3, 0, 0)
    await _assert_in_step()


@pytest.mark.postgres_only
async def test_concurrent_change_and_delete_of_one_pair_leave_the_true_latest(db, database_url):
    """One transaction changes Siti's older Pelayanan Publik assessment while another deletes the
    newest: the current level is the older one's new level, not the deleted one's."""
    w = await make_world()
    older, newest = await Assessment.filter(
        employee_id=w.siti.id, competency_id=w.pelayanan.id
    ).order_by("assessed_on")
    first, second = await asyncpg.connect(database_url), await asyncpg.connect(database_url)
    try:
        one = first.transaction()
        await one.start()
        await first.execute("UPDATE assessment SET level = 4 WHERE id = $1", older.id)
        two = second.transaction()
        await two.start()
        blocked = asyncio.ensure_future(
            second.execute("DELETE FROM assessment WHERE id = $1", newest.id)
        )
        await asyncio.sleep(0.3)
        assert not blocked.done()  # waiting for the pair's current row
        await one.commit()
        await asyncio.wait_for(blocked, 10)
        await two.commit()
    finally:
        await first.close()
        await second.close()
    assert await _level(w.siti.id, w.pelayanan.id) == 4
    await _assert_in_step()


def test_the_ancestor_table_covers_every_depth_a_report_may_ask():
    assert UNIT_DEPTHS == MAX_UNIT_LEVEL


@pytest.mark.postgres_only
async def test_unit_ancestors_follow_units_created_moved_and_removed(db):
    w = await make_world()
    await _assert_in_step()
    puskesmas = await make_unit("Puskesmas Pamulang", w.dinkes)
    pustu = await make_unit("Pustu Pondok Cabe", puskesmas)
    assert (2, pustu.id, puskesmas.id) in await _ancestors()
    assert (1, pustu.id, w.dinkes.id) in await _ancestors()
    assert (5, pustu.id, pustu.id) in await _ancestors()  # shallower: itself
    await _assert_in_step()
    # Moving a subtree re-paths it in one statement: every unit of it follows.
    await move_unit(unit_id=puskesmas.id, parent_id=w.bkpsdm.id, actor_id=None)
    assert (1, pustu.id, w.bkpsdm.id) in await _ancestors()
    assert (1, puskesmas.id, w.bkpsdm.id) in await _ancestors()
    await _assert_in_step()
    # Hand-written SQL: several units in one statement, a rename (no path change), a delete.
    root = (await OrgUnit.get(id=w.dinkes.id)).path
    await fetch(
        "INSERT INTO org_unit (code, name, short_name, kind, path, active, created_at, parent_id) "
        "SELECT 'X' || g, 'Seksi ' || g, '', 'SEKSI', '/', true, now(), $1 "
        "FROM generate_series(1, 3) g",
        [w.dinkes.id],
    )  # as the application does: the path once the id is known
    await fetch("UPDATE org_unit SET path = $1 || id || '/' WHERE code LIKE 'X%'", [root])
    await fetch("UPDATE org_unit SET name = 'Seksi Gizi' WHERE code = 'X1'")
    await fetch("DELETE FROM org_unit WHERE code = 'X3'")
    await _assert_in_step()
    await delete_all(connections.get("default"))  # the demo reset: TRUNCATE
    assert await _ancestors() == set()
