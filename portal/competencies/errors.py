"""Errors of the competency domain."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class CompetencyErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_LEVEL = "INVALID_LEVEL"


class CompetencyError(DomainError):
    """A competency rule was broken."""
