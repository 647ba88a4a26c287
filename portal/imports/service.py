"""Running an import: validate every row, then write it all in one transaction, or nothing."""

from __future__ import annotations

import hashlib
from typing import Protocol

from portal import events
from portal.audit.service import record
from portal.db import dialect, fetch
from portal.imports.csvfile import FileTooLarge, Layout, NotText, Row, decode, read_rows
from portal.imports.report import (
    ImportErrorCode,
    ImportKind,
    ImportRejected,
    ImportReport,
    RowError,
)


class Importer(Protocol):
    layout: Layout
    created: int
    updated: int
    unchanged: int

    async def plan(self, rows: list[Row]) -> None: ...

    async def apply(self, *, actor_id: int | None) -> None: ...


def importer_for(kind: ImportKind) -> Importer:
    from portal.imports.assessments import AssessmentImporter
    from portal.imports.employees import EmployeeImporter
    from portal.imports.positions import PositionImporter
    from portal.imports.training import TrainingHistoryImporter
    from portal.imports.units import UnitImporter

    importers: dict[ImportKind, type[Importer]] = {
        ImportKind.UNITS: UnitImporter,
        ImportKind.POSITIONS: PositionImporter,
        ImportKind.EMPLOYEES: EmployeeImporter,
        ImportKind.ASSESSMENTS: AssessmentImporter,
        ImportKind.TRAINING_HISTORY: TrainingHistoryImporter,
    }
    return importers[kind]()


async def import_csv_file(
    *,
    kind: ImportKind,
    content: bytes,
    dry_run: bool = False,
    actor_id: int | None,
    actor_label: str = "",
) -> ImportReport:
    """Import a file as uploaded or read from disk; bytes that are not UTF-8 text are refused."""
    try:
        text = decode(content)
    except NotText as exc:
        report = ImportReport(
            kind=kind, dry_run=dry_run, errors=[RowError(exc.line, "", exc.reason)]
        )
        raise ImportRejected(
            ImportErrorCode.INVALID_ENCODING,
            "Berkas bukan teks CSV UTF-8; tidak ada data yang disimpan.",
            report,
        ) from None
    return await import_csv(
        kind=kind, text=text, dry_run=dry_run, actor_id=actor_id, actor_label=actor_label
    )


async def import_csv(
    *,
    kind: ImportKind,
    text: str,
    dry_run: bool = False,
    actor_id: int | None,
    actor_label: str = "",
) -> ImportReport:
    """Import a CSV file; a dry run only reports. Any bad row: ImportRejected, nothing written."""
    report = ImportReport(kind=kind, dry_run=dry_run)
    if not text.strip().removeprefix("\ufeff").strip():
        raise ImportRejected(ImportErrorCode.EMPTY_FILE, "Berkas kosong.", report)
    importer = importer_for(kind)
    try:
        rows = read_rows(text, importer.layout, report.errors)
    except FileTooLarge as exc:
        raise ImportRejected(ImportErrorCode.TOO_LARGE, str(exc), report) from None
    report.rows = len(rows)
    if any(e.row == 1 for e in report.errors):
        raise ImportRejected(
            ImportErrorCode.INVALID_HEADER, "Judul kolom tidak sesuai format impor.", report
        )
    if not rows and not report.errors:
        raise ImportRejected(ImportErrorCode.EMPTY_FILE, "Berkas tidak berisi baris data.", report)
    async with events.transaction():
        if await dialect() == "postgres":
            # The importers send the same IN (...) lookup many times; after five runs PostgreSQL
            # would switch to a generic plan that is many times slower for long lists.
            await fetch("SET LOCAL plan_cache_mode = force_custom_plan")
        await importer.plan(rows)
        report.created, report.updated = importer.created, importer.updated
        report.unchanged = importer.unchanged
        if report.errors:
            raise ImportRejected(
                ImportErrorCode.INVALID_ROWS,
                f"Ada {report.error_count} masalah pada berkas; tidak ada data yang disimpan.",
                report,
            )
        if dry_run:
            return report
        await importer.apply(actor_id=actor_id)
        await record(
            action=f"import.{kind.value}",
            actor_id=actor_id,
            actor_label=actor_label,
            object_type="Import",
            object_id=kind.value,
            after={
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            },
        )
        report.committed = True
    return report
