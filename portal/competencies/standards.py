"""Pre-loading the dictionary: the 8 managerial competencies and Perekat Bangsa (38/2017).

``portal seed --standards`` calls :func:`load_standards`; it upserts by code, so running it again
changes nothing, and it restores the regulation's wording where someone edited it. The data lives in
``standards_data``, which the demo generator reads too.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal import events
from portal.competencies.dictionary import (
    LevelSpec,
    create_competency,
    levels_of,
    update_competency,
)
from portal.competencies.models import Competency, CompetencyGroup
from portal.competencies.standards_data import STANDARDS, Standard
from portal.settings import Settings

__all__ = ["STANDARDS", "StandardsSummary", "load_standards", "seed_standards", "standard_levels"]


@dataclass(frozen=True, slots=True)
class StandardsSummary:
    """What loading the standards did."""

    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"standard competencies: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


def standard_levels(standard: Standard) -> list[LevelSpec]:
    """The five level descriptors of one standard competency."""
    return [
        LevelSpec(level, description, tuple(indicators))
        for level, (description, indicators) in enumerate(standard[4], start=1)
    ]


async def load_standards(*, actor_id: int | None = None) -> StandardsSummary:
    """Create or bring up to date M.01-M.08 and SK.01 with their level descriptors."""
    created = updated = unchanged = 0
    async with events.transaction():
        existing = {c.code: c for c in await Competency.filter(code__in=[s[0] for s in STANDARDS])}
        for standard in STANDARDS:
            code, name, group, description, _ = standard
            levels = standard_levels(standard)
            current = existing.get(code)
            if current is None:
                await create_competency(
                    code=code,
                    name=name,
                    group=CompetencyGroup(group),
                    description=description,
                    levels=levels,
                    actor_id=actor_id,
                )
                created += 1
                continue
            same = (
                (current.name, str(current.group), current.description, current.unit_id)
                == (name, group, description, None)
                and current.active
                and await levels_of(current) == levels
            )
            if same:
                unchanged += 1
                continue
            await update_competency(
                competency_id=current.id,
                name=name,
                group=CompetencyGroup(group),
                description=description,
                unit_id=None,
                active=True,
                levels=levels,
                actor_id=actor_id,
            )
            updated += 1
    return StandardsSummary(created, updated, unchanged)


async def seed_standards(settings: Settings) -> StandardsSummary:
    """``portal seed --standards``: open the database, load the standards, close it."""
    from portal.db import close_db, init_db

    await init_db(settings)
    try:
        return await load_standards()
    finally:
        await close_db()
