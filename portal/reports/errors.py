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


class ReportError(DomainError):
    """A report cannot be answered as asked."""
