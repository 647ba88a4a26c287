"""Who holds which post: the fixed personas, their supervision lines, then everyone else.

Structural posts (one holder each) are filled first, top-down, leaving a few vacant the way real
formations are; a vacant post gets an acting (Plt) appointment of the nearest filled post above.
The rest of the headcount is spread over the staff posts by sector shares and job weights.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.demo.names import EMAIL_DOMAIN, NameMaker
from portal.demo.people import SCHOOLING, PersonMaker
from portal.demo.world import Person, Post, World
from portal.people.models import (
    UnitKind,
)
from portal.people.nip import EmploymentType, Gender, parse_nip
from portal.people.ranks import PositionLevel as L
from portal.people.ranks import Rank

MIN_EMPLOYEES = 50


@dataclass(frozen=True, slots=True)
class Persona:
    """A person the tests and docs rely on, with the post they hold."""

    key: str
    nip: str
    name: str
    back_title: str
    rank: Rank
    agency: str  # code of the OPD the post is in
    post_name: str
    parent_name: str  # the post above, to tell apart rows with the same name


PERSONAS: tuple[Persona, ...] = (
    Persona("budi", "197805102005011002", "Budi Santoso", "S.KM., M.Kes.", Rank.III_D, "DINKES",
            "Kepala Seksi Pelayanan Kesehatan Rujukan", "Kepala Bidang Pelayanan Kesehatan"),
    Persona("siti", "199203152019032001", "Siti Rahmawati", "S.Kep., Ns.", Rank.III_A, "DINKES",
            "Perawat Ahli Pertama", "Kepala Seksi Pelayanan Kesehatan Rujukan"),
    Persona("dewi", "198511202010012003", "Dewi Lestari", "S.Psi., M.Si.", Rank.III_D, "BKPSDM",
            "Analis SDM Aparatur Ahli Muda",
            "Kepala Subbidang Pengembangan Kompetensi Teknis dan Fungsional"),
    # Someone in Dinas Kesehatan outside Budi's line.
    Persona("rina", "199007142015032004", "Rina Marlina", "", Rank.II_C, "DINKES",
            "Pengadministrasi Perkantoran", "Kepala Subbagian Umum dan Kepegawaian"),
    # A supervisor in another unit, with staff of his own.
    Persona("agus", "198208172008011005", "Agus Setiawan", "S.Kom.", Rank.III_C, "DUKCAPIL",
            "Kepala Seksi Identitas Penduduk",
            "Kepala Bidang Pelayanan Pendaftaran Penduduk"),
    # Head of Disdukcapil, holds the UNIT_HEAD grant for it.
    Persona("hendra", "197309222000121001", "Hendra Gunawan", "S.STP., M.Si.", Rank.IV_B,
            "DUKCAPIL", "Kepala Dinas Kependudukan dan Pencatatan Sipil", "Sekretaris Daerah"),
)  # fmt: skip
PERSONA_BY_NIP = {p.nip: p for p in PERSONAS}

# Share of the non-structural headcount per kind of workplace, close to Tangsel's own mix.
POOL_SHARES = {"school": 0.36, "puskesmas": 0.12, "hospital": 0.10, "area": 0.10, "office": 0.32}


def staff_world(world: World) -> None:
    """Create every employee in memory, personas included."""
    if world.employees < MIN_EMPLOYEES:
        raise ValueError(f"the demo needs at least {MIN_EMPLOYEES} employees")
    names = NameMaker(world.rng)
    maker = PersonMaker(world, names)
    for persona in PERSONAS:
        names.reserve(_persona_email(persona))
        maker.claim(persona.nip)
    for persona in PERSONAS:
        post = _find_post(world, persona)
        _hold(world, _persona_person(world, persona, post))
    for post in _required_posts(world):
        _hold(world, maker.make(post))
    for post in _structural_to_fill(world):
        _hold(world, maker.make(post))
    for post in _staff_draw(world, world.employees - len(world.people)):
        _hold(world, maker.make(post))
    world.hr_people = _hr_people(world)


def _hr_people(world: World) -> list[Person]:
    """BKPSDM operators with the HR role: Dewi, the head, the competency division, analysts."""
    dewi = world.personas["dewi"]
    bkpsdm = world.opd_by_code["BKPSDM"]
    others = [
        p
        for p in world.people
        if p.post.unit.opd is bkpsdm
        and p is not dewi
        and (
            p.post.level is L.JPT_PRATAMA
            or p.post.name.startswith("Kepala Bidang Pengembangan")
            or p.post.job.key == "analis_sdm_ap"
        )
    ]
    return [dewi, *others[:4]]


def _hold(world: World, person: Person) -> None:
    person.post.holders.append(person)
    world.people.append(person)
    persona = PERSONA_BY_NIP.get(person.nip)
    if persona is not None:
        world.personas[persona.key] = person


def _find_post(world: World, persona: Persona) -> Post:
    agency = world.opd_by_code[persona.agency]
    for post in world.posts:
        if (
            post.unit.opd is agency
            and post.name == persona.post_name
            and post.parent is not None
            and post.parent.name == persona.parent_name
        ):
            return post
    raise LookupError(f"no post {persona.post_name!r} under {persona.parent_name!r}")


def _persona_email(persona: Persona) -> str:
    first, *_, last = persona.name.lower().split()
    return f"{first}.{last}@{EMAIL_DOMAIN}"


def _persona_person(world: World, persona: Persona, post: Post) -> Person:
    nip = parse_nip(persona.nip)
    entry = SCHOOLING["S1" if persona.back_title else "SMA"][0]
    return Person(
        id=world.ids.next("employee"),
        nip=persona.nip,
        name=persona.name,
        front_title="",
        back_title=persona.back_title,
        employment_type=EmploymentType.PNS,
        gender=nip.gender or Gender.FEMALE,
        birth_date=nip.birth_date,
        rank=persona.rank,
        post=post,
        email=_persona_email(persona),
        phone="081298765" + persona.nip[-3:],
        hired_on=dt.date(int(persona.nip[8:12]), int(persona.nip[12:14]), 1),
        entry_rank=entry,
    )


def _required_posts(world: World) -> list[Post]:
    """Posts that must be held for the personas' stories: their lines up to the Sekda, several
    colleagues under Budi and Agus, and BKPSDM's HR people."""
    wanted: list[Post] = []
    for person in list(world.personas.values()):
        above = person.post.parent
        while above is not None:
            wanted.append(above)
            above = above.parent
    for key in ("budi", "agus"):
        boss = world.personas[key].post
        wanted.extend(p for p in world.posts if p.parent is boss and not p.single)
    siti = world.personas["siti"].post
    wanted.append(siti)  # a colleague in the same position row
    bkpsdm = world.opd_by_code["BKPSDM"]
    wanted.extend(p for p in world.posts if p.unit.opd is bkpsdm and p.job.key == "analis_sdm_ap")
    result: list[Post] = []
    for post in dict.fromkeys(wanted):
        if not (post.single and post.holders):
            result.append(post)
    return result


def _structural_to_fill(world: World) -> list[Post]:
    """Vacant structural posts to fill, senior first; about 6% stay vacant, and structural
    holders never exceed a quarter of the headcount."""
    rng = world.rng
    singles = [p for p in world.posts if p.single]
    order = [L.JPT_PRATAMA, L.ADMINISTRATOR, L.AHLI_MADYA, L.PENGAWAS]
    vacant = sorted(
        (p for p in singles if not p.holders), key=lambda p: (order.index(p.level), rng.random())
    )
    filled = len(singles) - len(vacant)
    budget = min(round(len(singles) * 0.94), world.employees // 4) - filled
    return sorted(vacant[: max(0, budget)], key=lambda p: p.id)


def _pool(post: Post) -> str:
    kind = post.unit.kind
    if kind is UnitKind.SEKOLAH:
        return "school"
    if kind is UnitKind.PUSKESMAS:
        return "puskesmas"
    if kind in (UnitKind.KECAMATAN, UnitKind.KELURAHAN):
        return "area"
    if post.unit.opd is not None and post.unit.opd.kind is UnitKind.RSUD:
        return "hospital"
    return "office"


def _staff_draw(world: World, count: int) -> list[Post]:
    """``count`` staff posts drawn by weight: many holders share one pelaksana/fungsional row."""
    staff = [p for p in world.posts if not p.single]
    pool_weight: dict[str, float] = {}
    for post in staff:
        pool_weight[_pool(post)] = pool_weight.get(_pool(post), 0.0) + post.job.weight
    weights = [POOL_SHARES[_pool(p)] * p.job.weight / pool_weight[_pool(p)] for p in staff]
    return sorted(world.rng.choices(staff, weights=weights, k=max(0, count)), key=lambda p: p.id)
