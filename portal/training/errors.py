"""Typed errors of the training catalog and of training plans (enrollment has its own)."""

from __future__ import annotations

from enum import StrEnum

from portal.errors import DomainError


class CatalogErrorCode(StrEnum):
    COURSE_NOT_FOUND = "COURSE_NOT_FOUND"
    COURSE_ARCHIVED = "COURSE_ARCHIVED"
    SESSION_NOT_FOUND = "SESSION_NOT_FOUND"
    CODE_TAKEN = "CODE_TAKEN"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    METHOD_MODE_MISMATCH = "METHOD_MODE_MISMATCH"
    INVALID_JP = "INVALID_JP"
    COMPETENCY_NOT_FOUND = "COMPETENCY_NOT_FOUND"
    DUPLICATE_COMPETENCY = "DUPLICATE_COMPETENCY"
    INVALID_TARGET_LEVEL = "INVALID_TARGET_LEVEL"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    TOO_MANY_APPROVAL_STEPS = "TOO_MANY_APPROVAL_STEPS"
    REPEATED_APPROVAL_STEP = "REPEATED_APPROVAL_STEP"
    APPROVAL_STEPS_OUT_OF_ORDER = "APPROVAL_STEPS_OUT_OF_ORDER"
    INVALID_DATES = "INVALID_DATES"
    INVALID_DEADLINE = "INVALID_DEADLINE"
    INVALID_CAPACITY = "INVALID_CAPACITY"
    CAPACITY_BELOW_TAKEN = "CAPACITY_BELOW_TAKEN"
    LOCATION_REQUIRED = "LOCATION_REQUIRED"
    INVALID_URL = "INVALID_URL"
    SESSION_NOT_OPEN = "SESSION_NOT_OPEN"
    SESSION_NOT_EDITABLE = "SESSION_NOT_EDITABLE"


class CatalogError(DomainError):
    """A catalog rule was broken; nothing was changed."""

    def __init__(self, code: CatalogErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(code, message, field=field)


class PlanErrorCode(StrEnum):
    INVALID_YEAR = "INVALID_YEAR"
    INVALID_JP = "INVALID_JP"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    COMPETENCY_NOT_FOUND = "COMPETENCY_NOT_FOUND"
    COURSE_NOT_FOUND = "COURSE_NOT_FOUND"
    COURSE_ARCHIVED = "COURSE_ARCHIVED"
    COURSE_COMPETENCY_MISMATCH = "COURSE_COMPETENCY_MISMATCH"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    DUPLICATE_ITEM = "DUPLICATE_ITEM"
    PLAN_UNDER_REVIEW = "PLAN_UNDER_REVIEW"
    PLAN_NOT_SUBMITTED = "PLAN_NOT_SUBMITTED"
    NOTHING_TO_SUBMIT = "NOTHING_TO_SUBMIT"
    ITEM_NOT_EDITABLE = "ITEM_NOT_EDITABLE"
    FIELD_NOT_ALLOWED = "FIELD_NOT_ALLOWED"


class PlanError(DomainError):
    """A training-plan rule was broken; nothing was changed."""

    def __init__(self, code: PlanErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(code, message, field=field)


class ExportErrorCode(StrEnum):
    INVALID_YEAR = "INVALID_YEAR"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"


class ExportError(DomainError):
    """An export was asked for with bad parameters."""

    def __init__(self, code: ExportErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(code, message, field=field)
