"""The aggregation CTEs: one row per group (``g``, with ``is_total`` = 0) and the totals row.

Two shapes. When every aggregate adds up across groups (counts, sums, maxima, and averages and
shares kept as sum and count, or as two sums when each row stands for ``per`` rows), the fact
rows are grouped once (``gp``: PostgreSQL runs that in parallel workers) and the totals are added
up from the groups. Otherwise (COUNT DISTINCT,
medians) PostgreSQL computes both in one pass with GROUPING SETS, and SQLite, which has no
GROUPING SETS, aggregates the fact rows twice (groups UNION ALL totals); its medians are the
mean of the middle row numbers (``fr``).
"""

from __future__ import annotations

from portal.reports.facts import MeasureSql
from portal.reports.sql import Statement

DECOMPOSABLE = frozenset({"COUNT", "SUM", "SUM0", "AVG", "MAX", "SHARE", "IKM"})
# IKM: 25 x (sum of the nine answers per response) / (9 x responses) (``facts.SURVEY``).
_IKM = "25.0 * {s} / (9 * NULLIF({n}, 0))"


def aggregate_ctes(
    stmt: Statement,
    people_agg: str,
    measures: list[MeasureSql],
    keys: list[str],
    min_group: int,
) -> list[str]:
    """CTEs ending in ``g(is_total, k..., m..., people)``."""
    people_adds_up = min_group <= 0 or people_agg == "SUM"
    if keys and people_adds_up and all(m.agg in DECOMPOSABLE for m in measures):
        return _rolled_up(measures, keys, min_group)
    return _whole(stmt, people_agg, measures, keys, min_group)


def _partials(measure: MeasureSql, j: int) -> list[str]:
    v = f"v{j}"
    match measure.agg:
        case "COUNT":
            return [f"COUNT(*) AS n{j}"]
        case "SUM" | "SUM0":
            return [f"SUM({v}) AS s{j}"]
        case "MAX":
            return [f"MAX({v}) AS x{j}"]
        case "AVG" | "SHARE" if measure.per:
            return [f"SUM({v}) AS s{j}", f"SUM(w{j}) AS n{j}"]
        case "AVG" | "SHARE" | "IKM":
            return [f"SUM({v}) AS s{j}", f"COUNT({v}) AS n{j}"]
    raise ValueError(measure.agg)


def _final(measure: MeasureSql, j: int, total: bool) -> str:
    """The measure from a group's partials (``total``: from the sum of every group's)."""

    def part(name: str) -> str:
        column = f"{name}{j}"
        return (f"MAX({column})" if name == "x" else f"SUM({column})") if total else column

    match measure.agg:
        case "COUNT":
            return f"COALESCE({part('n')}, 0)"
        case "SUM":
            return part("s")
        case "SUM0":
            return f"COALESCE({part('s')}, 0)"
        case "MAX":
            return part("x")
        case "AVG":
            return f"{part('s')} * 1.0 / NULLIF({part('n')}, 0)"
        case "SHARE":
            return f"100.0 * {part('s')} / NULLIF({part('n')}, 0)"
        case "IKM":
            return _IKM.format(s=part("s"), n=part("n"))
    raise ValueError(measure.agg)


def _rolled_up(measures: list[MeasureSql], keys: list[str], min_group: int) -> list[str]:
    cols = ", ".join(keys)
    partials = [p for j, m in enumerate(measures) for p in _partials(m, j)]
    people = "SUM(pid)" if min_group > 0 else "0"
    gp = f"gp AS (SELECT {cols}, {', '.join(partials)}, {people} AS people FROM f GROUP BY {cols})"
    groups = ", ".join(f"{_final(m, j, False)} AS m{j}" for j, m in enumerate(measures))
    totals = ", ".join(f"{_final(m, j, True)} AS m{j}" for j, m in enumerate(measures))
    nulls = ", ".join(f"NULL AS {k}" for k in keys)
    total_people = "SUM(people)" if min_group > 0 else "0"
    g = (
        f"g AS (SELECT 0 AS is_total, {cols}, {groups}, people FROM gp UNION ALL "
        f"SELECT 1 AS is_total, {nulls}, {totals}, {total_people} AS people FROM gp)"
    )
    return [gp, g]


def _agg(stmt: Statement, measure: MeasureSql, j: int, window: str) -> str:
    v = f"v{j}"
    match measure.agg:
        case "COUNT":
            return "COUNT(*)"
        case "SUM":
            return f"SUM({v})"
        case "SUM0":
            return f"COALESCE(SUM({v}), 0)"
        case "AVG" if measure.per:
            return f"SUM({v}) * 1.0 / NULLIF(SUM(w{j}), 0)"
        case "AVG":
            return f"AVG({v})"
        case "MAX":
            return f"MAX({v})"
        case "SHARE" if measure.per:
            return f"100.0 * SUM({v}) / NULLIF(SUM(w{j}), 0)"
        case "SHARE":
            return f"100.0 * AVG({v})"
        case "IKM":
            return _IKM.format(s=f"SUM({v})", n=f"COUNT({v})")
        case "DISTINCT":
            return f"COUNT(DISTINCT {v})"
        case "MEDIAN" if stmt.postgres:
            return stmt.median(v)
        case "MEDIAN":
            rn, n = f"{window}_rn{j}", f"{window}_n{j}"
            middle = f"{rn} IN (({n} + 1) / 2, ({n} + 2) / 2)"
            return f"AVG(CASE WHEN {v} IS NOT NULL AND {middle} THEN {v} END)"
    raise ValueError(measure.agg)


def _whole(
    stmt: Statement,
    people_agg: str,
    measures: list[MeasureSql],
    keys: list[str],
    min_group: int,
) -> list[str]:
    """``g`` straight from the fact rows (any aggregate: DISTINCT and MEDIAN too)."""
    people = (
        "0" if min_group <= 0 else ("SUM(pid)" if people_agg == "SUM" else "COUNT(DISTINCT pid)")
    )
    cols = ", ".join(keys)
    if stmt.postgres:
        aggs = ", ".join(f"{_agg(stmt, m, j, '')} AS m{j}" for j, m in enumerate(measures))
        if not keys:
            return [f"g AS (SELECT 1 AS is_total, {aggs}, {people} AS people FROM f)"]
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
    if not keys:
        ctes.append(f"g AS ({total.format(nulls='')})")
        return ctes
    group_aggs = ", ".join(f"{_agg(stmt, m, j, 'g')} AS m{j}" for j, m in enumerate(measures))
    nulls = "".join(f"NULL AS {c}, " for c in keys)
    ctes.append(
        f"g AS (SELECT 0 AS is_total, {cols}, {group_aggs}, {people} AS people FROM {source} "
        f"GROUP BY {cols} UNION ALL {total.format(nulls=nulls)})"
    )
    return ctes
