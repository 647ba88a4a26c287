"""Ranks (golongan/ruang for PNS, golongan I-XVII for PPPK) and position kinds (UU 5/2014)."""

from __future__ import annotations

from enum import StrEnum


class Rank(StrEnum):
    """PNS golongan/ruang (17 steps) and PPPK golongan (17 steps)."""

    I_A = "I_A"
    I_B = "I_B"
    I_C = "I_C"
    I_D = "I_D"
    II_A = "II_A"
    II_B = "II_B"
    II_C = "II_C"
    II_D = "II_D"
    III_A = "III_A"
    III_B = "III_B"
    III_C = "III_C"
    III_D = "III_D"
    IV_A = "IV_A"
    IV_B = "IV_B"
    IV_C = "IV_C"
    IV_D = "IV_D"
    IV_E = "IV_E"
    PPPK_I = "PPPK_I"
    PPPK_II = "PPPK_II"
    PPPK_III = "PPPK_III"
    PPPK_IV = "PPPK_IV"
    PPPK_V = "PPPK_V"
    PPPK_VI = "PPPK_VI"
    PPPK_VII = "PPPK_VII"
    PPPK_VIII = "PPPK_VIII"
    PPPK_IX = "PPPK_IX"
    PPPK_X = "PPPK_X"
    PPPK_XI = "PPPK_XI"
    PPPK_XII = "PPPK_XII"
    PPPK_XIII = "PPPK_XIII"
    PPPK_XIV = "PPPK_XIV"
    PPPK_XV = "PPPK_XV"
    PPPK_XVI = "PPPK_XVI"
    PPPK_XVII = "PPPK_XVII"

    @property
    def is_pppk(self) -> bool:
        return self.value.startswith("PPPK_")

    @property
    def label(self) -> str:
        """``III/a`` for PNS, ``IX`` for PPPK."""
        if self.is_pppk:
            return self.value.removeprefix("PPPK_")
        golongan, ruang = self.value.split("_")
        return f"{golongan}/{ruang.lower()}"

    @property
    def title(self) -> str:
        """The rank's name (pangkat), e.g. ``Penata Muda``."""
        return RANK_TITLES.get(self, f"Golongan {self.label}")

    @property
    def order(self) -> int:
        return _ORDER[self]


RANK_TITLES: dict[Rank, str] = {
    Rank.I_A: "Juru Muda",
    Rank.I_B: "Juru Muda Tingkat I",
    Rank.I_C: "Juru",
    Rank.I_D: "Juru Tingkat I",
    Rank.II_A: "Pengatur Muda",
    Rank.II_B: "Pengatur Muda Tingkat I",
    Rank.II_C: "Pengatur",
    Rank.II_D: "Pengatur Tingkat I",
    Rank.III_A: "Penata Muda",
    Rank.III_B: "Penata Muda Tingkat I",
    Rank.III_C: "Penata",
    Rank.III_D: "Penata Tingkat I",
    Rank.IV_A: "Pembina",
    Rank.IV_B: "Pembina Tingkat I",
    Rank.IV_C: "Pembina Utama Muda",
    Rank.IV_D: "Pembina Utama Madya",
    Rank.IV_E: "Pembina Utama",
}
_ORDER = {rank: i for i, rank in enumerate(Rank)}


class PositionKind(StrEnum):
    """Jabatan groups of UU 5/2014."""

    JPT = "JPT"
    ADMINISTRASI = "ADMINISTRASI"
    FUNGSIONAL = "FUNGSIONAL"


class PositionLevel(StrEnum):
    """Level within a position kind."""

    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    PELAKSANA = "PELAKSANA"
    AHLI_UTAMA = "AHLI_UTAMA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_PERTAMA = "AHLI_PERTAMA"
    PENYELIA = "PENYELIA"
    MAHIR = "MAHIR"
    TERAMPIL = "TERAMPIL"
    PEMULA = "PEMULA"

    @property
    def kind(self) -> PositionKind:
        if self.value.startswith("JPT_"):
            return PositionKind.JPT
        if self in (PositionLevel.ADMINISTRATOR, PositionLevel.PENGAWAS, PositionLevel.PELAKSANA):
            return PositionKind.ADMINISTRASI
        return PositionKind.FUNGSIONAL
