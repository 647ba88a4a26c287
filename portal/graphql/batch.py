"""Rows by a key column, for the loaders: the SQL of each lookup is written once per process.

Under load, building a query with Tortoise (querysets, pypika) cost a portal worker more CPU than
sending it (bench/RESULTS.md, "Portal vs baseline"). The loaders' by-id and by-foreign-key
lookups are all one shape, so they skip the builder: a fixed statement per (model, column,
order), ``= ANY($1)`` on PostgreSQL so that asyncpg prepares it once whatever the number of keys,
and rows turned into models by ``Model._init_from_db`` exactly as Tortoise's own executor does.

Where a screen always reads a row together with the rows it points to (an enrollment and its
session and course, an SKP result and its indicators), one statement joins them, with
``portal.db.columns`` and ``portal.db.model_from`` (the same ``_init_from_db`` for every table).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import cache
from typing import Any, TypeVar

from tortoise import connections
from tortoise.models import Model

M = TypeVar("M", bound=Model)


def _quote(name: str) -> str:
    return f'"{name}"'


@cache
def _select(model: type[Model], column: str, order: tuple[str, ...]) -> tuple[str, str]:
    """``SELECT <every column> FROM <table> WHERE <column>`` and the ``ORDER BY`` clause."""
    meta = model._meta
    columns = ", ".join(_quote(c) for c in meta.fields_db_projection.values())
    terms = []
    for name in order:
        field = name.lstrip("-")
        terms.append(
            f"{_quote(meta.fields_db_projection.get(field, field))}"
            f"{' DESC' if name.startswith('-') else ''}"
        )
    order_by = f" ORDER BY {', '.join(terms)}" if terms else ""
    return f"SELECT {columns} FROM {_quote(meta.db_table)} WHERE {_quote(column)}", order_by


async def rows_where(head: str, tail: str, keys: Collection[Any]) -> Sequence[Mapping[str, Any]]:
    """Run ``head`` (ending in ``WHERE <column>``) for ``keys``, then ``tail`` (ORDER BY ...).

    ``= ANY($1)`` on PostgreSQL (one prepared statement whatever the number of keys), ``IN (?,
    ...)`` on SQLite. ``head`` and ``tail`` hold no other parameters.
    """
    if not keys:
        return []
    client = connections.get("default")
    if client.capabilities.dialect == "postgres":
        _, rows = await client.execute_query(f"{head} = ANY($1){tail}", [list(keys)])
        return rows  # type: ignore[no-any-return]
    marks = ", ".join("?" for _ in keys)
    return await client.execute_query_dict(f"{head} IN ({marks}){tail}", list(keys))


async def rows_by(
    model: type[M], column: str, keys: Collection[int], order: Sequence[str] = ()
) -> list[M]:
    """Every row of ``model`` whose ``column`` is one of ``keys``, in ``order`` (field names)."""
    head, order_by = _select(model, column, tuple(order))
    return [model._init_from_db(**row) for row in await rows_where(head, order_by, keys)]
