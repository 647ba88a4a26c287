"""Generated CSV files for import tests and the timing benchmark."""

from __future__ import annotations

import datetime as dt

RANKS = ("II/c", "III/a", "III/b", "III/c", "III/d", "IV/a")


def employee_nip(i: int) -> str:
    """A valid, unique PNS NIP for row ``i`` (0 <= i < 999 * 12 * 28 * 40)."""
    birth = dt.date(1970 + (i // 9000) % 30, 1 + (i // 750) % 12, 1 + (i // 27) % 28)
    sex = 1 + i % 2
    return f"{birth:%Y%m%d}{birth.year + 24}{1 + i % 12:02d}{sex}{1 + i % 999:03d}"


def employees_csv(
    count: int, *, unit_code: str, position_code: str = "", start: int = 0, rank_shift: int = 0
) -> str:
    lines = ["nip,employment_type,name,front_title,back_title,rank,unit_code,position_code,email"]
    for i in range(start, start + count):
        lines.append(
            f"{employee_nip(i)},PNS,Pegawai {i:05d},,S.Kom.,{RANKS[(i + rank_shift) % len(RANKS)]},"
            f"{unit_code},{position_code},pegawai{i}@tangsel.go.id"
        )
    return "\n".join(lines) + "\n"
