"""Composes the ONE SQL statement that answers a report, for PostgreSQL or SQLite.

Shape of the statement (CTEs, in order):

- scope and helper CTEs: ``line`` (supervision line), ``unit_group`` (SQLite: unit -> its
  ancestor at the asked depth), ``years`` (the JP-right fact's years);
- ``f``: one row per fact row, with the group keys ``k<i>``, measure inputs ``v<j>`` (and
  weights ``w<j>``) and, for readers other than HR, the person input ``pid``;
- ``g``: the aggregates per group plus one totals row (``is_total``), grouped by the small keys
  only (see ``aggregates``: totals added up from the groups when every aggregate allows it);
- ``gl``: labels ``l<i>`` (names) and sort keys ``o<i>``, looked up once per group;
- ``x``: suppression: a group of 1..min-1 people is suppressed; the totals too when any group is
  (else they would give the suppressed cell away by subtraction);
- ``m``/``o``: suppressed cells become NULL *before* sorting (so the order reveals nothing), row
  numbers by the requested sort, the number of groups; the limit keeps the totals row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.reports.access import Scope, scope_sql
from portal.reports.aggregates import aggregate_ctes
from portal.reports.catalog import Dimension, Measure
from portal.reports.dimensions import DIMENSION_SQL, Context, DimSql, filter_condition
from portal.reports.spec import Plan
from portal.reports.sql import Statement, unit_groups


@dataclass(frozen=True, slots=True)
class Built:
    sql: str
    params: list[object]
    dimensions: tuple[Dimension, ...]
    labelled: tuple[bool, ...]  # dimension i has an SQL label column l<i>
    measures: tuple[Measure, ...]


def build_report_sql(
    plan: Plan, scope: Scope, *, dialect: str, today: dt.date, min_group: int
) -> Built:
    """The statement, its parameters and what its columns mean."""
    spec, fact = plan.spec, plan.fact
    stmt = Statement(dialect)
    ctx = Context(stmt, spec.unit_level, today, fact.fact, fact.columns)
    joins: set[str] = set()
    columns: list[str] = []
    dims = [DIMENSION_SQL[d](ctx) for d in spec.group_by]
    for i, d in enumerate(dims):
        joins.update(d.joins)
        columns.append(f"{d.key} AS k{i}")
    measures = [fact.measures[m] for m in spec.measures]
    for j, measure in enumerate(measures):
        joins.update(measure.joins)
        if measure.agg != "COUNT":
            expr = measure.expr if isinstance(measure.expr, str) else measure.expr(stmt)
            columns.append(f"{expr} AS v{j}")
        if measure.per:
            columns.append(f"{measure.per} AS w{j}")
    if min_group > 0:
        columns.append(f"{fact.person} AS pid")

    conditions = [fact.where]
    condition, ctes = scope_sql(
        stmt, scope, unit_column=fact.columns.unit, position_column=fact.columns.position
    )
    if condition is not None:
        conditions.append(condition)
    for f in plan.filters:
        cond, f_joins = filter_condition(ctx, f.dimension, f.values, f.start, f.end)
        conditions.append(cond)
        joins.update(f_joins)
    if fact.years == "cte":
        ctes.append(_years_cte(stmt, plan.years))
    elif fact.years is not None and plan.years is not None:
        if plan.years:
            cond, _ = filter_condition(ctx, Dimension.YEAR, list(plan.years), None, None)
            conditions.append(cond)
        else:
            conditions.append("1 = 0")

    source = _source(stmt, plan, joins, ctes)
    keys = [f"k{i}" for i in range(len(dims))]
    inner = (
        f"SELECT {', '.join(columns) or '1 AS one'} FROM {source} WHERE {' AND '.join(conditions)}"
    )
    all_ctes = [*ctes, f"f AS ({inner})"]
    all_ctes += aggregate_ctes(stmt, fact.people_agg, measures, keys, min_group)
    all_ctes.append(_labels(dims, keys))
    all_ctes += _finish(stmt, plan, dims, len(measures), min_group)
    sql = (
        "WITH RECURSIVE "
        + ",\n".join(all_ctes)
        + f"\nSELECT * FROM o WHERE is_total = 1 OR rn <= {stmt.int_param(spec.limit)}"
        " ORDER BY is_total, rn"
    )
    return Built(sql, stmt.params, spec.group_by, tuple(d.label for d in dims), spec.measures)


def _source(stmt: Statement, plan: Plan, joins: set[str], ctes: list[str]) -> str:
    """The fact's FROM clause with the joins asked for and its placeholders filled in."""
    fact = plan.fact
    parts = [fact.source, *(sql for name, sql in fact.joins.items() if name in joins and sql)]
    source = " ".join(parts)
    if "{record_years}" in source:
        source = source.replace("{record_years}", _record_years(stmt, plan.years))
    if "{unit_group}" in source:
        assert plan.spec.unit_level is not None
        table, cte = unit_groups(stmt, plan.spec.unit_level)
        source = source.replace("{unit_group}", table)
        if cte is not None:
            ctes.append(cte)
    return source


def _labels(dims: list[DimSql], keys: list[str]) -> str:
    """CTE ``gl``: each group's name and sort key, joined once per group from its key."""
    columns, joins = ["g.*"], []
    for i, (d, key) in enumerate(zip(dims, keys, strict=True)):
        order = f"g.{key}"
        if d.lookup is not None:
            joins.append(f"LEFT JOIN {d.lookup.table} lk{i} ON lk{i}.id = g.{key}")
            columns.append(f"lk{i}.{d.lookup.label} AS l{i}")
            order = f"lk{i}.{d.lookup.order or d.lookup.label}"
        if d.order is not None:
            order = d.order.format(k=f"g.{key}")
        columns.append(f"{order} AS o{i}")
    return f"gl AS (SELECT {', '.join(columns)} FROM g {' '.join(joins)})"


def _record_years(stmt: Statement, years: list[int] | None) -> str:
    """The JP-right fact's years, literally (``tr.year = $n`` reads one slice of the
    ``training_jp_year`` key, (year, employee), in employee order: a merge with the employees)."""
    if years is None:
        return "1 = 1"
    if not years:
        return "1 = 0"
    return f"tr.year IN ({stmt.int_list(years)})"


def _years_cte(stmt: Statement, years: list[int] | None) -> str:
    """``years(year)``: the JP-right fact's years (None: every year with records)."""
    if years is None:
        return (
            "years(year) AS (SELECT CAST(MIN(tr0.year) AS INTEGER) FROM training_jp_year tr0 "
            "HAVING MIN(tr0.year) IS NOT NULL UNION ALL SELECT year + 1 FROM years "
            "WHERE year < (SELECT MAX(tr1.year) FROM training_jp_year tr1))"
        )
    if not years:
        return "years(year) AS (SELECT CAST(NULL AS INTEGER) WHERE 1 = 0)"
    selects = " UNION ALL ".join(f"SELECT {stmt.int_param(y)}" for y in years)
    return f"years(year) AS ({selects})"


def _finish(
    stmt: Statement, plan: Plan, dims: list[DimSql], measure_count: int, min_group: int
) -> list[str]:
    """Suppression, masking, ordering and counting: CTEs ``x``, ``m`` and ``o``."""
    if min_group > 0:
        least = stmt.int_param(min_group)
        small = f"people > 0 AND people < {least}"
        x = (
            "x AS (SELECT s.*, CASE WHEN is_total = 1 AND (MAX(small) OVER () = 1 OR "
            f"({small})) THEN 1 ELSE small END AS suppressed FROM (SELECT gl.*, CASE WHEN "
            f"is_total = 0 AND {small} THEN 1 ELSE 0 END AS small FROM gl) s)"
        )
    else:
        x = "x AS (SELECT gl.*, 0 AS suppressed FROM gl)"
    dim_cols = []
    for i, d in enumerate(dims):
        dim_cols += [f"k{i}", *([f"l{i}"] if d.label else []), f"o{i}"]
    masked = [
        f"CASE WHEN suppressed = 1 THEN NULL ELSE m{j} END AS m{j}" for j in range(measure_count)
    ]
    m = f"m AS (SELECT {', '.join(['is_total', 'suppressed', *dim_cols, *masked])} FROM x)"
    terms: list[str] = []
    for sort in plan.spec.sort:
        if sort.measure is not None:
            column = f"m{plan.spec.measures.index(sort.measure)}"
        else:
            assert sort.dimension is not None
            column = f"o{plan.spec.group_by.index(sort.dimension)}"
        terms += [f"({column} IS NULL)", f"{column} {'DESC' if sort.descending else 'ASC'}"]
    for i in range(len(plan.spec.group_by)):
        terms += [f"(o{i} IS NULL)", f"o{i}", f"k{i}"]
    order = ", ".join(terms) or "is_total"
    o = (
        f"o AS (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY is_total ORDER BY {order}) AS rn, "
        "COUNT(*) OVER (PARTITION BY is_total) AS row_count FROM m)"
    )
    return [x, m, o]
