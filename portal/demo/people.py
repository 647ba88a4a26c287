"""One person for a post: gender, name, titles, age, NIP or NI PPPK, and a rank that fits."""

from __future__ import annotations

import datetime as dt

from portal.demo.jobs import HEALTH_LEADER_TITLES
from portal.demo.names import NameMaker
from portal.demo.world import Person, Post, World
from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import PositionLevel as L
from portal.people.ranks import Rank

_PNS_RANKS = [r for r in Rank if not r.is_pppk]

# Age range (years) of people holding a post of this level.
AGES: dict[L, tuple[int, int]] = {
    L.JPT_UTAMA: (50, 59), L.JPT_MADYA: (48, 59), L.JPT_PRATAMA: (45, 58),
    L.ADMINISTRATOR: (40, 57), L.PENGAWAS: (33, 56), L.PELAKSANA: (21, 57),
    L.AHLI_UTAMA: (50, 64), L.AHLI_MADYA: (42, 59), L.AHLI_MUDA: (33, 57),
    L.AHLI_PERTAMA: (24, 45), L.PENYELIA: (38, 57), L.MAHIR: (30, 55), L.TERAMPIL: (23, 52),
    L.PEMULA: (20, 40),
}  # fmt: skip
# Lowest and highest PNS rank for a level (pelaksana depends on schooling, see RANK_BY_SCHOOL).
RANK_BANDS: dict[L, tuple[Rank, Rank]] = {
    L.JPT_UTAMA: (Rank.IV_D, Rank.IV_E), L.JPT_MADYA: (Rank.IV_C, Rank.IV_E),
    L.JPT_PRATAMA: (Rank.IV_B, Rank.IV_D), L.ADMINISTRATOR: (Rank.III_D, Rank.IV_B),
    L.PENGAWAS: (Rank.III_B, Rank.III_D), L.AHLI_UTAMA: (Rank.IV_D, Rank.IV_E),
    L.AHLI_MADYA: (Rank.IV_A, Rank.IV_C), L.AHLI_MUDA: (Rank.III_C, Rank.III_D),
    L.AHLI_PERTAMA: (Rank.III_A, Rank.III_B), L.PENYELIA: (Rank.III_C, Rank.III_D),
    L.MAHIR: (Rank.III_A, Rank.III_B), L.TERAMPIL: (Rank.II_C, Rank.II_D),
    L.PEMULA: (Rank.II_A, Rank.II_B),
}  # fmt: skip
# Schooling: (entry rank, highest pelaksana rank, age range at TMT CPNS).
SCHOOLING: dict[str, tuple[Rank, Rank, tuple[int, int]]] = {
    "SMA": (Rank.II_A, Rank.III_B, (20, 28)),
    "D3": (Rank.II_C, Rank.III_C, (21, 30)),
    "S1": (Rank.III_A, Rank.III_D, (23, 32)),
    "S2": (Rank.III_B, Rank.IV_A, (25, 35)),
}
PPPK_RANKS: dict[L, Rank] = {
    L.AHLI_PERTAMA: Rank.PPPK_IX, L.AHLI_MUDA: Rank.PPPK_XI, L.AHLI_MADYA: Rank.PPPK_XIII,
    L.TERAMPIL: Rank.PPPK_VII, L.MAHIR: Rank.PPPK_VIII, L.PENYELIA: Rank.PPPK_IX,
    L.PEMULA: Rank.PPPK_V,
}  # fmt: skip
PPPK_PELAKSANA = {"SMA": Rank.PPPK_V, "D3": Rank.PPPK_VII, "S1": Rank.PPPK_IX, "S2": Rank.PPPK_X}


def schooling(front: str, back: str) -> str:
    """Highest schooling implied by academic titles."""
    if "M." in back or "Sp." in back or front.startswith("Dr."):
        return "S2"
    if "A.Md" in back:
        return "D3"
    if back or front:
        return "S1"
    return "SMA"


class PersonMaker:
    """Creates people; keeps NIPs unique across PNS and PPPK."""

    def __init__(self, world: World, names: NameMaker) -> None:
        self.world = world
        self.names = names
        self.nips: set[str] = set()

    def make(self, post: Post) -> Person:
        """A generated person who plausibly holds ``post``."""
        rng = self.world.rng
        job = post.job
        pppk = not post.single and rng.random() < job.pppk
        gender = Gender.FEMALE if rng.random() < job.female else Gender.MALE
        titles = job.titles
        if post.single and post.unit.sector == "kes" and rng.random() < 0.6:
            titles = HEALTH_LEADER_TITLES
        front, back = (t.strip() for t in rng.choice(titles))
        school = schooling(front, back)
        if pppk:
            birth, nip = self._pppk_number(gender)
            rank = entry = PPPK_RANKS.get(post.level) or PPPK_PELAKSANA[school]
            hired = dt.date(int(nip[8:12]), 3, 1)  # PPPK contracts start in March here
        else:
            birth, nip = self._pns_number(post.level, school, gender)
            hired = dt.date(int(nip[8:12]), int(nip[12:14]), 1)
            rank = self._pns_rank(post.level, school, self.world.year - hired.year)
            entry = min(SCHOOLING[school][0], rank, key=_PNS_RANKS.index)
        age = self.world.year - birth.year
        name = self.names.name(gender, older=age > 50)
        return Person(
            id=self.world.ids.next("employee"),
            nip=nip,
            name=name,
            front_title=front,
            back_title=back,
            employment_type=EmploymentType.PPPK if pppk else EmploymentType.PNS,
            gender=gender,
            birth_date=birth,
            rank=rank,
            post=post,
            email=self.names.email(name),
            phone=self.names.phone(),
            hired_on=hired,
            entry_rank=entry,
        )

    def claim(self, nip: str) -> None:
        """Reserve a fixed NIP (a persona's)."""
        self.nips.add(nip)

    def _pns_number(self, level: L, school: str, gender: Gender) -> tuple[dt.date, str]:
        """Birth date and NIP: TMT CPNS at 20-35, at least a year ago."""
        rng = self.world.rng
        today = self.world.today
        low, high = AGES[level]
        entry_low, entry_high = SCHOOLING[school][2]
        low = max(low, entry_low + 1)
        while True:
            birth = self._birth(low, high)
            entry_age = rng.randint(entry_low, entry_high)
            tmt_year = birth.year + entry_age
            tmt_month = rng.randint(1, 12)
            if (tmt_year, tmt_month) <= (today.year - 1, today.month) and tmt_year >= 1980:
                break
        sex = "1" if gender is Gender.MALE else "2"
        return birth, self._unique(f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{sex}")

    def _pppk_number(self, gender: Gender) -> tuple[dt.date, str]:
        """NI PPPK: birth date, appointment year, "21" where a NIP has its month, sex, sequence.

        No month is 21, so an NI PPPK can never equal a PNS NIP.
        """
        rng = self.world.rng
        birth = self._birth(26, 56)
        latest = self.world.year if self.world.today.month > 3 else self.world.year - 1
        year = rng.randint(max(2019, min(latest, birth.year + 20)), latest)
        sex = "1" if gender is Gender.MALE else "2"
        return birth, self._unique(f"{birth:%Y%m%d}{year:04d}21{sex}")

    def _birth(self, low: int, high: int) -> dt.date:
        age_days = self.world.rng.randint(low * 365 + 1, high * 365 + 300)
        return self.world.today - dt.timedelta(days=age_days)

    def _unique(self, prefix: str) -> str:
        """The prefix with the first free sequence number; real ones are mostly small."""
        sequence = self.world.rng.randint(1, 4)
        while f"{prefix}{sequence:03d}" in self.nips:
            sequence += 1
        if sequence > 999:
            raise RuntimeError(f"no free NIP sequence for {prefix}")
        nip = f"{prefix}{sequence:03d}"
        self.nips.add(nip)
        return nip

    def _pns_rank(self, level: L, school: str, service: int) -> Rank:
        """Entry rank by schooling, one step every four years, kept within the post's band."""
        entry, pelaksana_top, _ = SCHOOLING[school]
        low, high = RANK_BANDS.get(level, (entry, pelaksana_top))
        step = _PNS_RANKS.index(entry) + service // 4
        step = min(max(step, _PNS_RANKS.index(low)), _PNS_RANKS.index(high))
        return _PNS_RANKS[step]
