"""Mutation payloads: one error type per mutation, and :func:`payload` that maps outcomes to them.

A mutation resolver decodes its input, starts one service call and hands it to :func:`payload`:
a ``DomainError`` becomes the mutation's own error type (``code``, ``field``, ``message``), success
the payload carrying the changed object. Not signed in / not allowed stay top-level errors. When
a step before the call can itself be refused (a NIP or owner lookup), the steps go in a local
``async def work()`` and ``work()`` is handed over instead.

Every error type has the same three fields, so they are built by :func:`error_type` rather than
written out forty times; each still gets its own name and description in the schema.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, TypeVar

import strawberry

from portal.errors import DomainError, PermissionDeniedError
from portal.graphql.permissions import Forbidden
from portal.graphql.relay import from_global_id
from portal.people.changes import UNCHANGED

T = TypeVar("T")
_SNAKE = re.compile(r"_([a-z0-9])")


def camel_path(field: str | None) -> str | None:
    """``workloads[2].standard_minutes`` -> ``workloads[2].standardMinutes`` (the input's names)."""
    return None if field is None else _SNAKE.sub(lambda m: m.group(1).upper(), field)


def error_of(codes: type[Enum], *, fallback: Enum | None = None) -> Any:
    """The ``of(exc)`` classmethod of an error type: its payload for a domain error.

    A code ``codes`` lacks is a bug, unless the mutation also calls another domain (e.g. a NIP
    lookup) and so reports such codes as ``fallback``.
    """

    def of(cls: Any, exc: DomainError) -> Any:
        try:
            code = codes(str(exc.code))
        except ValueError:
            if fallback is None:
                raise
            code = fallback
        return cls(code=code, field=camel_path(exc.field), message=exc.message)

    return classmethod(of)


def error_type(name: str, codes: type[Enum], subject: str) -> Any:
    """A strawberry error type ``name`` with ``code``, ``field``, ``message`` and ``of(exc)``."""
    namespace: dict[str, Any] = {
        "__annotations__": {"code": codes, "field": str | None, "message": str},
        "__doc__": f"Why {subject} failed.",
        "code": strawberry.field(description="What went wrong, as a stable code."),
        "field": strawberry.field(
            description="The input field at fault as a path (e.g. `items[3].level`), if any."
        ),
        "message": strawberry.field(description="What went wrong, for people (Indonesian)."),
        "of": error_of(codes),
    }
    return strawberry.type(type(name, (), namespace), description=f"Why {subject} failed.")


def keep(value: Any) -> Any:
    """An optional input left out, or given as null for a field that cannot be empty: unchanged."""
    return UNCHANGED if value is strawberry.UNSET or value is None else value


def keep_nullable(value: Any) -> Any:
    """An optional input where null means something (e.g. "no parent"): left out is unchanged."""
    return UNCHANGED if value is strawberry.UNSET else value


def pk(gid: strawberry.ID, type_name: str) -> int:
    """The primary key in a global id of the given type (INVALID_ID otherwise)."""
    return from_global_id(gid, type_name)[1]


def optional_pk(gid: strawberry.ID | None, type_name: str) -> int | None:
    return None if gid is None else pk(gid, type_name)


def keep_pk(gid: Any, type_name: str) -> Any:
    """An optional id input: left out or null is unchanged, else its primary key."""
    return UNCHANGED if gid is strawberry.UNSET or gid is None else pk(gid, type_name)


def keep_nullable_pk(gid: Any, type_name: str) -> Any:
    """An optional id input where null means "none": only left out is unchanged."""
    return UNCHANGED if gid is strawberry.UNSET else optional_pk(gid, type_name)


def result_union(name: str) -> Any:
    """The union a mutation returns: its success payload or its typed error."""
    return strawberry.union(
        name, description="The success payload with the changed object, or why it was refused."
    )


async def payload(
    work: Awaitable[T], error_type: Any, success: Callable[[T], Any | Awaitable[Any]]
) -> Any:
    """Await a mutation's service call: ``success(result)``, or ``error_type.of(exc)``.

    "Not allowed" is no payload: it stays a top-level FORBIDDEN error.
    """
    try:
        result = await work
    except DomainError as exc:
        return error_type.of(exc)
    except PermissionDeniedError:
        raise Forbidden() from None
    built = success(result)
    return await built if inspect.isawaitable(built) else built
