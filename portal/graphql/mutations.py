"""Conventions shared by every mutation: one input, a result union, a typed error per mutation.

A mutation resolver loads what it needs, calls one service function and maps the outcome:
``DomainError`` -> the mutation's own error type (``code``, ``field``, ``message``); success -> the
success payload carrying the changed object. Not signed in / not allowed stay top-level errors.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from portal.errors import DomainError

E = TypeVar("E")


def error_from(error_type: type[E], exc: DomainError, code_enum: type[Enum]) -> E:
    """Build the mutation's error payload from a domain error."""
    kwargs: dict[str, Any] = {
        "code": code_enum(str(exc.code)),
        "field": exc.field,
        "message": exc.message,
    }
    return error_type(**kwargs)
