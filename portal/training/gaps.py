"""Competency gaps in SQL, for questions over many employees at once.

A gap: the employee's position requires a level in a competency and the latest assessment
(newest ``assessed_on``, then highest id: the rule of ``latest_per_competency``, kept per pair in
``competency_current`` by the database, see ``portal.reports.maintained``) is lower, or there is
none. A course *closes* the gap when it addresses the competency with a target level at
least the required one, is active, and is open to the employee (position kind and unit subtree,
as the enrollment service checks: an empty list means everyone).

The fragments use the aliases ``e`` (employee), ``p`` (their position), ``u`` (their unit),
``r`` (position_requirement) and ``c``/``cc`` (course, course_competency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from portal.db import dialect, fetch

LATEST_LEVEL = """COALESCE((
    SELECT cc.level FROM competency_current cc
    WHERE cc.employee_id = e.id AND cc.competency_id = r.competency_id), 0)"""

_UNITS_OPEN = """(
    NOT EXISTS (SELECT 1 FROM course_unit cu WHERE cu.course_id = c.id)
    OR EXISTS (
        SELECT 1 FROM course_unit cu JOIN org_unit eu ON eu.id = cu.orgunit_id
        WHERE cu.course_id = c.id AND u.path LIKE eu.path || '%'))"""

_KINDS_OPEN = {
    "postgres": "(jsonb_array_length(c.eligible_kinds::jsonb) = 0"
    " OR c.eligible_kinds::jsonb @> jsonb_build_array(p.kind))",
    "sqlite": "(json_array_length(c.eligible_kinds) = 0"
    " OR EXISTS (SELECT 1 FROM json_each(c.eligible_kinds) k WHERE k.value = p.kind))",
}


async def course_open_to_employee() -> str:
    """SQL condition: course ``c`` is open to employee ``e`` (position ``p``, unit ``u``)."""
    return f"({_KINDS_OPEN[await dialect()]} AND {_UNITS_OPEN})"


async def timestamp_param(value: dt.datetime) -> Any:
    """A timestamp as hand-written SQL must pass it (SQLite keeps Tortoise's text form)."""
    return str(value) if await dialect() == "sqlite" else value


async def closing_course_sql() -> str:
    """Correlated subquery: the best course closing gap ``r`` of ``e``, or NULL.

    Best = the lowest target level that still closes the gap (the closest fit), then the fewest
    JP, then the oldest course.
    """
    return f"""(
        SELECT c.id FROM course c JOIN course_competency cc ON cc.course_id = c.id
        WHERE cc.competency_id = r.competency_id AND cc.target_level >= r.level AND c.active
          AND {await course_open_to_employee()}
        ORDER BY cc.target_level, c.jp, c.id LIMIT 1)"""


async def gaps_closed_by_course() -> str:
    """FROM ... WHERE of every (active employee ``e``, requirement ``r``) whose gap course ``c``
    closes; the caller adds ``AND`` conditions naming the course (and whom it asks about)."""
    return f"""
        FROM course c
        JOIN course_competency cc ON cc.course_id = c.id
        JOIN position_requirement r
          ON r.competency_id = cc.competency_id AND cc.target_level >= r.level
        JOIN position p ON p.id = r.position_id
        JOIN employee e ON e.position_id = p.id
        JOIN org_unit u ON u.id = e.unit_id
        WHERE c.active AND e.active AND {LATEST_LEVEL} < r.level
          AND {await course_open_to_employee()}"""


async def employees_a_session_fits(
    *, session_id: int, employee_ids: Collection[int] = (), position_ids: Collection[int] = ()
) -> list[int]:
    """Active employees, among ``employee_ids`` and the holders of ``position_ids``, with a gap the
    open session's course closes: one statement, however many people are asked about.

    The live layer asks this for each ``session.created`` event: an open page hears about a new
    session by the same rule (``gaps_closed_by_course``) that picks who gets the catalog's notice.
    """
    postgres = await dialect() == "postgres"
    scopes: list[str] = []
    params: list[Any] = [session_id]
    for column, ids in (("e.id", employee_ids), ("e.position_id", position_ids)):
        if not ids:
            continue
        if postgres:  # one prepared statement whatever the number of ids (as graphql/batch.py)
            params.append([int(i) for i in ids])
            scopes.append(f"{column} = ANY(${len(params)}::int[])")
        else:
            first = len(params) + 1
            scopes.append(f"{column} IN ({', '.join(f'${first + i}' for i in range(len(ids)))})")
            params.extend(ids)
    if not scopes:
        return []
    rows = await fetch(
        f"""SELECT DISTINCT e.id AS employee_id {await gaps_closed_by_course()}
          AND c.id = (SELECT s.course_id FROM training_session s
                      WHERE s.id = $1 AND s.status = 'OPEN')
          AND ({" OR ".join(scopes)})
        ORDER BY employee_id""",
        params,
    )
    return [int(row["employee_id"]) for row in rows]
