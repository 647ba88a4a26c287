"""A supervisor's team view: each subordinate's SKP progress, in one SQL statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.db import fetch


@dataclass(frozen=True, slots=True)
class TeamRow:
    employee_id: int
    skp_id: int | None
    status: str | None
    results: int
    indicators: int
    reported_due: int
    completed_periods: int
    latest_predikat: str | None

    @property
    def overdue(self) -> int:
        """Indicator reports missing for quarters that have ended (only once the plan is agreed)."""
        if self.status != "AGREED":
            return 0
        return max(self.indicators * self.completed_periods - self.reported_due, 0)


def completed_periods(year: int, today: dt.date) -> int:
    """Quarters of ``year`` that have ended by ``today``."""
    if today.year > year:
        return 4
    if today.year < year:
        return 0
    return (today.month - 1) // 3


async def team_rows(*, employee_ids: list[int], year: int, today: dt.date) -> list[TeamRow]:
    """Progress of each employee's SKP for the year (employees without one get an empty row)."""
    if not employee_ids:
        return []
    done = completed_periods(year, today)
    placeholders = ", ".join(f"${i + 3}" for i in range(len(employee_ids)))
    rows = await fetch(
        f"""
        SELECT sk.employee_id, sk.id AS skp_id, sk.status,
            (SELECT COUNT(*) FROM skp_result r WHERE r.skp_id = sk.id) AS results,
            (SELECT COUNT(*) FROM skp_indicator i JOIN skp_result r ON i.result_id = r.id
              WHERE r.skp_id = sk.id) AS indicators,
            (SELECT COUNT(*) FROM skp_realisation re JOIN skp_indicator i ON re.indicator_id = i.id
              JOIN skp_result r ON i.result_id = r.id WHERE r.skp_id = sk.id AND re.period <= $2
            ) AS reported_due,
            (SELECT v.predikat FROM skp_review v WHERE v.skp_id = sk.id
              ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1) AS latest_predikat
        FROM skp sk WHERE sk.year = $1 AND sk.employee_id IN ({placeholders})
        """,
        [year, done, *employee_ids],
    )
    found = {int(r["employee_id"]): r for r in rows}
    result = []
    for eid in employee_ids:
        r = found.get(eid)
        result.append(
            TeamRow(
                employee_id=eid,
                skp_id=int(r["skp_id"]) if r else None,
                status=str(r["status"]) if r else None,
                results=int(r["results"]) if r else 0,
                indicators=int(r["indicators"]) if r else 0,
                reported_due=int(r["reported_due"]) if r else 0,
                completed_periods=done,
                latest_predikat=r["latest_predikat"] if r else None,
            )
        )
    return result
