"""Report types: the typed question (``ReportInput``) and the typed answer (``Report``).

A row carries its dimension values and measures twice: as a typed field per measure and
dimension (``row.staffingGap``, ``row.unit.label``: what a client that knows its question
selects) and as lists in the order asked (``cells``, ``values``: for generic tables and charts).
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from portal.graphql.payloads import error_type
from portal.graphql.relay import to_global_id
from portal.reports import catalog, errors, service
from portal.reports.catalog import DIMENSIONS, MEASURES, Dimension, Fact, Measure

# strawberry.enum registers the domain enums in place (it returns the same classes), so
# annotations below use the domain names and type checkers see ordinary enums.
strawberry.enum(
    catalog.Measure,
    name="ReportMeasure",
    description="What a report measures; `reportMeasures` tells which dimensions each allows.",
)
strawberry.enum(
    catalog.Dimension,
    name="ReportDimension",
    description="What a report groups rows by, or filters on.",
)
strawberry.enum(
    catalog.Fact,
    name="ReportFact",
    description="The data a report was computed from: employees, positions, requirements with "
    "assessments, training records, employees per year (JP right), enrollments or public "
    "satisfaction survey (SKM) responses.",
)
strawberry.enum(errors.ReportErrorCode, description="Why a report cannot be answered as asked.")
ReportError: Any = error_type("ReportError", errors.ReportErrorCode, "the report")


@strawberry.input(
    description="Keep rows whose dimension value is one of `values` and/or within `from`..`to`. "
    "All filters must hold."
)
class ReportFilter:
    dimension: Dimension = strawberry.field(description="The dimension filtered on.")
    values: list[str] = strawberry.field(
        default_factory=list,
        description="Values as rows show them: global ids for UNIT (the unit and every unit "
        "below it), POSITION, COMPETENCY and COURSE; enum names for the closed sets; `2025` for "
        "YEAR; `2025-03` for MONTH; `<25`, `25-34`, `35-44`, `45-54`, `55+` for AGE_BAND.",
    )
    from_: str | None = strawberry.field(
        default=None, name="from", description="Lowest value kept (YEAR and MONTH only)."
    )
    to: str | None = strawberry.field(
        default=None, description="Highest value kept (YEAR and MONTH only)."
    )


@strawberry.input(description="One sort key: a measure or a group-by dimension.")
class ReportSort:
    measure: Measure | None = strawberry.field(
        default=None, description="Sort by this measure (one of the report's)."
    )
    dimension: Dimension | None = strawberry.field(
        default=None, description="Sort by this dimension's natural order (one of `groupBy`)."
    )
    descending: bool = strawberry.field(default=False, description="Largest first.")


@strawberry.input(description="A report: measures, grouped by dimensions, within filters.")
class ReportInput:
    measures: list[Measure] = strawberry.field(description="What to measure (one or more).")
    group_by: list[Dimension] = strawberry.field(
        default_factory=list, description="One row per combination of these (at most 4)."
    )
    filters: list[ReportFilter] = strawberry.field(
        default_factory=list, description="Rows must match every filter."
    )
    year: int | None = strawberry.field(
        default=None,
        description="Training records, the JP right and enrollments (by session start) cover "
        "this year; default the current year, or every year when grouped by YEAR without a "
        "YEAR filter. Give either this or a YEAR filter.",
    )
    unit_level: int | None = strawberry.field(
        default=None,
        description="UNIT groups by the ancestor at this depth: 0 the pemda, 1 the OPD, 2 its "
        "bidang/bagian...; null groups by each employee's (or position's) own unit.",
    )
    sort: list[ReportSort] = strawberry.field(
        default_factory=list,
        description="Sort keys, in order; rows then follow the dimensions' natural order.",
    )
    limit: int = strawberry.field(
        default=1000, description="Most rows returned (1-10000); totals cover every row."
    )


@strawberry.type(description="A dimension value of a row.")
class ReportCell:
    dimension: Dimension = strawberry.field(description="The dimension.")
    value: str | None = strawberry.field(
        description="The value as filters take it (a global id for units, positions, "
        "competencies and courses); null for no value (e.g. no position)."
    )
    label: str = strawberry.field(description="What people read (Indonesian).")


@strawberry.type(description="A measure value of a row.")
class ReportValue:
    measure: Measure = strawberry.field(description="The measure.")
    value: float | None = strawberry.field(
        description="The value (counts are whole numbers); null when suppressed or when "
        "there is nothing to measure."
    )


def _row_type() -> Any:
    """``ReportRow``: fixed fields plus one typed field per measure and per dimension."""
    annotations: dict[str, Any] = {
        "cells": list[ReportCell],
        "values": list[ReportValue],
        "suppressed": bool,
    }
    namespace: dict[str, Any] = {
        "cells": strawberry.field(description="Dimension values, in `groupBy` order."),
        "values": strawberry.field(description="Measure values, in `measures` order."),
        "suppressed": strawberry.field(
            description="The group has too few people for you to see: its measures are null."
        ),
    }
    for measure in Measure:
        name = measure.value.lower()
        annotations[name] = int | None if MEASURES[measure].integer else float | None
        namespace[name] = strawberry.field(
            default=None,
            description=f"{MEASURES[measure].description} Null when not asked or suppressed.",
        )
    for dimension in Dimension:
        name = dimension.value.lower()
        annotations[name] = ReportCell | None
        namespace[name] = strawberry.field(
            default=None, description=f"{DIMENSIONS[dimension].title}, when grouped by it."
        )
    namespace["__annotations__"] = annotations
    return strawberry.type(
        type("ReportRow", (), namespace),
        description="One group of a report (or the totals).",
    )


ReportRow = _row_type()


@strawberry.type(description="The answer to a report.")
class Report:
    fact: Fact = strawberry.field(description="The data it was computed from.")
    dimensions: list[Dimension] = strawberry.field(description="What rows are grouped by.")
    measures: list[Measure] = strawberry.field(description="What was measured.")
    rows: list[ReportRow] = strawberry.field(  # type: ignore[valid-type]
        description="The groups, sorted, at most `limit` (one row when nothing is grouped)."
    )
    totals: ReportRow = strawberry.field(  # type: ignore[valid-type]
        description="Every row in scope together (suppressed when any group is)."
    )
    row_count: int = strawberry.field(description="Number of groups before the limit.")
    truncated: bool = strawberry.field(description="Some groups are past the limit.")
    years: list[int] | None = strawberry.field(
        description="Years covered by year-based data; null for every year or data without one."
    )
    min_group_size: int = strawberry.field(
        description="Groups with fewer people than this were suppressed for you (0: none are)."
    )

    @classmethod
    def of(cls, report: service.Report, limit: int) -> Report:
        return cls(
            fact=report.fact,  # type: ignore[arg-type]
            dimensions=list(report.dimensions),  # type: ignore[arg-type]
            measures=list(report.measures),  # type: ignore[arg-type]
            rows=[row_of(r) for r in report.rows],
            totals=row_of(report.totals),
            row_count=report.row_count,
            truncated=report.row_count > limit,
            years=report.years,
            min_group_size=report.min_group,
        )


ReportResult = Annotated[
    Report | ReportError,
    strawberry.union("ReportResult", description="The report, or why it cannot be answered."),
]


def cell_value(dimension: Dimension, value: str | None) -> str | None:
    """Keys of units, positions, competencies and courses travel as global ids."""
    node_type = DIMENSIONS[dimension].node_type
    if value is None or node_type is None:
        return value
    return str(to_global_id(node_type, int(value)))


def row_of(row: service.Row) -> Any:
    cells = [
        ReportCell(
            dimension=c.dimension,  # type: ignore[arg-type]
            value=cell_value(c.dimension, c.value),
            label=c.label,
        )
        for c in row.cells
    ]
    typed: dict[str, Any] = {m.value.lower(): v for m, v in row.values.items()}
    typed |= {c.dimension.value.lower(): c for c in cells}
    return ReportRow(
        cells=cells,
        values=[
            ReportValue(measure=m, value=None if v is None else float(v))  # type: ignore[arg-type]
            for m, v in row.values.items()
        ],
        suppressed=row.suppressed,
        **typed,
    )


@strawberry.type(description="A measure a report can ask for, and where it applies.")
class ReportMeasureInfo:
    measure: Measure = strawberry.field(description="The measure.")
    title: str = strawberry.field(description="Column title (Indonesian, as in the CSV).")
    description: str = strawberry.field(description="What it means.")
    is_count: bool = strawberry.field(description="A whole number (Int) rather than a Float.")
    facts: list[Fact] = strawberry.field(description="The data it can come from.")
    dimensions: list[Dimension] = strawberry.field(
        description="Dimensions it can be grouped and filtered by (with any of its facts)."
    )
