"""The generated world held in memory: units, positions, people, and the ids they will carry.

Every row gets its id here, before anything is written, so later steps can link rows without
reading them back.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from portal.people.models import UnitKind
from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import PositionLevel, Rank

if TYPE_CHECKING:
    from portal.demo.jobs import Job

UTC = dt.UTC


class Ids:
    """Sequential ids per table, starting at 1 (the generator fills empty tables)."""

    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def next(self, table: str) -> int:
        value = self._last.get(table, 0) + 1
        self._last[table] = value
        return value


@dataclass(slots=True, eq=False)
class Unit:
    id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind
    parent: Unit | None
    path: str
    sector: str  # "kes", "dik", ...: picks jobs, competencies and courses
    opd: Unit | None = None  # the top-level unit (OPD or kecamatan) it belongs to

    @property
    def opd_id(self) -> int:
        return (self.opd or self).id


@dataclass(slots=True, eq=False)
class Post:
    """A position row. Structural posts (``single``) have at most one holder."""

    id: int
    code: str
    name: str
    level: PositionLevel
    unit: Unit
    parent: Post | None
    grade: int
    job: Job
    single: bool
    topic: str  # what the post is about, for duty and SKP texts
    techs: tuple[str, ...]
    holders: list[Person] = field(default_factory=list)
    requirements: list[tuple[int, int]] = field(default_factory=list)  # (competency id, level)


@dataclass(slots=True, eq=False)
class Person:
    id: int
    nip: str
    name: str
    front_title: str
    back_title: str
    employment_type: EmploymentType
    gender: Gender
    birth_date: dt.date
    rank: Rank
    post: Post
    email: str
    phone: str
    hired_on: dt.date  # TMT CPNS / PPPK appointment
    entry_rank: Rank
    gaps: list[int] = field(default_factory=list)  # competency ids below the required level


@dataclass(slots=True)
class World:
    rng: random.Random
    today: dt.date
    employees: int
    ids: Ids = field(default_factory=Ids)
    units: list[Unit] = field(default_factory=list)
    opd_by_code: dict[str, Unit] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    personas: dict[str, Person] = field(default_factory=dict)
    hr_people: list[Person] = field(default_factory=list)
    competency_ids: dict[str, int] = field(default_factory=dict)
    competency_names: dict[int, str] = field(default_factory=dict)
    _times: dict[tuple[dt.date, int, int], dt.datetime] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.today.year

    def decider(self, post: Post) -> Person | None:
        """Who exercises ``post``'s rights: its holder, or for a vacancy its Plt.

        A vacant structural post gets an acting (Plt) appointment for the holder of the nearest
        filled post above it (see staffing), so that is who decides.
        """
        above: Post | None = post
        while above is not None and not above.holders:
            above = above.parent
        return above.holders[0] if above is not None else None

    def approver(self, post: Post) -> Person | None:
        """The direct supervisor of holders of ``post`` (or the Plt of a vacant supervisor post)."""
        return self.decider(post.parent) if post.parent is not None else None

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        """A Jakarta wall-clock time on ``day`` as an aware UTC datetime (WIB is UTC+7)."""
        key = (day, hour, minute)
        value = self._times.get(key)
        if value is None:  # millions of rows share a few thousand distinct times
            value = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
            value -= dt.timedelta(hours=7)
            self._times[key] = value
        return value

    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        """A random day from ``start`` to ``end`` inclusive (``start`` when the range is empty)."""
        span = (end - start).days
        return start if span <= 0 else start + dt.timedelta(days=self.rng.randint(0, span))
