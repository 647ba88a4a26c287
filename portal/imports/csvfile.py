"""Reading a CSV file into rows whose cells parse to typed values, collecting every problem."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from portal.imports.report import RowError

E = TypeVar("E", bound=StrEnum)
MAX_ROWS = 100_000
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


class FileTooLarge(Exception):
    """More rows than one import takes."""


class NotText(Exception):
    """The bytes are not a UTF-8 text file; ``line`` is the line of the first bad byte."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods workbooks are zip files


def decode(content: bytes) -> str:
    """A file's text: UTF-8 with or without a BOM; other encodings and binary files refused.

    Decoding strictly (never ``errors="replace"``) keeps a Windows-1252 file from loading names
    with replacement characters in them; NUL is refused because PostgreSQL cannot store it.
    """
    body = content.removeprefix(codecs.BOM_UTF8)
    if body.startswith(_ZIP_MAGIC):
        raise NotText(1, 'berkas Excel/ODS, bukan CSV; simpan sebagai "CSV UTF-8"')
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise NotText(line, 'bukan teks UTF-8; simpan ulang sebagai "CSV UTF-8"') from None
    nul = text.find("\x00")
    if nul >= 0:
        raise NotText(text.count("\n", 0, nul) + 1, "berisi karakter NUL; bukan berkas teks")
    return text


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns a kind of file has: required ones must be present, others may be."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


class Row:
    """One data row; typed getters record a problem and return None instead of raising."""

    def __init__(self, number: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.number = number
        self.cells = cells
        self._errors = errors
        self.ok = True

    def error(self, column: str, reason: str) -> None:
        self.ok = False
        self._errors.append(RowError(self.number, column, reason))

    def has(self, column: str) -> bool:
        """The file has this column (an empty cell still counts)."""
        return column in self.cells

    def text(self, column: str, *, required: bool = False, max_length: int = 255) -> str:
        value = " ".join(self.cells.get(column, "").split())
        if required and not value:
            self.error(column, "wajib diisi")
        elif len(value) > max_length:
            self.error(column, f"paling panjang {max_length} karakter")
        return value

    def integer(self, column: str, *, required: bool = True) -> int | None:
        raw = self.cells.get(column, "").strip()
        if not raw:
            if required:
                self.error(column, "wajib diisi")
            return None
        try:
            return int(raw)
        except ValueError:
            self.error(column, f"bukan bilangan bulat: {raw!r}")
            return None

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        raw = self.cells.get(column, "").strip()
        if not raw:
            if required:
                self.error(column, "wajib diisi")
            return None
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
        self.error(column, f"tanggal tidak valid (pakai YYYY-MM-DD): {raw!r}")
        return None

    def choice(self, column: str, enum: type[E], *, default: E | None = None) -> E | None:
        """An enum member by name, case-insensitive; spaces and dashes count as underscores."""
        raw = self.cells.get(column, "").strip()
        if not raw:
            if default is None:
                self.error(column, "wajib diisi")
            return default
        key = raw.upper().replace("-", "_").replace(" ", "_")
        for member in enum:
            if key in (member.name, member.value.upper()):
                return member
        allowed = ", ".join(m.name for m in enum)
        self.error(column, f"nilai tidak dikenal {raw!r}; pilih salah satu: {allowed}")
        return None


def read_rows(text: str, layout: Layout, errors: list[RowError]) -> list[Row]:
    """Parse the file; header problems go to ``errors`` (row 1) and no rows are returned."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(records, [])]
    if not _header_ok(header, layout, errors):
        return []
    rows = []
    for number, cells in _numbered(records):
        if len(rows) >= MAX_ROWS:
            raise FileTooLarge(
                f"Berkas lebih dari {MAX_ROWS} baris data; pecah menjadi beberapa berkas."
            )
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(RowError(number, "", "jumlah kolom lebih banyak dari judul kolom"))
            continue
        rows.append(Row(number, dict(zip(header, cells, strict=False)), errors))
    return rows


def _numbered(records: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    for index, cells in enumerate(records):
        yield index + 2, cells


def _header_ok(header: list[str], layout: Layout, errors: list[RowError]) -> bool:
    ok = True
    if not any(header):
        errors.append(RowError(1, "", "berkas kosong atau tanpa judul kolom"))
        return False
    for name in layout.required:
        if name not in header:
            errors.append(RowError(1, name, "kolom wajib tidak ada"))
            ok = False
    seen: set[str] = set()
    for name in header:
        if name not in layout.columns:
            known = ", ".join(layout.columns)
            errors.append(RowError(1, name, f"kolom tidak dikenal; kolom yang dikenal: {known}"))
            ok = False
        elif name in seen:
            errors.append(RowError(1, name, "kolom disebut lebih dari sekali"))
            ok = False
        seen.add(name)
    return ok


def chunks(items: list, size: int = 900) -> Iterator[list]:  # type: ignore[type-arg]
    """Slices small enough for SQLite's limit on bound parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
