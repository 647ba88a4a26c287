"""IKM per unit, service and period: SQL sums and counts, then exact arithmetic (``ikm``).

The database does the heavy part in one statement: ``COUNT(*)`` and ``SUM(u1)`` .. ``SUM(u9)``
per group over an index range of ``submitted_at``. Everything after that is a handful of
integers per group: the overall result adds the groups' integers (exact, no second query).

Periods are calendar dates in Asia/Jakarta (WIB, UTC+7 all year); timestamps are stored in UTC,
so a period becomes a half-open UTC range and months/quarters are cut at WIB midnight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from portal.db import dialect
from portal.people.models import OrgUnit
from portal.reports.sql import fetch_report
from portal.survey.access import SurveyScope
from portal.survey.elements import ELEMENTS
from portal.survey.errors import SurveyError
from portal.survey.errors import SurveyErrorCode as Code
from portal.survey.ikm import IkmResult, ikm_from_sums
from portal.survey.models import SurveyService

JAKARTA = ZoneInfo("Asia/Jakarta")
MAX_PERIOD_DAYS = 3700  # ten years and a bit
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus")
MONTHS += ("September", "Oktober", "November", "Desember")
QUARTERS = ("I", "II", "III", "IV")
_SUMS = ", ".join(f"SUM(r.{e.column}) AS s{i}" for i, e in enumerate(ELEMENTS))


class GroupBy(StrEnum):
    UNIT = "UNIT"
    SERVICE = "SERVICE"
    MONTH = "MONTH"
    QUARTER = "QUARTER"


@dataclass(frozen=True, slots=True)
class Counts:
    """Respondents and per-element answer sums of a set of responses."""

    respondents: int
    sums: tuple[int, ...]

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.respondents + other.respondents,
            tuple(a + b for a, b in zip(self.sums, other.sums, strict=True)),
        )

    @property
    def result(self) -> IkmResult | None:
        return ikm_from_sums(self.respondents, self.sums)


EMPTY = Counts(0, (0,) * len(ELEMENTS))


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    label: str
    counts: Counts


@dataclass(frozen=True, slots=True)
class Results:
    start: dt.date
    end: dt.date
    group_by: GroupBy | None
    overall: Counts
    groups: list[Group]


def utc_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC half-open range of the WIB calendar days ``start`` .. ``end`` (inclusive)."""
    low = dt.datetime.combine(start, dt.time(), JAKARTA).astimezone(dt.UTC)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), JAKARTA).astimezone(dt.UTC)
    return low, high


def check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise SurveyError(
            Code.INVALID_PERIOD, "Tanggal awal tidak boleh setelah tanggal akhir.", field="from"
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise SurveyError(Code.INVALID_PERIOD, "Periode paling panjang 10 tahun.", field="to")


class _Params:
    def __init__(self) -> None:
        self.values: list[Any] = []

    def add(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}"


def _key_sql(group_by: GroupBy | None, postgres: bool) -> str:
    local = "(r.submitted_at AT TIME ZONE 'Asia/Jakarta')"
    if group_by is None:
        return "''"
    if group_by is GroupBy.UNIT:
        return "CAST(r.unit_id AS TEXT)"
    if group_by is GroupBy.SERVICE:
        return "CAST(r.service_id AS TEXT)"
    if group_by is GroupBy.MONTH:
        return (
            f"to_char({local}, 'YYYY-MM')"
            if postgres
            else ("strftime('%Y-%m', r.submitted_at, '+7 hours')")
        )
    if postgres:
        return f"to_char({local}, 'YYYY') || '-Q' || to_char({local}, 'Q')"
    return (
        "strftime('%Y', r.submitted_at, '+7 hours') || '-Q' || "
        "((CAST(strftime('%m', r.submitted_at, '+7 hours') AS INTEGER) + 2) / 3)"
    )


def _conditions(
    params: _Params,
    scope: SurveyScope,
    unit_id: int | None,
    service_id: int | None,
    low: dt.datetime,
    high: dt.datetime,
) -> str:
    parts = [f"r.submitted_at >= {params.add(low)}", f"r.submitted_at < {params.add(high)}"]
    if service_id is not None:
        parts.append(f"r.service_id = {params.add(service_id)}")
    if unit_id is not None:
        parts.append(
            "r.unit_id IN (SELECT sx.id FROM org_unit sx JOIN org_unit sr "
            f"ON sx.path LIKE sr.path || '%' WHERE sr.id = {params.add(unit_id)})"
        )
    if not scope.everything:
        likes = " OR ".join(f"sx.path LIKE {params.add(p + '%')}" for p in scope.paths)
        parts.append(f"r.unit_id IN (SELECT sx.id FROM org_unit sx WHERE {likes or '1 = 0'})")
    return " AND ".join(parts)


def _counts(row: dict[str, Any]) -> Counts:
    return Counts(int(row["n"] or 0), tuple(int(row[f"s{i}"] or 0) for i in range(len(ELEMENTS))))


async def survey_results(
    *,
    scope: SurveyScope,
    start: dt.date,
    end: dt.date,
    unit_id: int | None = None,
    service_id: int | None = None,
    group_by: GroupBy | None = None,
) -> Results:
    """IKM of the responses in the period (and unit subtree / service), overall and per group."""
    check_period(start, end)
    postgres = await dialect() == "postgres"
    params = _Params()
    low, high = utc_bounds(start, end)
    where = _conditions(params, scope, unit_id, service_id, low, high)
    key = _key_sql(group_by, postgres)
    rows = await fetch_report(  # read-only aggregate: the reports pool (a replica if any)
        f"SELECT {key} AS k, COUNT(*) AS n, {_SUMS} FROM survey_response r "
        f"WHERE {where} GROUP BY {key} ORDER BY {key}"
        if group_by
        else f"SELECT '' AS k, COUNT(*) AS n, {_SUMS} FROM survey_response r WHERE {where}",
        params.values,
    )
    counted = [(str(r["k"]), _counts(r)) for r in rows if r["n"]]
    overall = sum((c for _, c in counted), EMPTY)
    labels = await _labels(group_by, [k for k, _ in counted])
    groups = [Group(k, labels.get(k, k), c) for k, c in counted] if group_by else []
    if group_by in (GroupBy.UNIT, GroupBy.SERVICE):
        groups.sort(key=lambda g: g.label)
    return Results(start, end, group_by, overall, groups)


def period_label(key: str) -> str:
    """``2026-03`` -> ``Maret 2026``; ``2026-Q1`` -> ``Triwulan I 2026``."""
    year, _, rest = key.partition("-")
    if rest.startswith("Q") and rest[1:].isdigit() and 1 <= int(rest[1:]) <= 4:
        return f"Triwulan {QUARTERS[int(rest[1:]) - 1]} {year}"
    if rest.isdigit() and 1 <= int(rest) <= 12:
        return f"{MONTHS[int(rest) - 1]} {year}"
    return key


async def _labels(group_by: GroupBy | None, keys: Sequence[str]) -> dict[str, str]:
    ids = [int(k) for k in keys if k.isdigit()]
    if group_by is GroupBy.UNIT:
        units = await OrgUnit.filter(id__in=ids).values_list("id", "name")
        return {str(i): str(n) for i, n in units}
    if group_by is GroupBy.SERVICE:
        services = await SurveyService.filter(id__in=ids).prefetch_related("unit")
        return {str(s.id): f"{s.name} ({s.unit.short_name or s.unit.name})" for s in services}
    return {k: period_label(k) for k in keys}


@dataclass(frozen=True, slots=True)
class Window:
    """A range of time over a unit subtree or one service (follow-up before/after)."""

    unit_id: int
    service_id: int | None
    start: dt.datetime
    end: dt.datetime


async def window_counts(windows: Sequence[Window]) -> list[Counts]:
    """Counts of each window, in one statement (``UNION ALL`` of index range scans)."""
    if not windows:
        return []
    params = _Params()
    selects = []
    everything = SurveyScope(True)
    for i, w in enumerate(windows):
        unit = None if w.service_id is not None else w.unit_id
        where = _conditions(params, everything, unit, w.service_id, w.start, w.end)
        selects.append(
            f"SELECT {i} AS w, COUNT(*) AS n, {_SUMS} FROM survey_response r WHERE {where}"
        )
    rows = await fetch_report(" UNION ALL ".join(selects), params.values)
    found = {int(r["w"]): _counts(r) for r in rows}
    return [found.get(i, EMPTY) for i in range(len(windows))]
