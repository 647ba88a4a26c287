"""The import report as the API shows it; both import mutations answer with it."""

from __future__ import annotations

import strawberry

from portal.imports import report as domain

ImportKind = strawberry.enum(domain.ImportKind, description="What a CSV file holds.")
ImportErrorCode = strawberry.enum(domain.ImportErrorCode, description="Why a file was refused.")


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
