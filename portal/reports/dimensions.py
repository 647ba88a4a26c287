"""The SQL of each dimension: group key, label, sort order and filter, per fact.

Fact rows use fixed aliases (see ``facts``): ``e`` employee, ``p`` position, ``r`` training
record or requirement, ``c`` competency, ``s`` session, ``en`` enrollment, ``co`` course, ``y``
year. ``UNIT`` groups by the exact unit, or by its ancestor at ``unit_level`` depth (0 = the
pemda, 1 = OPD, ...) through the ``ug`` unit -> group table (``sql.unit_groups``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from portal.competencies.models import CompetencyGroup
from portal.people.ranks import PositionKind, PositionLevel, Rank
from portal.reports.catalog import AGE_BANDS, Dimension, Fact
from portal.reports.sql import Statement, subtree_units
from portal.training.models import EnrollmentStatus


@dataclass(frozen=True, slots=True)
class DimSql:
    """A dimension in a fact: the per-row key, then label and order of each *group*.

    Names (``lookup``) and sort keys (``order``, of the group key ``{k}``) come after the
    aggregation, so the database groups millions of rows by a small key and joins each group's
    name once.
    """

    key: str  # the group key per fact row (its text form is the row's value)
    lookup: Lookup | None = None  # where the key's name is; None: the catalog labels the key
    order: str | None = None  # sort expression of key {k}; None: the name, else the key
    joins: tuple[str, ...] = ()  # optional joins of the fact the key needs

    @property
    def label(self) -> bool:
        return self.lookup is not None


@dataclass(frozen=True, slots=True)
class Lookup:
    """The table a key is the id of: its label column, and its sort column if not the label."""

    table: str
    label: str = "name"
    order: str | None = None


@dataclass(frozen=True, slots=True)
class Columns:
    """Where a fact keeps what the shared dimensions read."""

    unit: str  # unit id column
    position: str  # position id column (may be NULL)
    year: str | None = None  # year column
    year_date: str | None = None  # or the date column YEAR is taken from
    month_date: str | None = None  # date column MONTH is taken from
    # (``local:<column>``: a UTC timestamp, read as the WIB calendar day)
    course: str | None = None  # course id column
    course_joins: tuple[str, ...] = ()  # optional joins that bring the course id


@dataclass(frozen=True, slots=True)
class Context:
    stmt: Statement
    unit_level: int | None
    today: dt.date
    fact: Fact
    columns: Columns


def _ordinal(values: list[str]) -> str:
    """Sort key of a closed set in its natural order (registry values, never user input)."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {{k}} {whens} END"


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _unit(ctx: Context) -> DimSql:
    if ctx.unit_level is None:
        return DimSql(key=ctx.columns.unit, lookup=Lookup("org_unit"))
    return DimSql(key="ug.group_id", lookup=Lookup("org_unit"), joins=("unit_group",))


def _age_band(ctx: Context) -> DimSql:
    whens = []
    for band, bound in AGE_BANDS:
        if bound is None:
            whens.append(f"ELSE '{band}'")
            continue
        # Younger than ``bound`` means born after today minus ``bound`` years.
        cutoff = ctx.stmt.date_param(_years_ago(ctx.today, bound))
        whens.append(f"WHEN e.birth_date > {cutoff} THEN '{band}'")
    return DimSql(key=f"CASE {' '.join(whens)} END", order=_ordinal([b for b, _ in AGE_BANDS]))


def _date_column(stmt: Statement, column: str) -> str:
    """The SQL of a date column (``local:`` timestamps in WIB)."""
    if column.startswith("local:"):
        return stmt.local_time(column.removeprefix("local:"))
    return column


def _year(ctx: Context) -> DimSql:
    if ctx.columns.year is not None:
        return DimSql(key=ctx.columns.year)
    assert ctx.columns.year_date is not None
    return DimSql(key=ctx.stmt.year_of(_date_column(ctx.stmt, ctx.columns.year_date)))


def _month(ctx: Context) -> DimSql:
    assert ctx.columns.month_date is not None
    return DimSql(key=ctx.stmt.month_of(_date_column(ctx.stmt, ctx.columns.month_date)))


def _course(ctx: Context) -> DimSql:
    assert ctx.columns.course is not None
    return DimSql(
        key=ctx.columns.course, lookup=Lookup("course", "title"), joins=ctx.columns.course_joins
    )


# Natural orders of the closed sets: the enums' own order (JPT first, the workflow's order...).
_KINDS = [str(v) for v in PositionKind]
_GROUPS = [str(v) for v in CompetencyGroup]
_STATUSES = [str(v) for v in EnrollmentStatus]
_LEVELS = [str(v) for v in PositionLevel]
_RANKS = [str(v) for v in Rank]

DIMENSION_SQL: dict[Dimension, Callable[[Context], DimSql]] = {
    Dimension.UNIT: _unit,
    Dimension.POSITION: lambda ctx: DimSql(key=ctx.columns.position, lookup=Lookup("position")),
    Dimension.POSITION_KIND: lambda ctx: DimSql(
        key="p.kind", order=_ordinal(_KINDS), joins=("position",)
    ),
    Dimension.POSITION_LEVEL: lambda ctx: DimSql(
        key="p.level", order=_ordinal(_LEVELS), joins=("position",)
    ),
    Dimension.RANK: lambda ctx: DimSql(key="e.rank", order=_ordinal(_RANKS)),
    Dimension.EMPLOYMENT_TYPE: lambda ctx: DimSql(key="e.employment_type"),
    Dimension.GENDER: lambda ctx: DimSql(key="e.gender"),
    Dimension.AGE_BAND: _age_band,
    Dimension.COMPETENCY: lambda ctx: DimSql(
        key="r.competency_id", lookup=Lookup("competency", order="code")
    ),
    Dimension.COMPETENCY_GROUP: lambda ctx: DimSql(
        key='c."group"', order=_ordinal(_GROUPS), joins=("competency",)
    ),
    Dimension.COURSE: _course,
    Dimension.YEAR: _year,
    Dimension.MONTH: _month,
    Dimension.ENROLLMENT_STATUS: lambda ctx: DimSql(key="en.status", order=_ordinal(_STATUSES)),
    Dimension.SURVEY_SERVICE: lambda ctx: DimSql(
        key="sv.service_id", lookup=Lookup("survey_service")
    ),
}


def filter_condition(
    ctx: Context,
    dimension: Dimension,
    values: list[str | int],
    start: str | int | None,
    end: str | int | None,
) -> tuple[str, tuple[str, ...]]:
    """(condition, joins it needs) restricting the fact to the given values or range."""
    stmt = ctx.stmt
    if dimension is Dimension.UNIT:  # a unit means its whole subtree
        ids = [int(v) for v in values]
        return f"{ctx.columns.unit} IN ({subtree_units(stmt, ids)})", ()
    if dimension is Dimension.POSITION:
        return f"{ctx.columns.position} IN ({stmt.int_list([int(v) for v in values])})", ()
    if dimension is Dimension.YEAR and ctx.columns.year_date is not None:
        column = _date_column(stmt, ctx.columns.year_date)
        return _date_ranges(stmt, column, values, start, end, _year_bounds), ()
    if dimension is Dimension.MONTH and ctx.columns.month_date is not None:
        column = _date_column(stmt, ctx.columns.month_date)
        return _date_ranges(stmt, column, values, start, end, _month_bounds), ()
    dim = DIMENSION_SQL[dimension](ctx)
    parts = []
    if values:
        integers = all(isinstance(v, int) for v in values)
        texts = [str(v) for v in values]
        listed = stmt.int_list([int(v) for v in values]) if integers else stmt.text_list(texts)
        parts.append(f"{dim.key} IN ({listed})")
    if start is not None:
        parts.append(f"{dim.key} >= {stmt.param(start)}")
    if end is not None:
        parts.append(f"{dim.key} <= {stmt.param(end)}")
    return "(" + " AND ".join(parts) + ")", dim.joins


def _year_bounds(value: str | int) -> tuple[dt.date, dt.date]:
    year = int(value)
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _month_bounds(value: str | int) -> tuple[dt.date, dt.date]:
    year, month = (int(x) for x in str(value).split("-"))
    first = dt.date(year, month, 1)
    return first, dt.date(year + month // 12, month % 12 + 1, 1)


def _date_ranges(
    stmt: Statement,
    column: str,
    values: list[str | int],
    start: str | int | None,
    end: str | int | None,
    bounds: Callable[[str | int], tuple[dt.date, dt.date]],
) -> str:
    """Half-open date ranges on the raw column, so an index on it serves the filter."""
    parts = []
    for value in values:
        low, high = bounds(value)
        parts.append(f"({column} >= {stmt.date_param(low)} AND {column} < {stmt.date_param(high)})")
    condition = "(" + " OR ".join(parts) + ")" if parts else "1 = 1"
    if start is not None:
        condition += f" AND {column} >= {stmt.date_param(bounds(start)[0])}"
    if end is not None:
        condition += f" AND {column} < {stmt.date_param(bounds(end)[1])}"
    return f"({condition})"
