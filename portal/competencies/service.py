"""The competency gap and job-person match, computed from requirements and latest assessments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from portal.competencies.models import Assessment, PositionRequirement


@dataclass(frozen=True, slots=True)
class GapItem:
    """One competency of a person's profile."""

    competency_id: int
    required: int | None
    assessed: int | None
    assessed_on: dt.date | None
    source: str | None

    @property
    def gap(self) -> int | None:
        """Required minus assessed: positive is a shortfall. Unassessed counts as level 0."""
        if self.required is None:
            return None
        return max(self.required - (self.assessed or 0), 0)

    @property
    def met(self) -> bool:
        return self.required is not None and (self.assessed or 0) >= self.required


@dataclass(frozen=True, slots=True)
class Profile:
    items: list[GapItem]

    @property
    def requirements_total(self) -> int:
        return sum(1 for i in self.items if i.required is not None)

    @property
    def requirements_met(self) -> int:
        return sum(1 for i in self.items if i.met)

    @property
    def job_person_match(self) -> float | None:
        """Share of requirements met, as a percentage with two decimals (None without any)."""
        if not self.requirements_total:
            return None
        share = Fraction(self.requirements_met * 100, self.requirements_total)
        return round(float(share), 2)


def build_profile(
    requirements: list[PositionRequirement], latest_assessments: list[Assessment]
) -> Profile:
    """Join required and latest assessed levels. Required competencies first, by competency id."""
    assessed = {a.competency_id: a for a in latest_assessments}
    items = []
    for req in sorted(requirements, key=lambda r: r.competency_id):
        a = assessed.pop(req.competency_id, None)
        items.append(
            GapItem(
                competency_id=req.competency_id,
                required=req.level,
                assessed=a.level if a else None,
                assessed_on=a.assessed_on if a else None,
                source=str(a.source) if a else None,
            )
        )
    for cid in sorted(assessed):
        a = assessed[cid]
        items.append(GapItem(cid, None, a.level, a.assessed_on, str(a.source)))
    return Profile(items)


def latest_per_competency(assessments: list[Assessment]) -> list[Assessment]:
    """Keep the newest assessment of each competency (by date, then id)."""
    latest: dict[int, Assessment] = {}
    for a in assessments:
        current = latest.get(a.competency_id)
        if current is None or (a.assessed_on, a.id) > (current.assessed_on, current.id):
            latest[a.competency_id] = a
    return list(latest.values())
