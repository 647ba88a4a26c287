"""Tortoise configuration and database lifecycle."""

from __future__ import annotations

import re
from typing import Any

from portal.settings import Settings

MODEL_MODULES = [
    "portal.people.models",
    "portal.competencies.models",
    "portal.training.models",
    "portal.duties.models",
    "portal.duties.progress_models",
    "portal.audit.models",
    "portal.notifications.models",
]
APP_LABEL = "portal"


def normalise_url(url: str) -> str:
    """Accept the postgresql:// spelling many tools print; Tortoise wants postgres://."""
    if url.startswith("postgresql://"):
        return "postgres://" + url.removeprefix("postgresql://")
    return url


def tortoise_config(settings: Settings) -> dict[str, Any]:
    """The Tortoise config for these settings (also what `tortoise` CLI would read)."""
    url = normalise_url(settings.database_url)
    connection: str | dict[str, Any] = url
    if url.startswith("postgres://"):
        connection = {
            "engine": "tortoise.backends.asyncpg",
            "credentials": _pg_credentials(url) | {"maxsize": settings.database_pool_max},
        }
    return {
        "connections": {"default": connection},
        "apps": {
            APP_LABEL: {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "portal.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _pg_credentials(url: str) -> dict[str, Any]:
    from tortoise.backends.base.config_generator import expand_db_url

    return dict(expand_db_url(url)["credentials"])


async def init_db(settings: Settings, *, global_fallback: bool = True) -> None:
    """Open the connections. The global fallback lets request tasks see the lifespan's context."""
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    settings.ensure_sqlite_dir()
    # Tortoise caches prepared INSERTs per (connection name, table), not per dialect: a process
    # that re-initialises on another engine (the test suite, the CLI) would reuse SQLite's "?".
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=global_fallback)


async def close_db() -> None:
    from tortoise import Tortoise

    await Tortoise.close_connections()


async def migrate(settings: Settings) -> None:
    """Apply every migration under portal/migrations (the only way schema changes reach a database)."""
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE
    from tortoise.migrations.api import migrate as run_migrations

    settings.ensure_sqlite_dir()
    EXECUTOR_CACHE.clear()
    await run_migrations(config=tortoise_config(settings))
    await Tortoise.close_connections()


async def dialect() -> str:
    """``postgres`` or ``sqlite``: the few queries that differ ask this."""
    from tortoise import connections

    return str(connections.get("default").capabilities.dialect)


_PG_PARAM = re.compile(r"\$(\d+)")


async def fetch(sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Run hand-written SQL with PostgreSQL ``$n`` placeholders on either engine (SQLite: ``?n``)."""
    from tortoise import connections

    client = connections.get("default")
    if client.capabilities.dialect == "sqlite":
        sql = _PG_PARAM.sub(r"?\1", sql)
    return await client.execute_query_dict(sql, params or [])
