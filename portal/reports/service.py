"""Running a report: check the spec, scope it to the reader, one SQL statement, typed rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from portal.db import dialect
from portal.reports.access import Scope, report_scope
from portal.reports.builder import Built, build_report_sql
from portal.reports.catalog import MEASURES, Dimension, Fact, Measure, label_of
from portal.reports.spec import KeyOf, ReportSpec, resolve
from portal.reports.sql import fetch_report

if TYPE_CHECKING:
    from portal.auth.principal import Principal

JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True, slots=True)
class Cell:
    """One dimension value of a row: ``value`` as filters take it, ``label`` as people read it."""

    dimension: Dimension
    value: str | None
    label: str


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    values: dict[Measure, int | float | None]  # None: suppressed, or nothing to measure
    suppressed: bool


@dataclass(frozen=True, slots=True)
class Report:
    fact: Fact
    dimensions: tuple[Dimension, ...]
    measures: tuple[Measure, ...]
    rows: list[Row]
    totals: Row
    row_count: int  # groups before the limit
    years: list[int] | None  # what year-based facts covered (None: every year)
    min_group: int  # groups smaller than this were suppressed (0: nothing is)


def today() -> dt.date:
    return dt.datetime.now(JAKARTA).date()


async def run_report(
    *,
    principal: Principal,
    spec: ReportSpec,
    min_group: int,
    on: dt.date | None = None,
    key_of: KeyOf | None = None,
) -> Report:
    """Answer ``spec`` within what ``principal`` may see; raises ReportError for a bad spec."""
    return await run_scoped_report(
        spec=spec,
        scope=report_scope(principal),
        min_group=0 if principal.is_hr else min_group,
        on=on,
        key_of=key_of,
    )


async def run_scoped_report(
    *,
    spec: ReportSpec,
    scope: Scope,
    min_group: int,
    on: dt.date | None = None,
    key_of: KeyOf | None = None,
) -> Report:
    """The report for an explicit scope (the benchmark and tests call this directly)."""
    on = on or today()
    plan = resolve(spec, this_year=on.year, key_of=key_of)
    built = build_report_sql(plan, scope, dialect=await dialect(), today=on, min_group=min_group)
    rows = await fetch_report(built.sql, built.params)
    groups = [_row(built, r) for r in rows if not r["is_total"]]
    total = next(_row(built, r) for r in rows if r["is_total"])
    return Report(
        fact=plan.fact.fact,
        dimensions=spec.group_by,
        measures=spec.measures,
        rows=groups if spec.group_by else [total],
        totals=total,
        row_count=_count(rows, spec),
        years=plan.years if plan.fact.years is not None else None,
        min_group=min_group,
    )


def _count(rows: list[dict[str, Any]], spec: ReportSpec) -> int:
    if not spec.group_by:
        return 1
    return next((int(r["row_count"]) for r in rows if not r["is_total"]), 0)


def _row(built: Built, r: dict[str, Any]) -> Row:
    cells = []
    for i, dimension in enumerate(built.dimensions):
        key = r[f"k{i}"]
        value = None if key is None else str(key)
        if dimension is Dimension.MONTH and value is not None:
            value = f"{value[:4]}-{value[4:]}"  # YYYYMM from SQL
        sql_label = r[f"l{i}"] if built.labelled[i] else None
        cells.append(Cell(dimension, value, label_of(dimension, value, sql_label)))
    values = {m: _number(m, r[f"m{j}"]) for j, m in enumerate(built.measures)}
    return Row(tuple(cells), values, bool(r["suppressed"]))


def _number(measure: Measure, raw: Any) -> int | float | None:
    if raw is None:
        return None
    if MEASURES[measure].integer:
        return int(raw)
    value = float(raw) if isinstance(raw, Decimal | int | float) else float(str(raw))
    return round(value, 2)
