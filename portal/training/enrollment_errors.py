"""Typed errors of the enrollment flow."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class EnrollmentErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    SESSION_NOT_FOUND = "SESSION_NOT_FOUND"
    SESSION_CLOSED = "SESSION_CLOSED"
    DEADLINE_PASSED = "DEADLINE_PASSED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    ALREADY_REQUESTED = "ALREADY_REQUESTED"
    OWN_REQUEST = "OWN_REQUEST"
    NOT_APPROVER = "NOT_APPROVER"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    ALREADY_DECIDED = "ALREADY_DECIDED"
    SESSION_NOT_STARTED = "SESSION_NOT_STARTED"
    FEEDBACK_EXISTS = "FEEDBACK_EXISTS"
    INVALID_INPUT = "INVALID_INPUT"
    PLAN_ITEM_MISMATCH = "PLAN_ITEM_MISMATCH"


class EnrollmentError(DomainError):
    """An enrollment rule was broken."""

    def __init__(
        self, code: EnrollmentErrorCode, message: str, *, field: str | None = None
    ) -> None:
        super().__init__(code, message, field=field)
