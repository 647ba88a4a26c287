"""Staffing needs analysis (analisis kebutuhan SDM): required against actual headcount per position.

The ABK inputs (workload activities of each position, its effective working time) are HR's data,
kept through the position mutations; this module only reads them. A position's need is
sum(yearly volume x standard minutes) / effective minutes; positions without ABK inputs have no
known need and are left out of the shortage and surplus lists (the report counts them in
POSITIONS_WITHOUT_ABK). Per unit and for any grouping, use the report (HEADCOUNT,
REQUIRED_HEADCOUNT, STAFFING_GAP).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from portal.db import dialect
from portal.reports.access import Scope, scope_sql
from portal.reports.facts import POSITIONS
from portal.reports.sql import Statement, fetch_page, subtree_units


class StaffingDirection(StrEnum):
    SHORTAGE = "SHORTAGE"  # fewer holders than the ABK need, biggest shortage first
    SURPLUS = "SURPLUS"  # more holders than the need, biggest surplus first
    ALL = "ALL"  # every analysed position, biggest shortage first


@dataclass(frozen=True, slots=True)
class StaffingNeed:
    position_id: int
    unit_id: int
    required: float  # ABK need, two decimals
    holders: int  # active employees in the position
    gap: float  # required - holders: > 0 shortage, < 0 surplus


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Any]
    total: int


async def list_staffing_needs(
    *,
    scope: Scope,
    direction: StaffingDirection,
    unit_id: int | None = None,
    min_gap: float = 0.0,
    offset: int = 0,
    limit: int = 20,
) -> Page:
    """Analysed open positions in scope by shortage or surplus (one SQL statement)."""
    stmt = Statement(await dialect())
    required = "(wl.minutes * 1.0 / p.effective_minutes)"
    gap = f"({required} - COALESCE(hc.n, 0))"
    conditions = ["p.active", "wl.minutes IS NOT NULL"]
    threshold = stmt.float_param(min_gap)
    if direction is StaffingDirection.SHORTAGE:
        conditions.append(f"{gap} > {threshold}")
    elif direction is StaffingDirection.SURPLUS:
        conditions.append(f"{gap} < -{threshold}")
    else:
        conditions.append(f"ABS({gap}) >= {threshold}")
    if unit_id is not None:
        conditions.append(f"p.unit_id IN ({subtree_units(stmt, [unit_id])})")
    condition, ctes = scope_sql(stmt, scope, unit_column="p.unit_id", position_column="p.id")
    if condition is not None:
        conditions.append(condition)
    order = "ASC" if direction is StaffingDirection.SURPLUS else "DESC"
    select = (
        f"SELECT p.id AS position_id, p.unit_id, p.name, {required} AS required, "
        f"COALESCE(hc.n, 0) AS holders, {gap} AS gap "
        f"FROM {POSITIONS.source} WHERE {' AND '.join(conditions)}"
    )
    by = f"gap {order}, name, position_id"
    rows, total = await fetch_page(stmt, select, by, offset=offset, limit=limit, ctes=ctes)
    items = [
        StaffingNeed(
            position_id=int(r["position_id"]),
            unit_id=int(r["unit_id"]),
            required=round(float(r["required"]), 2),
            holders=int(r["holders"]),
            gap=round(float(r["gap"]), 2),
        )
        for r in rows
    ]
    return Page(items, total)
