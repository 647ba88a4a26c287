"""Writing the staffed world: employees, role grants, acting (Plt) appointments, history."""

from __future__ import annotations

import datetime as dt

from portal.demo.world import World
from portal.demo.writer import Row, Writer
from portal.people.models import (
    ActingAppointment,
    ActingKind,
    ChangeKind,
    Employee,
    EmploymentHistory,
    Role,
    RoleGrant,
    UnitKind,
)
from portal.people.nip import EmploymentType
from portal.people.ranks import PositionLevel as L
from portal.people.ranks import Rank

_PNS_STEPS = [r for r in Rank if not r.is_pppk]
# Agencies whose heads own a public service (survey results) besides Disdukcapil.
UNIT_HEAD_AGENCIES = ("DUKCAPIL", "DPMPTSP", "RSU", "DINKES")


async def write_people(world: World, writer: Writer) -> None:
    """Employees, role grants and acting appointments."""
    loaded = world.at(world.today.replace(month=1, day=2), 8)
    rows = [
        (
            p.id,
            p.nip,
            p.name,
            p.front_title,
            p.back_title,
            p.employment_type.value,
            p.gender.value,
            p.birth_date,
            p.rank.value,
            p.post.id,
            p.post.unit.id,
            p.email,
            p.phone,
            None,
            True,
            loaded,
            loaded,
        )
        for p in world.people
    ]
    columns = (
        "id",
        "nip",
        "name",
        "front_title",
        "back_title",
        "employment_type",
        "gender",
        "birth_date",
        "rank",
        "position_id",
        "unit_id",
        "email",
        "phone",
        "sso_subject",
        "active",
        "created_at",
        "updated_at",
    )
    await writer.write(Employee, columns, rows)
    await writer.write(
        RoleGrant,
        ("id", "employee_id", "role", "unit_id", "granted_by_id", "granted_at"),
        _role_grants(world),
    )
    await writer.write(
        ActingAppointment,
        ("id", "position_id", "employee_id", "kind", "starts_on", "ends_on", "created_at"),
        _acting(world),
    )
    history_columns = (
        "id",
        "employee_id",
        "kind",
        "effective_on",
        "position_id",
        "unit_id",
        "rank",
        "active",
        "previous_position_id",
        "previous_unit_id",
        "previous_rank",
        "decree_number",
        "note",
        "recorded_by_id",
        "recorded_at",
    )
    await writer.write(EmploymentHistory, history_columns, _history(world, loaded))


def _history(world: World, loaded: dt.datetime) -> list[Row]:
    """Imported history: the hire, and for longer careers the move into today's post and rank."""
    rng = world.rng
    rows: list[Row] = []
    for p in world.people:
        pppk = p.employment_type is EmploymentType.PPPK
        recent = world.year - p.hired_on.year <= 4
        decree = "800.1.13.2" if pppk else "813.3"
        rows.append(
            (
                world.ids.next("employment_history"),
                p.id,
                ChangeKind.HIRE.value,
                p.hired_on,
                p.post.id if recent else None,
                p.post.unit.id if recent else p.post.unit.opd_id,
                p.entry_rank.value,
                True,
                None,
                None,
                None,
                f"{decree}/Kep.{rng.randint(100, 2999)}-BKPSDM/{p.hired_on.year}",
                "Pengangkatan PPPK" if pppk else "Pengangkatan CPNS",
                None,
                loaded,
            )
        )
        if recent or pppk:
            continue
        first = max(p.hired_on.year + 4, world.year - 4)
        day = dt.date(rng.randint(first, world.year - 1), rng.choice((4, 10)), 1)
        promoted = p.rank is not p.entry_rank
        kind = ChangeKind.PROMOTION if promoted else ChangeKind.TRANSFER
        previous = _PNS_STEPS[_PNS_STEPS.index(p.rank) - 1] if promoted else p.rank
        code = "823.3" if promoted else "821.2"  # archive codes: promotion, transfer decrees
        rows.append(
            (
                world.ids.next("employment_history"),
                p.id,
                kind.value,
                day,
                p.post.id,
                p.post.unit.id,
                p.rank.value,
                True,
                None,
                p.post.unit.opd_id,
                previous.value,
                f"{code}/Kep.{rng.randint(100, 2999)}-BKPSDM/{day.year}",
                "Kenaikan pangkat reguler" if promoted else "Mutasi jabatan",
                None,
                loaded,
            )
        )
    return rows


def _role_grants(world: World) -> list[Row]:
    """HR for BKPSDM's head, the competency division and its analysts; UNIT_HEAD for service
    owners (Disdukcapil first) and every camat."""
    dewi = world.personas["dewi"]
    at = world.at(world.today.replace(month=1, day=3), 9)
    rows: list[Row] = [
        (
            world.ids.next("role_grant"),
            p.id,
            Role.HR.value,
            None,
            None if p is dewi else dewi.id,
            at,
        )
        for p in world.hr_people
    ]
    heads = [world.personas["hendra"]]
    for person in world.people:
        unit = person.post.unit
        is_agency_head = unit.opd is unit and person.post.level is L.JPT_PRATAMA
        if person is not heads[0] and (
            (is_agency_head and any(world.opd_by_code[c] is unit for c in UNIT_HEAD_AGENCIES))
            or (unit.kind is UnitKind.KECAMATAN and person.post.name.startswith("Camat"))
        ):
            heads.append(person)
    for person in heads:
        rows.append(
            (
                world.ids.next("role_grant"),
                person.id,
                Role.UNIT_HEAD.value,
                person.post.unit.id,
                dewi.id,
                at,
            )
        )
    return rows


def _acting(world: World) -> list[Row]:
    """A Plt for every vacant structural post: the holder of the nearest filled post above."""
    rows: list[Row] = []
    for post in world.posts:
        if not post.single or post.holders:
            continue
        acting = world.approver(post)
        if acting is None:
            continue
        starts = world.today - dt.timedelta(days=world.rng.randint(5, 80))
        rows.append(
            (
                world.ids.next("acting_appointment"),
                post.id,
                acting.id,
                ActingKind.PLT.value,
                starts,
                starts + dt.timedelta(days=90),
                world.at(starts, 8),
            )
        )
    return rows
