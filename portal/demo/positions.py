"""Rows for units and positions: the tree itself, competency requirements, duties and workloads."""

from __future__ import annotations

from decimal import Decimal

from portal.competencies.models import PositionRequirement
from portal.demo.dictionary import MANAGERIAL_CODES, PEREKAT_BANGSA
from portal.demo.world import Post, World
from portal.demo.writer import Row, Writer
from portal.duties.models import PositionDuty
from portal.people.models import DEFAULT_EFFECTIVE_MINUTES, OrgUnit, Position, PositionWorkload
from portal.people.ranks import PositionLevel as L

# Managerial levels a position asks for (low, high), by position level (PermenPANRB 38/2017
# standard: pelaksana 1-2, first-level experts 2, supervisors 3, administrators 3-4, JPT 4-5).
MANAGERIAL_LEVELS: dict[L, tuple[int, int]] = {
    L.PEMULA: (1, 1), L.PELAKSANA: (1, 2), L.TERAMPIL: (1, 2), L.MAHIR: (2, 2),
    L.PENYELIA: (2, 3), L.AHLI_PERTAMA: (2, 2), L.AHLI_MUDA: (2, 3), L.AHLI_MADYA: (3, 3),
    L.AHLI_UTAMA: (4, 4), L.PENGAWAS: (3, 3), L.ADMINISTRATOR: (3, 4), L.JPT_PRATAMA: (4, 5),
    L.JPT_MADYA: (5, 5), L.JPT_UTAMA: (5, 5),
}  # fmt: skip
TECHNICAL_LEVEL: dict[L, int] = {
    L.PEMULA: 1, L.PELAKSANA: 2, L.TERAMPIL: 2, L.MAHIR: 3, L.PENYELIA: 3, L.AHLI_PERTAMA: 2,
    L.AHLI_MUDA: 3, L.AHLI_MADYA: 4, L.AHLI_UTAMA: 5, L.PENGAWAS: 3, L.ADMINISTRATOR: 3,
    L.JPT_PRATAMA: 4, L.JPT_MADYA: 4, L.JPT_UTAMA: 5,
}  # fmt: skip
LAST_DUTY = "Melaksanakan tugas kedinasan lain yang diberikan oleh atasan"


def set_requirements(world: World) -> None:
    """Give every post its required levels: 8 managerial, Perekat Bangsa, 1-3 technical."""
    rng = world.rng
    ids = world.competency_ids
    for post in world.posts:
        low, high = MANAGERIAL_LEVELS[post.level]
        reqs = [(ids[code], low if rng.random() < 0.6 else high) for code in MANAGERIAL_CODES]
        reqs.append((ids[PEREKAT_BANGSA], low))
        base = TECHNICAL_LEVEL[post.level]
        for i, code in enumerate(post.techs):
            # The first technical competency is the job's core; the others may ask a level less.
            level = base if i == 0 or rng.random() < 0.5 else max(1, base - 1)
            reqs.append((ids[code], level))
        post.requirements = reqs


def fill_text(template: str, post: Post) -> str:
    return template.format(unit=post.unit.name, topic=post.topic)


async def write_org(world: World, writer: Writer) -> None:
    """The unit tree and the positions, parents before children."""
    created = world.at(world.today.replace(month=1, day=2), 8)
    units = [
        (
            u.id,
            u.code,
            u.name,
            u.short_name,
            u.kind.value,
            u.parent.id if u.parent else None,
            u.path,
            True,
            created,
        )
        for u in world.units
    ]
    await writer.write(
        OrgUnit,
        ("id", "code", "name", "short_name", "kind", "parent_id", "path", "active", "created_at"),
        units,
    )
    posts = [
        (
            p.id,
            p.code,
            p.name,
            p.level.kind.value,
            p.level.value,
            p.unit.id,
            p.parent.id if p.parent else None,
            p.grade,
            DEFAULT_EFFECTIVE_MINUTES,
            True,
        )
        for p in world.posts
    ]
    columns = (
        "id",
        "code",
        "name",
        "kind",
        "level",
        "unit_id",
        "parent_id",
        "grade_class",
        "effective_minutes",
        "active",
    )
    await writer.write(Position, columns, posts)


async def write_position_details(world: World, writer: Writer) -> None:
    """Requirements and duties of every post, and workloads (ABK) for most of them."""
    ids = world.ids
    requirements: list[Row] = []
    duties: list[Row] = []
    workloads: list[Row] = []
    for post in world.posts:
        for competency_id, level in post.requirements:
            requirements.append((ids.next("position_requirement"), post.id, competency_id, level))
        texts = [fill_text(d, post) for d in post.job.duties[:5]] + [LAST_DUTY]
        for order, text in enumerate(texts, start=1):
            duties.append((ids.next("position_duty"), post.id, text, order))
        workloads.extend(_workload(world, post))
    await writer.write(
        PositionRequirement, ("id", "position_id", "competency_id", "level"), requirements
    )
    await writer.write(PositionDuty, ("id", "position_id", "description", "sort_order"), duties)
    columns = ("id", "position_id", "activity", "output_unit", "yearly_volume", "standard_minutes")
    await writer.write(PositionWorkload, columns, workloads)


def _workload(world: World, post: Post) -> list[Row]:
    """ABK rows sized so required headcount lands near the actual one, with shortages and surpluses.

    Required headcount = sum(volume x minutes) / effective minutes, so pick the headcount first
    and split its minutes over the job's activities.
    """
    rng = world.rng
    if rng.random() < 0.1:  # not every position has been analysed yet
        return []
    holders = len(post.holders)
    if post.single:
        needed = rng.uniform(0.85, 1.15)
    elif holders:
        needed = holders * rng.uniform(0.7, 1.35)
    else:
        needed = rng.uniform(0.5, 2.0)
    total = needed * DEFAULT_EFFECTIVE_MINUTES
    work = post.job.work
    shares = [rng.uniform(0.5, 1.5) for _ in work]
    scale = total / sum(shares)
    rows: list[Row] = []
    for (activity, output, minutes), share in zip(work, shares, strict=True):
        standard = max(1, round(minutes * rng.uniform(0.9, 1.1)))
        volume = Decimal(round(share * scale / standard, 2)).quantize(Decimal("0.01"))
        text = fill_text(activity, post)
        rows.append(
            (
                world.ids.next("position_workload"),
                post.id,
                text[0].upper() + text[1:],
                output,
                volume,
                Decimal(standard),
            )
        )
    return rows
