"""Fast bulk writes for the generator: COPY on PostgreSQL, one executemany on SQLite.

The generator assigns every id itself, so rows are plain tuples in column order and never become
model instances: ``Model.bulk_create`` spends most of its time building and converting instances
and cannot return ids, which a generator that links millions of rows needs up front.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, cast

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.fields.relational import ManyToManyFieldInstance, RelationalField
from tortoise.models import Model

from portal.db import APP_LABEL

Row = tuple[Any, ...]
# From this many rows on, a PostgreSQL COPY runs without the table's foreign keys, which are
# added back right after: one validating join instead of one trigger query per row and key
# (what pg_restore does). It happens inside the generator's transaction, so a failure leaves
# the schema as it was, and the end state is the same schema, checked.
BIG = 20_000


def portal_models() -> list[type[Model]]:
    """Every model of the portal app, as Tortoise registered them."""
    return list(Tortoise.apps[APP_LABEL].values())


def through_tables() -> list[str]:
    """The join tables of many-to-many fields (``course_unit``), which have no model."""
    tables: list[str] = []
    for model in portal_models():
        for field in model._meta.fields_map.values():
            if isinstance(field, ManyToManyFieldInstance) and field.through not in tables:
                tables.append(field.through)
    return tables


def delete_order() -> list[type[Model]]:
    """Models ordered so each comes before every model it points at (children first)."""
    models = portal_models()
    targets = {m: _referenced(m) for m in models}
    ordered: list[type[Model]] = []
    remaining = list(models)
    while remaining:
        # A model can go once nothing left in `remaining` still points at it.
        ready = [m for m in remaining if not any(m in targets[o] for o in remaining if o is not m)]
        if not ready:
            raise RuntimeError("foreign keys form a cycle between portal tables")
        ordered.extend(ready)
        remaining = [m for m in remaining if m not in ready]
    return ordered


def _relations(model: type[Model]) -> list[RelationalField[Any]]:
    """The model's foreign keys and one-to-one fields, by name."""
    meta = model._meta
    names = sorted(meta.fk_fields | meta.o2o_fields)
    return [cast(RelationalField[Any], meta.fields_map[name]) for name in names]


def _referenced(model: type[Model]) -> set[type[Model]]:
    return {f.related_model for f in _relations(model) if f.related_model is not model}


def _self_references(model: type[Model]) -> list[str]:
    return [
        f.source_field for f in _relations(model) if f.related_model is model and f.source_field
    ]


async def delete_all(client: BaseDBAsyncClient) -> None:
    """Empty every portal table (not the migration history)."""
    tables = through_tables() + [m._meta.db_table for m in delete_order()]
    if client.capabilities.dialect == "postgres":
        # One TRUNCATE of all tables has no ordering problem and restarts the id sequences.
        quoted = ", ".join(f'"{t}"' for t in tables)
        await client.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY")
        return
    for table in through_tables():
        await client.execute_script(f'DELETE FROM "{table}"')
    for model in delete_order():
        table = model._meta.db_table
        # SQLite checks ON DELETE RESTRICT row by row: a parent row may go before its child
        # in the same statement, so cut self-references first.
        for column in _self_references(model):
            await client.execute_script(f'UPDATE "{table}" SET "{column}" = NULL')
        if table in APPEND_ONLY_TABLES:
            await _delete_append_only(client, table)
        else:
            await client.execute_script(f'DELETE FROM "{table}"')


# Tables whose rows the database refuses to update or delete (see the audit migration).
APPEND_ONLY_TABLES = frozenset({"audit_entry"})


async def _delete_append_only(client: BaseDBAsyncClient, table: str) -> None:
    """Empty an append-only table on SQLite, which has no TRUNCATE.

    The reset is an operator's action on the whole database, like PostgreSQL's TRUNCATE (which
    the guard allows): the guard triggers are lifted and put back, as they were, inside the
    reset's transaction. No code path of the portal itself deletes an audit entry.
    """
    guards = await client.execute_query_dict(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]
    )
    for guard in guards:
        await client.execute_script(f'DROP TRIGGER "{guard["name"]}"')
    await client.execute_script(f'DELETE FROM "{table}"')
    for guard in guards:
        await client.execute_script(guard["sql"])


class Writer:
    """Writes tuples of column values into a table with the fastest path the engine has."""

    def __init__(self, client: BaseDBAsyncClient) -> None:
        self.client = client
        self.postgres = client.capabilities.dialect == "postgres"
        self.counts: dict[str, int] = {}
        self._written: list[str] = []

    async def write(self, model: type[Model], columns: Sequence[str], rows: list[Row]) -> None:
        """Insert ``rows`` (tuples in ``columns`` order) into the model's table."""
        known = set(model._meta.fields_db_projection.values())
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {unknown}")
        await self.write_table(model._meta.db_table, columns, rows)

    async def write_table(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        """Insert into a table by name (join tables have no model)."""
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        if "id" in columns and table not in self._written:
            self._written.append(table)
        if not rows:
            return
        if self.postgres:
            async with self.client.acquire_connection() as connection:
                suspended = await _drop_foreign_keys(connection, table) if len(rows) >= BIG else []
                await connection.copy_records_to_table(table, records=rows, columns=list(columns))
                for name, definition in suspended:
                    await connection.execute(
                        f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
                    )
            return
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
        # sqlite3 takes any sequence per row; the annotation asks for lists.
        await self.client.execute_many(sql, cast(list[list[Any]], rows))

    async def sync_sequences(self) -> None:
        """Move PostgreSQL id sequences past the explicit ids, so later ORM inserts don't collide.

        SQLite needs nothing: AUTOINCREMENT records the largest id ever inserted, explicit or not.
        """
        if not self.postgres:
            return
        for table in self._written:
            await self.client.execute_query(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"'
            )


def json_value(value: Any) -> str:
    """JSON columns take text on both engines (asyncpg has no JSON codec set by Tortoise)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def table_has_rows(client: BaseDBAsyncClient, tables: Iterable[str]) -> list[str]:
    """The tables among ``tables`` that already hold rows."""
    busy = []
    for table in tables:
        rows = await client.execute_query_dict(f'SELECT 1 AS x FROM "{table}" LIMIT 1')
        if rows:
            busy.append(table)
    return busy


async def _drop_foreign_keys(connection: Any, table: str) -> list[tuple[str, str]]:
    """Drop the table's own foreign keys; return (name, definition) to add them back."""
    rows = await connection.fetch(
        "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
        "WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname",
        f'"{table}"',
    )
    for row in rows:
        await connection.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{row["conname"]}"')
    return [(row["conname"], row["definition"]) for row in rows]
