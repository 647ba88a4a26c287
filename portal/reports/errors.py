"""Errors of the reports domain: what the asker can fix comes back as a typed error."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class ReportErrorCode(StrEnum):
    NO_MEASURES = "NO_MEASURES"
    UNSUPPORTED_COMBINATION = "UNSUPPORTED_COMBINATION"
    DUPLICATE = "DUPLICATE"
    INVALID_FILTER = "INVALID_FILTER"
    INVALID_SORT = "INVALID_SORT"
    INVALID_LIMIT = "INVALID_LIMIT"
    INVALID_YEAR = "INVALID_YEAR"
    INVALID_UNIT_LEVEL = "INVALID_UNIT_LEVEL"
    TOO_MANY_DIMENSIONS = "TOO_MANY_DIMENSIONS"
    TOO_SLOW = "TOO_SLOW"  # stopped by the database after PORTAL_REPORT_TIMEOUT


class ReportError(DomainError):
    """A report cannot be answered as asked."""


# SQLSTATE of a statement the server cancelled (statement_timeout, or pg_cancel_backend).
QUERY_CANCELED = "57014"


def was_cancelled(error: BaseException | None) -> bool:
    """True when the database stopped the statement (anywhere in the exception's chain)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "sqlstate", None) == QUERY_CANCELED:
            return True
        error = error.__cause__ or error.__context__
    return False


def too_slow() -> ReportError:
    return ReportError(
        ReportErrorCode.TOO_SLOW,
        "Laporan ini terlalu berat untuk dihitung sekarang. Persempit dengan filter (unit, "
        "tahun) atau kurangi pengelompokan, lalu coba lagi.",
    )
