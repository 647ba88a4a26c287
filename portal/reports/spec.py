"""What a report asks (``ReportSpec``), checked and resolved to the one fact that answers it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from portal.reports.catalog import AGE_BANDS, DIMENSIONS, Dimension, Measure
from portal.reports.errors import ReportError
from portal.reports.errors import ReportErrorCode as Code
from portal.reports.facts import FACT_ORDER, FactSql

MAX_DIMENSIONS = 4
MAX_LIMIT = 10_000
MAX_FILTER_VALUES = 1000
MAX_YEARS = 50
MAX_UNIT_LEVEL = 10
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
KeyOf = Callable[[str, str], int | None]  # (node type, value) -> key, None when not valid


@dataclass(frozen=True, slots=True)
class Filter:
    """Keep rows whose dimension value is one of ``values`` and/or within ``start``..``end``.

    Values are in the form rows show them: enum names, ``2025``, ``2025-03``, ``<25``; units,
    positions, competencies and courses by primary key (the API turns global ids into keys).
    A unit means its whole subtree.
    """

    dimension: Dimension
    values: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Sort:
    measure: Measure | None = None
    dimension: Dimension | None = None
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ReportSpec:
    measures: tuple[Measure, ...]
    group_by: tuple[Dimension, ...] = ()
    filters: tuple[Filter, ...] = ()
    year: int | None = None  # year-based facts: this year (default: the current one)
    unit_level: int | None = None  # UNIT groups by the ancestor at this depth (None: exact unit)
    sort: tuple[Sort, ...] = ()
    limit: int = 1000


@dataclass(frozen=True, slots=True)
class TypedFilter:
    dimension: Dimension
    values: list[str | int]
    start: str | int | None
    end: str | int | None


@dataclass(frozen=True, slots=True)
class Plan:
    """A checked spec and the fact that answers it."""

    spec: ReportSpec
    fact: FactSql
    filters: list[TypedFilter]  # YEAR filters are folded into ``years``
    years: list[int] | None  # year-based facts: these years (None: every year)


def resolve(spec: ReportSpec, *, this_year: int, key_of: KeyOf | None = None) -> Plan:
    """Check the spec and pick its fact; raises ReportError naming the field at fault.

    ``key_of(node_type, value)`` reads the key of a unit, position, competency or course value
    (the API passes global ids); without it such values must be the keys themselves.
    """
    _check_shape(spec)
    fact = _fact_for(spec)
    filters = [_typed(i, f, key_of or _plain_key) for i, f in enumerate(spec.filters)]
    year_filters = [f for f in filters if f.dimension is Dimension.YEAR]
    if spec.year is not None and not 1900 <= spec.year <= 2100:
        raise ReportError(Code.INVALID_YEAR, "Tahun tidak valid.", field="year")
    if spec.year is not None and year_filters:
        raise ReportError(
            Code.INVALID_YEAR, "Isi tahun atau filter YEAR, bukan keduanya.", field="year"
        )
    years: list[int] | None
    if year_filters:
        years = _years_of(year_filters, this_year)
    elif spec.year is not None:
        years = [spec.year]
    elif Dimension.YEAR in spec.group_by:
        years = None
    else:
        years = [this_year]
    rest = [f for f in filters if f.dimension is not Dimension.YEAR]
    return Plan(spec, fact, rest, years)


def _check_shape(spec: ReportSpec) -> None:
    if not spec.measures:
        raise ReportError(Code.NO_MEASURES, "Pilih paling sedikit satu ukuran.", field="measures")
    for name, items in (("measures", spec.measures), ("groupBy", spec.group_by)):
        seen: set[object] = set()
        for i, item in enumerate(items):
            if item in seen:
                raise ReportError(Code.DUPLICATE, f"{item} disebut dua kali.", field=f"{name}[{i}]")
            seen.add(item)
    if len(spec.group_by) > MAX_DIMENSIONS:
        raise ReportError(
            Code.TOO_MANY_DIMENSIONS,
            f"Paling banyak {MAX_DIMENSIONS} dimensi pengelompokan.",
            field="groupBy",
        )
    if not 1 <= spec.limit <= MAX_LIMIT:
        raise ReportError(Code.INVALID_LIMIT, f"Batas baris harus 1-{MAX_LIMIT}.", field="limit")
    if spec.unit_level is not None and not 0 <= spec.unit_level <= MAX_UNIT_LEVEL:
        raise ReportError(
            Code.INVALID_UNIT_LEVEL,
            f"Tingkat unit harus 0-{MAX_UNIT_LEVEL} (0 = pemda, 1 = OPD).",
            field="unitLevel",
        )
    for i, sort in enumerate(spec.sort):
        if (sort.measure is None) == (sort.dimension is None):
            raise ReportError(
                Code.INVALID_SORT,
                "Urutkan menurut satu ukuran atau satu dimensi.",
                field=f"sort[{i}]",
            )
        if sort.measure is not None and sort.measure not in spec.measures:
            raise ReportError(
                Code.INVALID_SORT,
                f"{sort.measure} tidak ada di ukuran laporan.",
                field=f"sort[{i}].measure",
            )
        if sort.dimension is not None and sort.dimension not in spec.group_by:
            raise ReportError(
                Code.INVALID_SORT,
                f"{sort.dimension} tidak ada di pengelompokan.",
                field=f"sort[{i}].dimension",
            )


def _fact_for(spec: ReportSpec) -> FactSql:
    """The first fact with every measure and dimension; else say which part does not fit."""
    candidates = list(FACT_ORDER)
    for i, measure in enumerate(spec.measures):
        narrowed = [f for f in candidates if measure in f.measures]
        if not narrowed:
            together = ", ".join(str(m) for m in spec.measures[:i])
            raise ReportError(
                Code.UNSUPPORTED_COMBINATION,
                f"{measure} tidak dapat dihitung bersama {together}: "
                "keduanya berasal dari data yang berbeda.",
                field=f"measures[{i}]",
            )
        candidates = narrowed
    wanted = [(f"groupBy[{i}]", d) for i, d in enumerate(spec.group_by)]
    wanted += [(f"filters[{i}].dimension", f.dimension) for i, f in enumerate(spec.filters)]
    for fact in candidates:
        if all(d in fact.dimensions for _, d in wanted):
            return fact
    best = candidates[0]
    field, dimension = next((p, d) for p, d in wanted if d not in best.dimensions)
    available = ", ".join(sorted(set().union(*(f.dimensions for f in candidates))))
    measures = ", ".join(str(m) for m in spec.measures)
    raise ReportError(
        Code.UNSUPPORTED_COMBINATION,
        f"{dimension} tidak berlaku untuk {measures}. Dimensi yang tersedia: {available}.",
        field=field,
    )


def _plain_key(node_type: str, value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) <= 10 else None


def _typed(index: int, f: Filter, key_of: KeyOf) -> TypedFilter:
    field = f"filters[{index}]"
    info = DIMENSIONS[f.dimension]
    if not f.values and f.start is None and f.end is None:
        raise ReportError(Code.INVALID_FILTER, "Filter tanpa nilai.", field=f"{field}.values")
    if (f.start is not None or f.end is not None) and not info.ranges:
        raise ReportError(
            Code.INVALID_FILTER,
            f"{f.dimension} tidak dapat difilter dengan rentang.",
            field=f"{field}.from" if f.start is not None else f"{field}.to",
        )
    if len(f.values) > MAX_FILTER_VALUES:
        raise ReportError(
            Code.INVALID_FILTER,
            f"Paling banyak {MAX_FILTER_VALUES} nilai per filter.",
            field=f"{field}.values",
        )
    values = [
        _value(f.dimension, v, f"{field}.values[{j}]", key_of) for j, v in enumerate(f.values)
    ]
    start = None if f.start is None else _value(f.dimension, f.start, f"{field}.from", key_of)
    end = None if f.end is None else _value(f.dimension, f.end, f"{field}.to", key_of)
    return TypedFilter(f.dimension, values, start, end)


def _value(dimension: Dimension, raw: str, field: str, key_of: KeyOf) -> str | int:
    info = DIMENSIONS[dimension]
    value = raw.strip()
    bad = ReportError(
        Code.INVALID_FILTER, f"Nilai {raw!r} tidak berlaku untuk {dimension}.", field=field
    )
    if info.node_type is not None:
        key = key_of(info.node_type, value)
        if key is None:
            raise bad
        return key
    if dimension is Dimension.YEAR:
        if not value.isdigit() or len(value) > 10:
            raise bad
        number = int(value)
        if not 1900 <= number <= 2100:
            raise bad
        return number
    if dimension is Dimension.MONTH:
        match = _MONTH.match(value)
        if match is None or not 1900 <= int(match.group(1)) <= 2100:
            raise bad
        return value
    if dimension is Dimension.AGE_BAND:
        if value not in {b for b, _ in AGE_BANDS}:
            raise bad
        return value
    if info.labels is not None and value not in info.labels:
        raise bad
    return value


def _years_of(filters: list[TypedFilter], this_year: int) -> list[int]:
    """The years YEAR filters keep (each filter narrows the previous ones)."""
    keep: set[int] | None = None
    for f in filters:
        years = {int(v) for v in f.values}
        if f.start is not None or f.end is not None:
            low = int(f.start) if f.start is not None else int(f.end or 0) - MAX_YEARS + 1
            high = int(f.end) if f.end is not None else this_year
            span = set(range(low, high + 1))
            if len(span) > MAX_YEARS:
                raise ReportError(
                    Code.INVALID_FILTER,
                    f"Rentang paling lama {MAX_YEARS} tahun.",
                    field="filters",
                )
            years = years & span if f.values else span
        keep = years if keep is None else keep & years
    return sorted(keep or set())
