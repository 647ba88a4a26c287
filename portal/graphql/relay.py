"""Relay plumbing: global ids, the Node interface and offset-cursor connections."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry
from graphql import GraphQLError

T = TypeVar("T")
M = TypeVar("M")


class InvalidId(GraphQLError):
    def __init__(self, message: str = "Invalid id.") -> None:
        super().__init__(message, extensions={"code": "INVALID_ID"})


def to_global_id(type_name: str, pk: int) -> strawberry.ID:
    return strawberry.ID(
        base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")
    )


def from_global_id(gid: str, expected: str | None = None) -> tuple[str, int]:
    """Decode ``gid``; raises INVALID_ID when it is not ours or not of the expected type."""
    try:
        raw = base64.urlsafe_b64decode(gid + "=" * (-len(gid) % 4)).decode()
        type_name, _, pk = raw.partition(":")
        value = int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidId() from None
    if not type_name or value <= 0 or (expected is not None and type_name != expected):
        raise InvalidId(f"Id is not a valid {expected or 'object'} id.")
    return type_name, value


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID = strawberry.field(description="Global, opaque id of the object.")


@strawberry.type(description="Where a page of a connection starts and ends.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last edge.")


@strawberry.type(description="One item of a connection with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as `after` to continue after this item.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of items (Relay connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(description="Number of items across all pages.")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset after ``cursor`` (0 without one). Raises INVALID_CURSOR."""
    if cursor is None:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, value = raw.partition(":")
        offset = int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset, prefix = -1, ""
    if prefix != "o" or offset < 0:
        raise GraphQLError(
            "Invalid cursor.", extensions={"code": "INVALID_CURSOR", "field": "after"}
        )
    return offset + 1


@dataclass(frozen=True, slots=True)
class PageRequest:
    offset: int
    limit: int


def page_request(
    first: int | None, after: str | None, *, default: int, maximum: int
) -> PageRequest:
    """Validate ``first``/``after``; errors name the field, never clamp silently."""
    size = default if first is None else first
    if size < 0 or size > maximum:
        raise GraphQLError(
            f"`first` must be between 0 and {maximum}.",
            extensions={"code": "INVALID_PAGE_SIZE", "field": "first"},
        )
    return PageRequest(decode_cursor(after), size)


def build_connection(
    rows: Sequence[M], total: int, page: PageRequest, convert: Callable[[M], T]
) -> Connection[T]:
    edges = [
        Edge(cursor=encode_cursor(page.offset + i), node=convert(row)) for i, row in enumerate(rows)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.offset + len(rows) < total,
            has_previous_page=page.offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
