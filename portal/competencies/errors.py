"""Errors of the competency domain."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class CompetencyErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_LEVEL = "INVALID_LEVEL"
    # Dictionary, requirements and assessments (HR).
    INVALID_VALUE = "INVALID_VALUE"
    DUPLICATE_CODE = "DUPLICATE_CODE"
    DUPLICATE_COMPETENCY = "DUPLICATE_COMPETENCY"
    DUPLICATE_ASSESSMENT = "DUPLICATE_ASSESSMENT"
    UNIT_NOT_ALLOWED = "UNIT_NOT_ALLOWED"
    WRONG_UNIT = "WRONG_UNIT"
    INACTIVE = "INACTIVE"
    INVALID_DATE = "INVALID_DATE"
    INVALID_NIP = "INVALID_NIP"
    EMPLOYEE_NOT_FOUND = "EMPLOYEE_NOT_FOUND"
    TOO_MANY = "TOO_MANY"


class CompetencyError(DomainError):
    """A competency rule was broken."""
