"""Typed errors of the duties and SKP workflow."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class SkpErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    NOT_ALLOWED = "NOT_ALLOWED"
    INVALID_STATE = "INVALID_STATE"
    CASCADE_REQUIRED = "CASCADE_REQUIRED"
    INVALID_PARENT = "INVALID_PARENT"
    INVALID_INPUT = "INVALID_INPUT"
    PERIOD_NOT_STARTED = "PERIOD_NOT_STARTED"
    EMPTY_PLAN = "EMPTY_PLAN"
    HAS_CASCADED_RESULTS = "HAS_CASCADED_RESULTS"
    HAS_REALISATIONS = "HAS_REALISATIONS"


class SkpError(DomainError):
    """An SKP rule was broken."""

    def __init__(self, code: SkpErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(code, message, field=field)
