"""Tortoise configuration and database lifecycle."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from portal.settings import Settings

if TYPE_CHECKING:
    from tortoise.models import Model

M = TypeVar("M", bound="Model")

MODEL_MODULES = [
    "portal.people.models",
    "portal.competencies.models",
    "portal.training.models",
    "portal.duties.models",
    "portal.duties.progress_models",
    "portal.audit.models",
    "portal.notifications.models",
    "portal.survey.models",
]
APP_LABEL = "portal"
REPORTS = "reports"
# Connection names the last init_db opened ("reports" only on PostgreSQL or with a replica).
_configured: set[str] = {"default"}


def normalise_url(url: str) -> str:
    """Accept the postgresql:// spelling many tools print; Tortoise wants postgres://."""
    if url.startswith("postgresql://"):
        return "postgres://" + url.removeprefix("postgresql://")
    return url


def _connection(
    url: str,
    settings: Settings,
    *,
    name: str = "portal",
    pool_max: int | None = None,
    min_size: int = 1,
    statement_timeout: float | None = None,
) -> str | dict[str, Any]:
    url = normalise_url(url)
    if not url.startswith("postgres://"):
        return url
    # Fail fast while PostgreSQL is down: asyncpg's connect timeout is 60 s unless told.
    timeouts: dict[str, Any] = {"timeout": settings.database_connect_timeout}
    if settings.database_command_timeout is not None:
        timeouts["command_timeout"] = settings.database_command_timeout
    if statement_timeout is not None:
        # The server stops the statement (SQLSTATE 57014, a typed error for the asker); the
        # client's own timeout, a little later, only covers a server that stopped answering.
        # A report's plan is made for its own parameters every time: from the sixth run of a
        # prepared statement PostgreSQL may keep a generic plan, which took the median approval
        # time per OPD from 0.5 s to 2.2 s at 1M employees (bench/reports/NOTES.md); planning
        # costs a millisecond or two, nothing beside a report.
        timeouts["server_settings"] = {
            "statement_timeout": str(int(statement_timeout * 1000)),
            "plan_cache_mode": "force_custom_plan",
        }
        timeouts["command_timeout"] = statement_timeout + 5
    pool = {
        "minsize": min(min_size, pool_max or settings.database_pool_max),
        "maxsize": pool_max or settings.database_pool_max,
        "reset": _keep_session,
        # Who a backend serves, in pg_stat_activity and the server's logs.
        "application_name": name,
    }
    return {
        "engine": "tortoise.backends.asyncpg",
        "credentials": _pg_credentials(url) | pool | timeouts,
    }


async def _keep_session(connection: Any) -> None:
    """Pool reset on release: nothing beyond asyncpg's own rollback of an open transaction.

    Tortoise takes a pooled connection for every statement, and asyncpg's default reset
    (``pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL``) costs one more round trip
    each time: a quarter of a worker's CPU under load (bench/RESULTS.md). The portal leaves no
    session state on pooled connections (``SET LOCAL`` and ``pg_advisory_xact_lock`` end with
    their transaction; the event bus LISTENs on its own connection), so there is nothing to
    reset. Anything that does set session state must use its own connection.
    """


def tortoise_config(settings: Settings, *, with_reports: bool = False) -> dict[str, Any]:
    """The Tortoise config for these settings (also what `tortoise` CLI would read).

    ``with_reports`` adds the ``reports`` connection that read-only report queries use
    (``fetch(..., using=REPORTS)``): the replica (PORTAL_DATABASE_REPLICA_URL) when there is
    one, else the primary through a pool of its own (PORTAL_DATABASE_REPORT_POOL_MAX). A report
    at national scale keeps a connection for up to a second and three server processes busy;
    in their own small pool a burst of them queues behind each other instead of taking the
    connections every employee's page needs. The pool opens its connections when the first
    report comes; on it the server stops a statement after PORTAL_REPORT_TIMEOUT and plans each
    one for its parameters. Migrations never see it. SQLite has no second pool: reports use
    ``default``.
    """
    connections: dict[str, Any] = {"default": _connection(settings.database_url, settings)}
    reports_url = settings.database_replica_url or settings.database_url
    if with_reports and (
        settings.database_replica_url or normalise_url(reports_url).startswith("postgres://")
    ):
        connections[REPORTS] = _connection(
            reports_url,
            settings,
            name="portal-reports",
            pool_max=settings.database_report_pool_max,
            min_size=0,
            statement_timeout=settings.report_timeout,
        )
    return {
        "connections": connections,
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
    config = tortoise_config(settings, with_reports=True)
    _configured.clear()
    _configured.update(config["connections"])
    await Tortoise.init(
        config=config,
        _enable_global_fallback=global_fallback,
    )


async def close_db() -> None:
    from tortoise import Tortoise

    await Tortoise.close_connections()


async def migrate(settings: Settings) -> None:
    """Apply every migration under portal/migrations.

    Migrations are the only way schema changes reach a database.
    """
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE
    from tortoise.migrations.api import migrate as run_migrations

    settings.ensure_sqlite_dir()
    EXECUTOR_CACHE.clear()
    # A migration may rightly run longer than any request (an index on a big table).
    unbounded = settings.model_copy(update={"database_command_timeout": None})
    await run_migrations(config=tortoise_config(unbounded))
    await Tortoise.close_connections()


async def dialect() -> str:
    """``postgres`` or ``sqlite``: the few queries that differ ask this."""
    from tortoise import connections

    return str(connections.get("default").capabilities.dialect)


_PG_PARAM = re.compile(r"\$(\d+)")


async def fetch(
    sql: str, params: list[Any] | None = None, *, using: str = "default"
) -> list[dict[str, Any]]:
    """Run hand-written SQL with PostgreSQL ``$n`` placeholders on either engine (SQLite: ``?n``).

    ``using=REPORTS`` reads through the reports pool (the replica when one is configured):
    only for read-only statements that tolerate replication lag (reports).
    """
    from tortoise import connections

    client = connections.get(using if using in _configured else "default")
    if client.capabilities.dialect == "sqlite":
        sql = _PG_PARAM.sub(r"?\1", sql)
    return await client.execute_query_dict(sql, params or [])


# Rows of several tables from one joined statement: each table's columns under an alias prefix,
# each model taken back out with Tortoise's own conversion (``_init_from_db``). One round trip
# costs a worker more than decoding the repeated columns of a small join.


@cache
def _aliased(model: type[Model], alias: str) -> tuple[tuple[str, str], ...]:
    """(name in the joined row, column) for every column of ``model``."""
    return tuple((f"{alias}__{c}", c) for c in model._meta.fields_db_projection.values())


@cache
def columns(model: type[Model], alias: str) -> str:
    """``alias."col" AS "alias__col", ...``: every column of ``model``, for a joined SELECT."""
    return ", ".join(f'{alias}."{c}" AS "{key}"' for key, c in _aliased(model, alias))


def model_from(row: Mapping[str, Any], model: type[M], alias: str) -> M | None:
    """The ``model`` under ``alias`` (see ``columns``); None where an outer join found none."""
    if row[f"{alias}__{model._meta.db_pk_column}"] is None:
        return None
    return model._init_from_db(**{c: row[key] for key, c in _aliased(model, alias)})
