"""Who falls short, by name: competency gaps with the courses that close them, and the 20 JP right.

These lists name people, so they use the people scope (HR everyone, a supervisor their line).
Each page is one SQL statement; the courses closing a page's gaps are one more. Turning gaps
into proposed plan items is ``training.plan_bulk.propose_plan_items_from_gaps`` (the
``proposePlanItemsFromGaps`` mutation): it proposes the first course of ``closing_courses``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from portal.db import dialect
from portal.reports.access import Scope, scope_sql
from portal.reports.facts import COMPETENCIES
from portal.reports.sql import Statement, fetch_page, fetch_report, subtree_units
from portal.reports.staffing import Page
from portal.training.gaps import course_open_to_employee
from portal.training.models import YEARLY_JP_RIGHT


class GapOrder(StrEnum):
    GAP_DESC = "GAP_DESC"  # biggest gap first, then by name
    NAME = "NAME"  # by employee name, then competency code


class JpOrder(StrEnum):
    MISSING_DESC = "MISSING_DESC"  # most JP missing first, then by name
    NAME = "NAME"  # by name
    UNIT = "UNIT"  # by unit name, then most missing first


@dataclass(frozen=True, slots=True)
class EmployeeGap:
    employee_id: int
    position_id: int
    unit_id: int
    competency_id: int
    required: int
    assessed: int | None  # latest assessed level; None when never assessed (counts as 0)
    gap: int

    @property
    def key(self) -> tuple[int, int]:
        return (self.employee_id, self.competency_id)


@dataclass(frozen=True, slots=True)
class JpShortfall:
    employee_id: int
    unit_id: int
    year: int
    completed: int
    missing: int


async def list_competency_gaps(
    *,
    scope: Scope,
    unit_id: int | None = None,
    competency_id: int | None = None,
    position_id: int | None = None,
    order: GapOrder = GapOrder.GAP_DESC,
    offset: int = 0,
    limit: int = 20,
) -> Page:
    """Unmet requirements of active employees in scope: who, which competency, by how much."""
    stmt = Statement(await dialect())
    conditions = [COMPETENCIES.where, "COALESCE(la.level, 0) < r.level"]
    if unit_id is not None:
        conditions.append(f"e.unit_id IN ({subtree_units(stmt, [unit_id])})")
    if competency_id is not None:
        conditions.append(f"r.competency_id = {stmt.int_param(competency_id)}")
    if position_id is not None:
        conditions.append(f"e.position_id = {stmt.int_param(position_id)}")
    condition, ctes = scope_sql(
        stmt, scope, unit_column="e.unit_id", position_column="e.position_id"
    )
    if condition is not None:
        conditions.append(condition)
    select = (
        "SELECT e.id AS employee_id, e.position_id, e.unit_id, e.name, r.competency_id, "
        "c.code, r.level AS required, la.level AS assessed, "
        "r.level - COALESCE(la.level, 0) AS gap "
        f"FROM {COMPETENCIES.source} "
        "JOIN competency c ON c.id = r.competency_id "
        f"WHERE {' AND '.join(conditions)}"
    )
    by = "name, employee_id, code"
    if order is GapOrder.GAP_DESC:
        by = f"gap DESC, {by}"
    rows, total = await fetch_page(stmt, select, by, offset=offset, limit=limit, ctes=ctes)
    items = [
        EmployeeGap(
            employee_id=int(r["employee_id"]),
            position_id=int(r["position_id"]),
            unit_id=int(r["unit_id"]),
            competency_id=int(r["competency_id"]),
            required=int(r["required"]),
            assessed=None if r["assessed"] is None else int(r["assessed"]),
            gap=int(r["gap"]),
        )
        for r in rows
    ]
    return Page(items, total)


async def closing_courses(gaps: list[EmployeeGap]) -> dict[tuple[int, int], list[int]]:
    """For each (employee, competency) gap, the active courses open to the employee that reach
    the required level, best fit first (the order ``propose_plan_items_from_gaps`` uses)."""
    if not gaps:
        return {}
    stmt = Statement(await dialect())
    employees = stmt.int_list(sorted({g.employee_id for g in gaps}))
    competencies = stmt.int_list(sorted({g.competency_id for g in gaps}))
    rows = await fetch_report(
        f"""
        SELECT e.id AS employee_id, cc.competency_id, c.id AS course_id
        FROM employee e
        JOIN position p ON p.id = e.position_id
        JOIN org_unit u ON u.id = e.unit_id
        JOIN position_requirement r ON r.position_id = p.id
        JOIN course_competency cc ON cc.competency_id = r.competency_id
          AND cc.target_level >= r.level
        JOIN course c ON c.id = cc.course_id
        WHERE e.id IN ({employees}) AND r.competency_id IN ({competencies}) AND c.active
          AND {await course_open_to_employee()}
        ORDER BY e.id, cc.competency_id, cc.target_level, c.jp, c.id
        """,
        stmt.params,
    )
    wanted = {g.key for g in gaps}
    courses: dict[tuple[int, int], list[int]] = defaultdict(list)
    for r in rows:
        key = (int(r["employee_id"]), int(r["competency_id"]))
        if key in wanted:
            courses[key].append(int(r["course_id"]))
    return dict(courses)


async def list_jp_shortfalls(
    *,
    scope: Scope,
    year: int,
    unit_id: int | None = None,
    order: JpOrder = JpOrder.MISSING_DESC,
    offset: int = 0,
    limit: int = 20,
) -> Page:
    """Active employees in scope below the yearly 20 JP right, with the JP still missing."""
    stmt = Statement(await dialect())
    right = YEARLY_JP_RIGHT
    conditions = ["e.active", f"COALESCE(t.jp, 0) < {right}"]
    year_param = stmt.int_param(year)
    if unit_id is not None:
        conditions.append(f"e.unit_id IN ({subtree_units(stmt, [unit_id])})")
    condition, ctes = scope_sql(
        stmt, scope, unit_column="e.unit_id", position_column="e.position_id"
    )
    if condition is not None:
        conditions.append(condition)
    # The unit's name only sorts (JpOrder.UNIT): other orders skip the join, and the rows every
    # page and its count read (most of the workforce early in the year) stay narrow.
    by_unit = order is JpOrder.UNIT
    select = (
        "SELECT e.id AS employee_id, e.unit_id, e.name, "
        + ("u.name AS unit_name, " if by_unit else "")
        + f"COALESCE(t.jp, 0) AS completed, {right} - COALESCE(t.jp, 0) AS missing "
        "FROM employee e "
        + ("JOIN org_unit u ON u.id = e.unit_id " if by_unit else "")
        + "LEFT JOIN training_jp_year t ON t.employee_id = e.id "
        f"AND t.year = {year_param} "
        f"WHERE {' AND '.join(conditions)}"
    )
    by = {
        JpOrder.MISSING_DESC: "missing DESC, name, employee_id",
        JpOrder.NAME: "name, employee_id",
        JpOrder.UNIT: "unit_name, unit_id, missing DESC, name, employee_id",
    }[order]
    rows, total = await fetch_page(stmt, select, by, offset=offset, limit=limit, ctes=ctes)
    items = [
        JpShortfall(
            employee_id=int(r["employee_id"]),
            unit_id=int(r["unit_id"]),
            year=year,
            completed=int(r["completed"]),
            missing=int(r["missing"]),
        )
        for r in rows
    ]
    return Page(items, total)
