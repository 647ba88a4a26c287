"""Completed training in the shape of SIASN's training history (riwayat diklat/kursus), as CSV.

One row per completed activity of the year: NIP, name, kind (klasikal/non-klasikal), course name,
organiser, year, completion date (dd-mm-yyyy, as SIASN writes dates), hours (JP) and certificate
number. UTF-8 with a byte-order mark so spreadsheets read the Indonesian names right; RFC 4180
(CRLF, quotes doubled). Rows are read in keyset batches (NIP, record id), so memory stays flat
whatever the size of the export.

Spreadsheet formula injection: text cells starting with ``= + - @`` (or a tab/CR) get a leading
apostrophe, so a course title like ``=HYPERLINK(...)`` is shown, never run. NIPs stay plain digits
for SIASN; in a spreadsheet, import that column as text to keep all 18 digits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator
from typing import Any

from portal.audit.service import record
from portal.db import fetch
from portal.people.models import OrgUnit
from portal.training.catalog import mode_of
from portal.training.errors import ExportError, ExportErrorCode
from portal.training.models import TrainingMode

BOM = "\ufeff"
HEADER = [
    "NIP",
    "Nama",
    "Jenis",
    "Nama Kursus/Diklat",
    "Penyelenggara",
    "Tahun",
    "Tanggal Selesai",
    "Jumlah Jam (JP)",
    "Nomor Sertifikat",
]
BATCH_SIZE = 1000
_KIND = {TrainingMode.KLASIKAL: "Klasikal", TrainingMode.NON_KLASIKAL: "Non-Klasikal"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


async def check_export(*, year: int, unit_code: str | None) -> str | None:
    """Validate the parameters; returns the unit's subtree path (None: everyone)."""
    if not 1900 <= year <= 2100:
        raise ExportError(ExportErrorCode.INVALID_YEAR, "Tahun tidak valid.", field="year")
    if not unit_code:
        return None
    unit = await OrgUnit.get_or_none(code=unit_code.strip())
    if unit is None:
        raise ExportError(
            ExportErrorCode.UNIT_NOT_FOUND, "Unit kerja tidak ditemukan.", field="unit"
        )
    return unit.path


async def log_export(
    *, actor_id: int | None, actor_label: str, year: int, unit_code: str | None
) -> None:
    """The export holds everyone's records: who took it goes in the audit trail."""
    await record(
        action="training_history.exported",
        actor_id=actor_id,
        actor_label=actor_label,
        object_type="TrainingRecord",
        after={"year": year, "unit": unit_code or None},
    )


async def training_history_rows(
    *, year: int, unit_path: str | None = None, batch_size: int = BATCH_SIZE
) -> AsyncIterator[list[list[str]]]:
    """The export's rows in batches, ordered by NIP then record."""
    last_nip, last_id = "", 0
    while True:
        params: list[Any] = [year, last_nip, last_nip, last_id]
        scope = ""
        if unit_path is not None:
            params.append(unit_path + "%")
            scope = f" AND u.path LIKE ${len(params)}"
        params.append(batch_size)
        rows = await fetch(
            f"""
            SELECT r.id, e.nip, e.name, e.front_title, e.back_title, r.method, r.title,
                   r.organiser, r.year, r.completed_on, r.jp, r.certificate_number
            FROM training_record r
            JOIN employee e ON e.id = r.employee_id
            JOIN org_unit u ON u.id = e.unit_id
            WHERE r.year = $1 AND (e.nip > $2 OR (e.nip = $3 AND r.id > $4)){scope}
            ORDER BY e.nip, r.id
            LIMIT ${len(params)}
            """,
            params,
        )
        if not rows:
            return
        yield [_row(r) for r in rows]
        last_nip, last_id = str(rows[-1]["nip"]), int(rows[-1]["id"])
        if len(rows) < batch_size:
            return


async def training_history_csv(
    *, year: int, unit_path: str | None = None, batch_size: int = BATCH_SIZE
) -> AsyncIterator[str]:
    """The CSV text in chunks: BOM and header first, then one chunk per batch."""
    yield BOM + _lines([HEADER])
    async for batch in training_history_rows(year=year, unit_path=unit_path, batch_size=batch_size):
        yield _lines(batch)


def _lines(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _row(r: dict[str, Any]) -> list[str]:
    name = f"{r['front_title'] or ''} {r['name']}".strip()
    if r["back_title"]:
        name = f"{name}, {r['back_title']}"
    return [
        str(r["nip"]),
        _cell(name),
        _KIND[mode_of(r["method"])],
        _cell(r["title"]),
        _cell(r["organiser"]),
        str(r["year"]),
        f"{_date(r['completed_on']):%d-%m-%Y}",
        str(r["jp"]),
        _cell(r["certificate_number"] or ""),
    ]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _date(value: Any) -> dt.date:
    """PostgreSQL returns a date; SQLite the ISO text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
