"""Building one SQL statement for PostgreSQL and SQLite: parameters and the few dialect fragments.

User values only ever enter as ``$n`` parameters collected here; SQL text comes from the registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


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
        """SQLite keeps dates as ISO text; asyncpg wants a date object."""
        return self.param(value if self.postgres else value.isoformat())

    def int_list(self, values: list[int]) -> str:
        return ", ".join(self.param(int(v)) for v in values)

    def text_list(self, values: list[str]) -> str:
        return ", ".join(self.param(str(v)) for v in values)

    def year_of(self, expr: str) -> str:
        if self.postgres:
            return f"CAST(EXTRACT(YEAR FROM {expr}) AS INTEGER)"
        return f"CAST(strftime('%Y', {expr}) AS INTEGER)"

    def month_of(self, expr: str) -> str:
        """``YYYY-MM`` of a date."""
        if self.postgres:
            return f"to_char({expr}, 'YYYY-MM')"
        return f"strftime('%Y-%m', {expr})"

    def hours_between(self, start: str, end: str) -> str:
        if self.postgres:
            return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)"
        return f"((julianday({end}) - julianday({start})) * 24.0)"

    def median(self, expr: str) -> str:
        """PostgreSQL's own median; SQLite computes it from row numbers (see ``builder``)."""
        assert self.postgres
        return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {expr})"


def latest_assessments(stmt: Statement, competency_condition: str | None = None) -> str:
    """Derived table: each employee's latest assessment per competency (newest date, then id).

    PostgreSQL reads it with DISTINCT ON along an index in exactly that order (one pass, no
    sort); SQLite, which lacks DISTINCT ON, keeps the rows no newer one beats (a NOT EXISTS the
    (employee, competency, date) index answers). ``competency_condition`` (on ``a``) narrows it.
    """
    where = f"WHERE {competency_condition}" if competency_condition else ""
    if stmt.postgres:
        return (
            "(SELECT DISTINCT ON (a.employee_id, a.competency_id) a.employee_id, "
            f"a.competency_id, a.level FROM assessment a {where} "
            "ORDER BY a.employee_id, a.competency_id, a.assessed_on DESC, a.id DESC)"
        )
    newer = (
        "SELECT 1 FROM assessment n WHERE n.employee_id = a.employee_id "
        "AND n.competency_id = a.competency_id AND (n.assessed_on > a.assessed_on "
        "OR (n.assessed_on = a.assessed_on AND n.id > a.id))"
    )
    where = f"{where} AND" if where else "WHERE"
    return (
        f"(SELECT a.employee_id, a.competency_id, a.level FROM assessment a "
        f"{where} NOT EXISTS ({newer}))"
    )


def subtree_units(stmt: Statement, unit_ids: list[int]) -> str:
    """SQL set of the ids of these units and every unit below them (materialised paths)."""
    return (
        "SELECT sx.id FROM org_unit sx JOIN org_unit sr ON sx.path LIKE sr.path || '%' "
        f"WHERE sr.id IN ({stmt.int_list(unit_ids)})"
    )


def paged(
    stmt: Statement, select: str, order: str, *, offset: int, limit: int, ctes: list[str]
) -> str:
    """A page of ``select`` in ``order`` with the total of all its rows, in one statement.

    The first column is ``total``; a page past the end still returns one row (the total, with
    NULL in every other column), so ``totalCount`` stays right without a second query.
    """
    low, high = stmt.int_param(offset), stmt.int_param(offset + limit)
    return (
        "WITH RECURSIVE "
        + ", ".join([*ctes, f"q AS ({select})"])
        + ", n AS (SELECT COUNT(*) AS total FROM q), "
        f"pg AS (SELECT q.*, ROW_NUMBER() OVER (ORDER BY {order}) AS rn FROM q) "
        f"SELECT n.total, pg.* FROM n LEFT JOIN pg ON pg.rn > {low} AND pg.rn <= {high} "
        "ORDER BY pg.rn"
    )
