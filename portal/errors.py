"""The base of every error a user can fix. Domains subclass it with their own code enums."""

from __future__ import annotations

from enum import StrEnum


class DomainError(Exception):
    """A failure the user can fix: carries a code, the offending field and a readable message."""

    def __init__(self, code: StrEnum, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class NotFoundError(Exception):
    """An object does not exist, or the caller may not know that it exists."""


class PermissionDeniedError(Exception):
    """The caller may not do this. Shown as a top-level GraphQL error, never as a payload."""
