"""Composes the ONE SQL statement that answers a report, for PostgreSQL or SQLite.

Shape of the statement (CTEs, in order):

- scope and helper CTEs: ``line`` (supervision line), ``unit_group`` (unit -> its ancestor at
  the asked depth), ``years`` (the JP-right fact's years);
- ``f``: one row per fact row, with the group keys ``k<i>``, labels ``l<i>``, sort keys ``o<i>``,
  measure inputs ``v<j>`` and, for readers other than HR, the person input ``pid``;
- ``g``: the aggregates per group plus one totals row (``is_total``): GROUPING SETS on
  PostgreSQL, a UNION ALL on SQLite (which lacks them). Medians: ``percentile_cont`` on
  PostgreSQL; on SQLite the mean of the middle row numbers (``fr`` adds them);
- ``x``: suppression: a group of 1..min-1 people is suppressed; the totals too when any group is
  (else they would give the suppressed cell away by subtraction);
- ``m``/``o``: suppressed cells become NULL *before* sorting (so the order reveals nothing), row
  numbers by the requested sort, the number of groups; the limit keeps the totals row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.reports.access import Scope, scope_sql
from portal.reports.catalog import Dimension, Measure
from portal.reports.dimensions import DIMENSION_SQL, Context, filter_condition
from portal.reports.facts import MeasureSql
from portal.reports.spec import Plan
from portal.reports.sql import Statement, latest_assessments


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
    ctes: dict[str, str] = {}
    columns: list[str] = []
    dim_cols: list[str] = []
    labelled: list[bool] = []
    for i, dimension in enumerate(spec.group_by):
        d = DIMENSION_SQL[dimension](ctx)
        joins.update(d.joins)
        _need(ctes, d.ctes, stmt, plan)
        columns.append(f"{d.key} AS k{i}")
        dim_cols.append(f"k{i}")
        if d.label is not None:
            columns.append(f"{d.label} AS l{i}")
            dim_cols.append(f"l{i}")
        columns.append(f"{d.order or d.label or d.key} AS o{i}")
        dim_cols.append(f"o{i}")
        labelled.append(d.label is not None)
    measures = [fact.measures[m] for m in spec.measures]
    for j, measure in enumerate(measures):
        joins.update(measure.joins)
        if measure.agg != "COUNT":
            expr = measure.expr if isinstance(measure.expr, str) else measure.expr(stmt)
            columns.append(f"{expr} AS v{j}")
    if min_group > 0:
        columns.append(f"{fact.person} AS pid")

    conditions = [fact.where]
    condition, scope_ctes = scope_sql(
        stmt, scope, unit_column=fact.columns.unit, position_column=fact.columns.position
    )
    if condition is not None:
        conditions.append(condition)
    for f in plan.filters:
        cond, f_joins, f_ctes = filter_condition(ctx, f.dimension, f.values, f.start, f.end)
        conditions.append(cond)
        joins.update(f_joins)
        _need(ctes, f_ctes, stmt, plan)
    if fact.years is not None:
        _need(ctes, fact.ctes, stmt, plan)
        if fact.years != "cte" and plan.years is not None:
            if plan.years:
                cond, _, _ = filter_condition(ctx, Dimension.YEAR, list(plan.years), None, None)
                conditions.append(cond)
            else:
                conditions.append("1 = 0")

    base = fact.source
    if "{latest}" in base:
        base = base.replace("{latest}", latest_assessments(stmt, _competencies_asked(stmt, plan)))
    source = " ".join([base, *(sql for name, sql in fact.joins.items() if name in joins and sql)])
    inner = (
        f"SELECT {', '.join(columns) or '1 AS one'} FROM {source} WHERE {' AND '.join(conditions)}"
    )
    all_ctes = [*scope_ctes, *ctes.values(), f"f AS ({inner})"]
    all_ctes += _aggregate(stmt, fact.people_agg, measures, dim_cols, min_group)
    all_ctes += _finish(stmt, plan, dim_cols, len(measures), min_group)
    sql = (
        "WITH RECURSIVE "
        + ",\n".join(all_ctes)
        + f"\nSELECT * FROM o WHERE is_total = 1 OR rn <= {stmt.int_param(spec.limit)}"
        " ORDER BY is_total, rn"
    )
    return Built(sql, stmt.params, spec.group_by, tuple(labelled), spec.measures)


def _competencies_asked(stmt: Statement, plan: Plan) -> str | None:
    """Competency filters again, on the assessments (``a``) the latest-level table reads."""
    parts = []
    for f in plan.filters:
        if f.dimension is Dimension.COMPETENCY:
            parts.append(f"a.competency_id IN ({stmt.int_list([int(v) for v in f.values])})")
        elif f.dimension is Dimension.COMPETENCY_GROUP:
            groups = stmt.text_list([str(v) for v in f.values])
            parts.append(
                f'a.competency_id IN (SELECT cg.id FROM competency cg WHERE cg."group" IN ({groups}))'
            )
    return " AND ".join(parts) or None


def _need(ctes: dict[str, str], names: tuple[str, ...], stmt: Statement, plan: Plan) -> None:
    for name in names:
        if name not in ctes:
            ctes[name] = _cte(name, stmt, plan)


def _cte(name: str, stmt: Statement, plan: Plan) -> str:
    if name == "unit_group":
        assert plan.spec.unit_level is not None
        # Depth of a unit = slashes in its path - 2 ("/1/" is the root, depth 0).
        slashes = stmt.int_param(plan.spec.unit_level + 2)
        depth = "length({0}.path) - length(replace({0}.path, '/', ''))"
        return (
            "unit_group(unit_id, group_id) AS ("
            f"SELECT ug0.id, ug0.id FROM org_unit ug0 WHERE {depth.format('ug0')} <= {slashes} "
            "UNION ALL SELECT ugc.id, ug.group_id FROM org_unit ugc "
            "JOIN unit_group ug ON ugc.parent_id = ug.unit_id "
            f"WHERE {depth.format('ugc')} > {slashes})"
        )
    if name == "years":
        if plan.years is None:  # every year with records
            return (
                "years(year) AS (SELECT CAST(MIN(tr0.year) AS INTEGER) FROM training_record tr0 "
                "HAVING MIN(tr0.year) IS NOT NULL UNION ALL SELECT year + 1 FROM years "
                "WHERE year < (SELECT MAX(tr1.year) FROM training_record tr1))"
            )
        if not plan.years:
            return "years(year) AS (SELECT CAST(NULL AS INTEGER) WHERE 1 = 0)"
        return (
            "years(year) AS ("
            + " UNION ALL ".join(f"SELECT {stmt.int_param(y)}" for y in plan.years)
            + ")"
        )
    raise KeyError(name)


def _agg(stmt: Statement, measure: MeasureSql, j: int, window: str) -> str:
    v = f"v{j}"
    match measure.agg:
        case "COUNT":
            return "COUNT(*)"
        case "SUM":
            return f"SUM({v})"
        case "SUM0":
            return f"COALESCE(SUM({v}), 0)"
        case "AVG":
            return f"AVG({v})"
        case "MAX":
            return f"MAX({v})"
        case "SHARE":
            return f"100.0 * AVG({v})"
        case "DISTINCT":
            return f"COUNT(DISTINCT {v})"
        case "MEDIAN" if stmt.postgres:
            return stmt.median(v)
        case "MEDIAN":
            rn, n = f"{window}_rn{j}", f"{window}_n{j}"
            middle = f"{rn} IN (({n} + 1) / 2, ({n} + 2) / 2)"
            return f"AVG(CASE WHEN {v} IS NOT NULL AND {middle} THEN {v} END)"
    raise ValueError(measure.agg)


def _aggregate(
    stmt: Statement,
    people_agg: str,
    measures: list[MeasureSql],
    dim_cols: list[str],
    min_group: int,
) -> list[str]:
    """CTEs up to ``g``: one row per group and the totals row."""
    people = (
        "0" if min_group <= 0 else ("SUM(pid)" if people_agg == "SUM" else "COUNT(DISTINCT pid)")
    )
    keys = [c for c in dim_cols if c.startswith("k")]
    if stmt.postgres:
        aggs = ", ".join(f"{_agg(stmt, m, j, '')} AS m{j}" for j, m in enumerate(measures))
        if not dim_cols:
            return [f"g AS (SELECT 1 AS is_total, {aggs}, {people} AS people FROM f)"]
        cols = ", ".join(dim_cols)
        return [
            f"g AS (SELECT CASE WHEN GROUPING({keys[0]}) = 1 THEN 1 ELSE 0 END AS is_total, "
            f"{cols}, {aggs}, {people} AS people FROM f GROUP BY GROUPING SETS (({cols}), ()))"
        ]
    ctes: list[str] = []
    source = "f"
    medians = [j for j, m in enumerate(measures) if m.agg == "MEDIAN"]
    if medians:
        partition = f"PARTITION BY {', '.join(keys)} " if keys else ""
        windows = []
        for j in medians:
            order = f"ORDER BY (v{j} IS NULL), v{j}"
            windows += [
                f"ROW_NUMBER() OVER ({partition}{order}) AS g_rn{j}",
                f"COUNT(v{j}) OVER ({partition.strip()}) AS g_n{j}",
                f"ROW_NUMBER() OVER ({order}) AS t_rn{j}",
                f"COUNT(v{j}) OVER () AS t_n{j}",
            ]
        ctes.append(f"fr AS (SELECT f.*, {', '.join(windows)} FROM f)")
        source = "fr"
    total_aggs = ", ".join(f"{_agg(stmt, m, j, 't')} AS m{j}" for j, m in enumerate(measures))
    total = f"SELECT 1 AS is_total, {{nulls}}{total_aggs}, {people} AS people FROM {source}"
    if not dim_cols:
        ctes.append(f"g AS ({total.format(nulls='')})")
        return ctes
    group_aggs = ", ".join(f"{_agg(stmt, m, j, 'g')} AS m{j}" for j, m in enumerate(measures))
    cols = ", ".join(dim_cols)
    nulls = "".join(f"NULL AS {c}, " for c in dim_cols)
    ctes.append(
        f"g AS (SELECT 0 AS is_total, {cols}, {group_aggs}, {people} AS people FROM {source} "
        f"GROUP BY {cols} UNION ALL {total.format(nulls=nulls)})"
    )
    return ctes


def _finish(
    stmt: Statement, plan: Plan, dim_cols: list[str], measure_count: int, min_group: int
) -> list[str]:
    """Suppression, masking, ordering and counting: CTEs ``x``, ``m`` and ``o``."""
    if min_group > 0:
        least = stmt.int_param(min_group)
        small = f"people > 0 AND people < {least}"
        x = (
            "x AS (SELECT s.*, CASE WHEN is_total = 1 AND (MAX(small) OVER () = 1 OR "
            f"({small})) THEN 1 ELSE small END AS suppressed FROM (SELECT g.*, CASE WHEN "
            f"is_total = 0 AND {small} THEN 1 ELSE 0 END AS small FROM g) s)"
        )
    else:
        x = "x AS (SELECT g.*, 0 AS suppressed FROM g)"
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
