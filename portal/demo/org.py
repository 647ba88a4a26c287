"""Build the unit tree and the positions (supervision tree) of Pemerintah Kota Tangerang Selatan.

The shape grows with the data set: a small one keeps the first division and section of each
agency, a Tangsel-sized one (~10,000 employees) has them all, and schools, puskesmas and
kelurahan scale with the headcount so a 100,000-employee benchmark is a province-sized tree
rather than a handful of overcrowded positions.
"""

from __future__ import annotations

import re

from portal.demo.jobs import SECRETARIAT_STAFF, STRUCTURAL, Job
from portal.demo.jobs_sector import JOBS
from portal.demo.structure import (
    AGENCIES,
    ASSISTANTS,
    KECAMATAN,
    KECAMATAN_SECTIONS,
    KELURAHAN_STAFF,
    PUSKESMAS,
    PUSKESMAS_STAFF,
    SCHOOL_STAFF,
    SECRETARIAT_SECTIONS,
    Agency,
    Division,
)
from portal.demo.world import Post, Unit, World
from portal.people.models import UnitKind
from portal.people.ranks import PositionLevel

ROOT_CODE = "3674"  # BPS code of Kota Tangerang Selatan
_PREFIX = re.compile(r"^(Seksi|Subbidang|Subbagian|Bidang|Bagian|Kelurahan|Kecamatan) ")
_SECRETARIAT_TECHS = (("T.SDM.01", "T.ADM.02"), ("T.REN.01", "T.KEU.01"))


def topic_of(name: str) -> str:
    """``Seksi Identitas Penduduk`` -> ``identitas penduduk`` (acronyms keep their case)."""
    words = _PREFIX.sub("", name).split()
    return " ".join(w if w.isupper() else w.lower() for w in words)


class OrgBuilder:
    """Creates units and posts in tree order, so every parent has a smaller id than its children."""

    def __init__(self, world: World) -> None:
        self.world = world
        n = world.employees
        self.divisions = 1 if n < 1000 else 2 if n < 5000 else None
        self.sections = 1 if n < 1000 else None
        self.kasubbag = 1 if n < 1000 else 2
        self._post_counter: dict[int, int] = {}

    def unit(
        self,
        code: str,
        name: str,
        kind: UnitKind,
        parent: Unit | None,
        sector: str,
        short: str = "",
    ) -> Unit:
        world = self.world
        uid = world.ids.next("org_unit")
        path = f"{parent.path}{uid}/" if parent else f"/{uid}/"
        unit = Unit(uid, code, name, short or _short(name), kind, parent, path, sector)
        # The OPD (or kecamatan) a unit belongs to: itself right under the root, else its parent's.
        if parent is not None:
            unit.opd = unit if parent.parent is None else parent.opd
        world.units.append(unit)
        return unit

    def post(
        self,
        unit: Unit,
        name: str,
        job: Job,
        parent: Post | None,
        *,
        single: bool,
        topic: str = "",
        techs: tuple[str, ...] = (),
        level: PositionLevel | None = None,
        grade: int = 0,
    ) -> Post:
        count = self._post_counter.get(unit.id, 0) + 1
        self._post_counter[unit.id] = count
        post = Post(
            id=self.world.ids.next("position"),
            code=f"{unit.code}-{count:02d}",
            name=name,
            level=level or job.level,
            unit=unit,
            parent=parent,
            grade=grade or job.grade,
            job=job,
            single=single,
            topic=topic or topic_of(unit.name),
            techs=(techs or job.techs)[:3],
        )
        self.world.posts.append(post)
        return post

    def staff(self, unit: Unit, keys: tuple[str, ...], parent: Post) -> None:
        for key in dict.fromkeys(keys):  # one row per job and unit, holders share it
            job = JOBS[key]
            self.post(unit, job.name, job, parent, single=False, topic=topic_of(parent.name))

    def build(self) -> None:
        world = self.world
        root = self.unit(
            ROOT_CODE,
            "Pemerintah Kota Tangerang Selatan",
            UnitKind.PEMDA,
            None,
            "pem",
            "Pemkot Tangsel",
        )
        sekda = self._setda(root)
        for agency in AGENCIES:
            self._agency(root, agency, sekda)
        self._kecamatan(root, sekda)
        world.opd_by_code["PEMDA"] = root

    def _setda(self, root: Unit) -> Post:
        setda = self.unit(
            f"{ROOT_CODE}.SETDA", "Sekretariat Daerah", UnitKind.SETDA, root, "adm", "Setda"
        )
        self.world.opd_by_code["SETDA"] = setda
        sekda = self.post(
            setda,
            "Sekretaris Daerah",
            STRUCTURAL["sekda"],
            None,
            single=True,
            topic="tata kelola pemerintahan daerah",
            techs=("T.REN.01", "T.KEU.01"),
        )
        for a, (name, topic, bagian) in enumerate(ASSISTANTS, start=1):
            assistant = self.post(
                setda,
                name,
                STRUCTURAL["asisten"],
                sekda,
                single=True,
                topic=topic,
                techs=bagian[0].techs,
            )
            for b, division in enumerate(bagian[: self.divisions], start=1):
                self._division(setda, f"{setda.code}.A{a}B{b}", division, assistant)
        return sekda

    def _agency(self, root: Unit, agency: Agency, sekda: Post) -> None:
        unit = self.unit(
            f"{ROOT_CODE}.{agency.code}",
            agency.name,
            agency.kind,
            root,
            agency.sector,
            agency.short,
        )
        self.world.opd_by_code[agency.code] = unit
        techs = tuple(dict.fromkeys(d.techs[0] for d in agency.divisions[:2]))
        head = self.post(
            unit,
            agency.head or f"Kepala {agency.name}",
            STRUCTURAL["kepala"],
            sekda,
            single=True,
            topic=agency.topic,
            techs=techs,
        )
        self._secretariat(unit, agency, head)
        heads = [
            self._division(unit, f"{unit.code}.B{i}", division, head)
            for i, division in enumerate(agency.divisions[: self.divisions], start=1)
        ]
        if agency.code == "DINKES":
            self._puskesmas(unit, head)
        if agency.code == "DIKBUD":
            self._schools(unit, heads[0], heads[1] if len(heads) > 1 else head)

    def _secretariat(self, agency_unit: Unit, agency: Agency, head: Post) -> None:
        unit_name, head_title = agency.secretariat
        unit = self.unit(
            f"{agency_unit.code}.SET",
            f"{unit_name} {agency.name}",
            UnitKind.BAGIAN,
            agency_unit,
            agency_unit.sector,
            f"{unit_name} {agency.short}",
        )
        secretary = self.post(
            unit,
            f"{head_title} {agency.name}",
            STRUCTURAL["sekretaris"],
            head,
            single=True,
            topic=f"kesekretariatan {agency.short}",
            techs=("T.REN.01", "T.SDM.01"),
        )
        sections = zip(SECRETARIAT_SECTIONS, SECRETARIAT_STAFF, _SECRETARIAT_TECHS, strict=True)
        for name, staff, techs in list(sections)[: self.kasubbag]:
            chief = self.post(
                unit,
                f"Kepala {name}",
                STRUCTURAL["kasi"],
                secretary,
                single=True,
                topic=topic_of(name),
                techs=techs,
            )
            self.staff(unit, staff, chief)

    def _division(self, parent_unit: Unit, code: str, division: Division, boss: Post) -> Post:
        kind = UnitKind.BAGIAN if division.name.startswith("Bagian") else UnitKind.BIDANG
        unit = self.unit(code, division.name, kind, parent_unit, parent_unit.sector)
        head = self.post(
            unit,
            division.head or f"Kepala {division.name}",
            STRUCTURAL["kabid"],
            boss,
            single=True,
            techs=division.techs,
        )
        for section in division.sections[: self.sections]:
            chief = self.post(
                unit,
                f"Kepala {section.name}",
                STRUCTURAL["kasi"],
                head,
                single=True,
                topic=topic_of(section.name),
                techs=division.techs,
            )
            self.staff(unit, section.staff, chief)
        if division.staff:
            self.staff(unit, division.staff, head)
        return head

    def _puskesmas(self, dinkes: Unit, head: Post) -> None:
        count = max(2, self.world.employees // 300)
        places = tuple(k for _, _, kel in KECAMATAN for k in kel if k not in PUSKESMAS)
        for i, name in enumerate(_names(PUSKESMAS + places, count), start=1):
            unit = self.unit(
                f"{dinkes.code}.PKM{i:03d}", f"Puskesmas {name}", UnitKind.PUSKESMAS, dinkes, "kes"
            )
            chief = self.post(
                unit, f"Kepala Puskesmas {name}", STRUCTURAL["kapus"], head, single=True
            )
            self.staff(unit, PUSKESMAS_STAFF, chief)

    def _schools(self, dikbud: Unit, sd_head: Post, smp_head: Post) -> None:
        total = max(2, self.world.employees // 62)
        smp = max(1, total // 6)
        places = [kel for _, _, kelurahan in KECAMATAN for kel in kelurahan]
        names = [(f"SMP Negeri {i} Tangerang Selatan", smp_head) for i in range(1, smp + 1)]
        names += [
            (f"SD Negeri {places[i % len(places)]} {1 + i // len(places)}", sd_head)
            for i in range(total - smp)
        ]
        for i, (name, boss) in enumerate(names, start=1):
            unit = self.unit(f"{dikbud.code}.S{i:04d}", name, UnitKind.SEKOLAH, dikbud, "dik")
            chief = self.post(
                unit,
                f"Kepala {name}",
                STRUCTURAL["kepsek"],
                boss,
                single=True,
                topic=f"pendidikan di {name}",
            )
            self.staff(unit, SCHOOL_STAFF, chief)

    def _kecamatan(self, root: Unit, sekda: Post) -> None:
        wanted = min(sum(len(k) for _, _, k in KECAMATAN), max(7, self.world.employees // 100))
        kept = _round_robin([k for _, _, k in KECAMATAN], wanted)
        pem = ("T.PEM.01", "T.PEM.02")
        for (bps, name, _), kelurahan in zip(KECAMATAN, kept, strict=True):
            unit = self.unit(
                f"{ROOT_CODE}.{bps}",
                f"Kecamatan {name}",
                UnitKind.KECAMATAN,
                root,
                "pem",
                f"Kec. {name}",
            )
            camat = self.post(
                unit,
                f"Camat {name}",
                STRUCTURAL["camat"],
                sekda,
                single=True,
                topic=f"pemerintahan Kecamatan {name}",
                techs=pem,
            )
            self.post(
                unit,
                f"Sekretaris Kecamatan {name}",
                STRUCTURAL["sekretaris"],
                camat,
                single=True,
                topic=f"kesekretariatan Kecamatan {name}",
                techs=pem,
                grade=11,
            )
            for section in KECAMATAN_SECTIONS[: self.sections]:
                chief = self.post(
                    unit,
                    f"Kepala {section.name}",
                    STRUCTURAL["kasi"],
                    camat,
                    single=True,
                    topic=topic_of(section.name),
                    techs=pem,
                )
                self.staff(unit, section.staff, chief)
            for i, kel in enumerate(kelurahan, start=1):
                self._kelurahan(unit, f"{unit.code}.{i:02d}", kel, camat)

    def _kelurahan(self, kecamatan: Unit, code: str, name: str, camat: Post) -> None:
        unit = self.unit(
            code, f"Kelurahan {name}", UnitKind.KELURAHAN, kecamatan, "pem", f"Kel. {name}"
        )
        pem = ("T.PEM.01", "T.PEM.02")
        lurah = self.post(
            unit,
            f"Lurah {name}",
            STRUCTURAL["lurah"],
            camat,
            single=True,
            topic=f"pemerintahan Kelurahan {name}",
            techs=pem,
        )
        secretary = self.post(
            unit,
            f"Sekretaris Kelurahan {name}",
            STRUCTURAL["kasi"],
            lurah,
            single=True,
            topic=f"administrasi Kelurahan {name}",
            techs=pem,
            grade=8,
        )
        self.staff(unit, KELURAHAN_STAFF, secretary)


def _short(name: str) -> str:
    short = (
        name.replace("Inspektorat Pembantu Wilayah", "Irban")
        .replace("Subbidang ", "Subbid. ")
        .replace("Bidang ", "Bid. ")
        .replace("Bagian ", "Bag. ")
        .replace("Sekolah Menengah Pertama", "SMP")
        .replace("Sekolah Dasar", "SD")
    )
    return short if len(short) <= 60 else short[:57].rstrip() + "..."


def _names(known: tuple[str, ...], count: int) -> list[str]:
    """``count`` names: the real ones first, then numbered extras for benchmark-sized sets."""
    names = list(known[:count])
    extra = 2
    while len(names) < count:
        names.extend(f"{n} {extra}" for n in known[: count - len(names)])
        extra += 1
    return names


def _round_robin(groups: list[tuple[str, ...]], wanted: int) -> list[list[str]]:
    """Take ``wanted`` items from the groups, one from each in turn, keeping each group's order."""
    kept: list[list[str]] = [[] for _ in groups]
    depth = 0
    while sum(map(len, kept)) < wanted:
        for i, group in enumerate(groups):
            if depth < len(group) and sum(map(len, kept)) < wanted:
                kept[i].append(group[depth])
        depth += 1
    return kept
