"""``importData``: HR sends a CSV file's content; the answer is the row-by-row report."""

from __future__ import annotations

from typing import Annotated

import strawberry

from portal.graphql.context import Info
from portal.graphql.payloads import camel_path, payload, result_union
from portal.graphql.permissions import IsHR, require_principal
from portal.imports import report as domain
from portal.imports.service import import_csv

ImportKind = strawberry.enum(domain.ImportKind, description="What a CSV file holds.")
ImportErrorCode = strawberry.enum(domain.ImportErrorCode, description="Why a file was refused.")


@strawberry.input(description="A CSV file to import (layouts: docs/import.md).")
class ImportDataInput:
    kind: ImportKind = strawberry.field(description="What the file holds.")
    csv: str = strawberry.field(
        description="The file's content: UTF-8 text, comma- or semicolon-separated, header first."
    )
    dry_run: bool = strawberry.field(
        default=False, description="Only report what would happen; write nothing."
    )


@strawberry.type(description="One problem of a file.")
class ImportRowError:
    row: int = strawberry.field(description="Row as numbered in a spreadsheet (header is row 1).")
    column: str = strawberry.field(description="Column at fault (empty for the whole row).")
    reason: str = strawberry.field(description="What is wrong (Indonesian).")


@strawberry.type(description="What an import did, or would do.")
class ImportReport:
    kind: ImportKind = strawberry.field(description="What the file holds.")
    dry_run: bool = strawberry.field(description="Nothing was meant to be written.")
    committed: bool = strawberry.field(description="The rows were written.")
    rows: int = strawberry.field(description="Data rows read.")
    created: int = strawberry.field(description="Rows that are (or would be) new.")
    updated: int = strawberry.field(description="Rows that change (or would change) a record.")
    unchanged: int = strawberry.field(description="Rows equal to what is stored.")
    error_count: int = strawberry.field(description="Problems found in all.")
    errors: list[ImportRowError] = strawberry.field(
        description="Problems in row order (the first 1,000)."
    )

    @classmethod
    def of(cls, report: domain.ImportReport) -> ImportReport:
        return cls(
            kind=report.kind,
            dry_run=report.dry_run,
            committed=report.committed,
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            error_count=report.error_count,
            errors=[
                ImportRowError(row=e.row, column=e.column, reason=e.reason)
                for e in report.listed_errors()
            ],
        )


@strawberry.type(description="The file was imported, or passed its dry run.")
class ImportDataSuccess:
    report: ImportReport = strawberry.field(description="What happened, or would.")


@strawberry.type(description="Why the file was refused; nothing was written.")
class ImportDataError:
    code: ImportErrorCode = strawberry.field(description="What went wrong, as a stable code.")
    field: str | None = strawberry.field(description="The input field at fault (`csv`).")
    message: str = strawberry.field(description="What went wrong, for people (Indonesian).")
    report: ImportReport = strawberry.field(description="Every problem, by row and column.")

    @classmethod
    def of(cls, rejected: domain.ImportRejected) -> ImportDataError:
        return cls(
            code=ImportErrorCode(str(rejected.code)),
            field=camel_path(rejected.field),
            message=rejected.message,
            report=ImportReport.of(rejected.report),
        )


ImportDataResult = Annotated[ImportDataSuccess | ImportDataError, result_union("ImportDataResult")]


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        description="Import units, positions, employees, assessments or training history from "
        "CSV: all rows or none, with a dry run (HR).",
        permission_classes=[IsHR],
    )
    async def import_data(self, info: Info, input: ImportDataInput) -> ImportDataResult:
        work = import_csv(
            kind=domain.ImportKind(input.kind),
            text=input.csv,
            dry_run=input.dry_run,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(
            work, ImportDataError, lambda report: ImportDataSuccess(report=ImportReport.of(report))
        )
