"""Typed errors of the survey: what a citizen, a unit or HR can fix."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class SurveyErrorCode(StrEnum):
    SERVICE_NOT_FOUND = "SERVICE_NOT_FOUND"
    SERVICE_CLOSED = "SERVICE_CLOSED"
    INVALID_ANSWERS = "INVALID_ANSWERS"
    SUGGESTION_TOO_LONG = "SUGGESTION_TOO_LONG"
    TOKEN_REQUIRED = "TOKEN_REQUIRED"
    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_USED = "TOKEN_USED"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    RATE_LIMITED = "RATE_LIMITED"
    INVALID_COUNT = "INVALID_COUNT"
    INVALID_NAME = "INVALID_NAME"
    INVALID_CODE = "INVALID_CODE"
    CODE_TAKEN = "CODE_TAKEN"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    INVALID_PERIOD = "INVALID_PERIOD"


class SurveyError(DomainError):
    """A survey rule was broken; nothing was stored."""

    def __init__(self, code: SurveyErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(code, message, field=field)


class FollowUpErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    SERVICE_NOT_FOUND = "SERVICE_NOT_FOUND"
    OWNER_NOT_FOUND = "OWNER_NOT_FOUND"
    INVALID_TITLE = "INVALID_TITLE"
    INVALID_TEXT = "INVALID_TEXT"
    INVALID_ELEMENT = "INVALID_ELEMENT"
    INVALID_DUE_DATE = "INVALID_DUE_DATE"
    INVALID_RESPONSES = "INVALID_RESPONSES"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    EVIDENCE_REQUIRED = "EVIDENCE_REQUIRED"
    CONFLICT = "CONFLICT"


class FollowUpError(DomainError):
    """A follow-up action rule was broken; nothing was changed."""

    def __init__(self, code: FollowUpErrorCode, message: str, field: str | None = None) -> None:
        super().__init__(code, message, field=field)
