"""Building one SQL statement for PostgreSQL and SQLite: parameters and the few dialect fragments.

User values only ever enter as ``$n`` parameters collected here; SQL text comes from the registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from portal.db import REPORTS, fetch
from portal.reports.errors import too_slow, was_cancelled


@dataclass
class Statement:
    """Collects the parameters of a statement being written."""

    dialect: str  # "postgres" or "sqlite"
    params: list[Any] = field(default_factory=list)

    @property
    def postgres(self) -> bool:
        return self.dialect == "postgres"

    def param(self, value: Any) -> str:
        self.params.append(value)
        return f"${len(self.params)}"

    def int_param(self, value: int) -> str:
        """An integer parameter whose type PostgreSQL cannot infer from its place."""
        return f"CAST({self.param(int(value))} AS INTEGER)"

    def float_param(self, value: float) -> str:
        return f"CAST({self.param(float(value))} AS DOUBLE PRECISION)"

    def date_param(self, value: dt.date) -> str:
        """SQLite keeps dates as ISO text; asyncpg wants a date object, typed as a date even
        where it is compared with a timestamp (the survey's WIB wall-clock time)."""
        if self.postgres:
            return f"CAST({self.param(value)} AS DATE)"
        return self.param(value.isoformat())

    def int_list(self, values: list[int]) -> str:
        return ", ".join(self.param(int(v)) for v in values)

    def text_list(self, values: list[str]) -> str:
        return ", ".join(self.param(str(v)) for v in values)

    def year_of(self, expr: str) -> str:
        if self.postgres:
            return f"CAST(date_part('year', {expr}) AS INTEGER)"
        return f"CAST(strftime('%Y', {expr}) AS INTEGER)"

    def local_time(self, expr: str) -> str:
        """A UTC timestamp column as Jakarta (WIB, UTC+7, no daylight saving) wall-clock time."""
        if self.postgres:
            return f"({expr} AT TIME ZONE 'Asia/Jakarta')"
        return f"datetime({expr}, '+7 hours')"

    def month_of(self, expr: str) -> str:
        """The month of a date as the integer YYYYMM (cheaper to compute and group than text;
        the service shows it as ``YYYY-MM``)."""
        if self.postgres:
            return f"CAST(date_part('year', {expr}) * 100 + date_part('month', {expr}) AS INTEGER)"
        return f"CAST(strftime('%Y%m', {expr}) AS INTEGER)"

    def hours_between(self, start: str, end: str) -> str:
        if self.postgres:
            return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)"
        return f"((julianday({end}) - julianday({start})) * 24.0)"

    def median(self, expr: str) -> str:
        """PostgreSQL's own median; SQLite computes it from row numbers (see ``builder``)."""
        assert self.postgres
        return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {expr})"


def unit_groups(stmt: Statement, level: int) -> tuple[str, str | None]:
    """(table, CTE or None): ``(unit_id, group_id)`` mapping each unit to its ancestor at depth
    ``level`` (itself when shallower).

    PostgreSQL reads one depth of ``unit_ancestor``, which the database keeps from the units'
    paths (migration 0012): an index-only scan of the unit count, not a ``split_part`` of the
    path per fact row. SQLite walks the tree down in a recursive CTE.
    """
    if stmt.postgres:
        depth = stmt.int_param(level)
        table = (
            "(SELECT ua.unit_id, ua.ancestor_id AS group_id FROM unit_ancestor ua "
            f"WHERE ua.depth = {depth})"
        )
        return table, None
    # Depth of a unit = slashes in its path - 2 ("/1/" is the root, depth 0).
    slashes = stmt.int_param(level + 2)
    depth = "length({0}.path) - length(replace({0}.path, '/', ''))"
    cte = (
        "unit_group(unit_id, group_id) AS ("
        f"SELECT ug0.id, ug0.id FROM org_unit ug0 WHERE {depth.format('ug0')} <= {slashes} "
        "UNION ALL SELECT ugc.id, ug.group_id FROM org_unit ugc "
        "JOIN unit_group ug ON ugc.parent_id = ug.unit_id "
        f"WHERE {depth.format('ugc')} > {slashes})"
    )
    return "unit_group", cte


def subtree_units(stmt: Statement, unit_ids: list[int]) -> str:
    """SQL set of the ids of these units and every unit below them (materialised paths)."""
    return (
        "SELECT sx.id FROM org_unit sx JOIN org_unit sr ON sx.path LIKE sr.path || '%' "
        f"WHERE sr.id IN ({stmt.int_list(unit_ids)})"
    )


def paged(
    stmt: Statement, select: str, order: str, *, offset: int, limit: int, ctes: list[str]
) -> tuple[str, str]:
    """(page, count): a page of ``select`` in ``order`` with the number of all its rows.

    ``q`` is read twice (for the page and for the count), so PostgreSQL computes it once into a
    work table; ORDER BY ... LIMIT then keeps only the top rows while sorting. Only a page past
    the end comes back empty; the caller then asks the second statement for the total.
    """
    with_clause = "WITH RECURSIVE " + ", ".join([*ctes, f"q AS ({select})"])
    window = f"ORDER BY {order} LIMIT {stmt.int_param(limit)} OFFSET {stmt.int_param(offset)}"
    page = (
        f"{with_clause} SELECT pg.*, (SELECT COUNT(*) FROM q) AS total "
        f"FROM (SELECT * FROM q {window}) pg ORDER BY {order}"
    )
    return page, f"{with_clause} SELECT COUNT(*) AS total FROM q"


async def fetch_page(
    stmt: Statement, select: str, order: str, *, offset: int, limit: int, ctes: list[str]
) -> tuple[list[dict[str, Any]], int]:
    """The rows of a page and the total: one statement, two for a page past the end."""
    page, count = paged(stmt, select, order, offset=offset, limit=limit, ctes=ctes)
    params = list(stmt.params)
    rows = await fetch_report(page, params)
    if rows:
        return rows, int(rows[0]["total"])
    if offset == 0:
        return [], 0
    counted = await fetch_report(count, params[: len(params) - 2])
    return [], int(counted[0]["total"])


async def fetch_report(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """A read-only report statement through the reports pool (replication lag is fine).

    A statement the database stopped after PORTAL_REPORT_TIMEOUT is the asker's typed
    ``TOO_SLOW`` (narrow it down), not an outage or a bug.
    """
    try:
        return await fetch(sql, params, using=REPORTS)
    except Exception as error:
        if was_cancelled(error):
            raise too_slow() from error
        raise
