"""What an import did, or would do, and what was wrong with the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from portal.errors import DomainError

MAX_LISTED_ERRORS = 1000


class ImportKind(StrEnum):
    """What a CSV file holds; the value is the CLI's spelling (``portal import units FILE``)."""

    UNITS = "units"
    POSITIONS = "positions"
    EMPLOYEES = "employees"
    ASSESSMENTS = "assessments"
    TRAINING_HISTORY = "training-history"


class ImportErrorCode(StrEnum):
    INVALID_ROWS = "INVALID_ROWS"
    INVALID_HEADER = "INVALID_HEADER"
    EMPTY_FILE = "EMPTY_FILE"
    TOO_LARGE = "TOO_LARGE"
    INVALID_ENCODING = "INVALID_ENCODING"  # not UTF-8 text: a workbook, an ANSI export, binary
    NOT_A_FILE = "NOT_A_FILE"  # an upload field that carries no file part


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: the row as numbered in a spreadsheet (the header is row 1), its column, why."""

    row: int
    column: str
    reason: str


@dataclass(slots=True)
class ImportReport:
    """Counts per outcome, and the problems found (none when it committed)."""

    kind: ImportKind
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def listed_errors(self) -> list[RowError]:
        """The first errors, in row order (a file can have thousands)."""
        return sorted(self.errors, key=lambda e: (e.row, e.column))[:MAX_LISTED_ERRORS]

    def summary(self) -> str:
        state = "committed" if self.committed else ("dry run" if self.dry_run else "not written")
        return (
            f"{self.kind.value}: {self.rows} rows read, {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.error_count} errors "
            f"({state})"
        )


class ImportRejected(DomainError):
    """The file cannot be imported; nothing was written. ``report`` lists every problem."""

    def __init__(self, code: ImportErrorCode, message: str, report: ImportReport) -> None:
        super().__init__(code, message, field="csv")
        self.report = report
