"""Errors the people domain reports to callers."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class PeopleErrorCode(StrEnum):
    INVALID_NIP = "INVALID_NIP"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE_NIP = "DUPLICATE_NIP"
    INVALID_RANK = "INVALID_RANK"


class PeopleError(DomainError):
    """A people-domain rule was broken."""
