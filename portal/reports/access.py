"""Who may read which reports, and the SQL that keeps each reader inside their part of the data.

HR (BKPSDM) reads everything. A unit head reads their units' subtrees, a supervisor their line
(every position below theirs, or below a post they hold as Plt/Plh): both as conditions of the
report's one SQL statement, so a scoped report costs what an unscoped one does. For anyone but HR
groups of fewer than ``PORTAL_REPORT_MIN_GROUP`` people are suppressed (see ``builder``).

Person-level lists (who falls short, who is under 20 JP) name people, so they follow the rule of
``people.access.can_view_employee``: HR, and supervisors for their own line. A unit head who
supervises nobody reads the aggregated reports of their unit, never its people one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from portal.reports.sql import Statement, subtree_units

if TYPE_CHECKING:
    from portal.auth.principal import Principal


@dataclass(frozen=True, slots=True)
class Scope:
    """The part of the organisation a reader sees."""

    everything: bool
    unit_ids: tuple[int, ...] = ()  # unit-head grants: these subtrees
    root_position_ids: tuple[int, ...] = ()  # supervisor: positions below these

    @property
    def empty(self) -> bool:
        return not (self.everything or self.unit_ids or self.root_position_ids)


def report_scope(principal: Principal) -> Scope:
    """What the aggregated reports show this principal."""
    if principal.is_hr:
        return Scope(everything=True)
    roots = [p for p in (principal.position_id, *principal.acting_position_ids) if p is not None]
    return Scope(False, tuple(sorted(principal.head_of_units)), tuple(sorted(set(roots))))


def people_scope(principal: Principal) -> Scope:
    """What the person-level lists show this principal: HR all, a supervisor their line."""
    if principal.is_hr:
        return Scope(everything=True)
    return Scope(False, (), report_scope(principal).root_position_ids)


async def can_read_reports(principal: Principal) -> bool:
    """HR, unit heads and supervisors read reports (each within their scope)."""
    return principal.is_hr or bool(principal.head_of_units) or await principal.is_supervisor()


async def can_list_people_in_reports(principal: Principal) -> bool:
    """HR and supervisors read the person-level lists."""
    return principal.is_hr or await principal.is_supervisor()


LINE_CTE = "line"


def line_cte(stmt: Statement, roots: tuple[int, ...]) -> str:
    """Recursive CTE ``line(id)``: every position below the roots (as ``Principal.line().all``).

    UNION (not UNION ALL) drops rows already seen, so a cycle in bad data cannot loop forever.
    """
    return (
        f"{LINE_CTE}(id) AS (SELECT lp0.id FROM position lp0 WHERE lp0.parent_id IN "
        f"({stmt.int_list(list(roots))}) UNION SELECT lp.id FROM position lp "
        f"JOIN {LINE_CTE} ON lp.parent_id = {LINE_CTE}.id)"
    )


def scope_sql(
    stmt: Statement, scope: Scope, *, unit_column: str, position_column: str
) -> tuple[str | None, list[str]]:
    """(condition or None for everything, CTEs it needs) for rows of the given unit/position."""
    if scope.everything:
        return None, []
    parts: list[str] = []
    ctes: list[str] = []
    if scope.unit_ids:
        parts.append(f"{unit_column} IN ({subtree_units(stmt, list(scope.unit_ids))})")
    if scope.root_position_ids:
        ctes.append(line_cte(stmt, scope.root_position_ids))
        parts.append(f"{position_column} IN (SELECT id FROM {LINE_CTE})")
    if not parts:
        return "1 = 0", []
    return "(" + " OR ".join(parts) + ")", ctes
