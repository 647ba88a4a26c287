"""``/readyz``: the instance can serve (database reachable, every migration applied).

``/healthz`` (in app.py) only says the process answers.

A load balancer sends traffic only to instances whose ``/readyz`` is 200; a container runtime
restarts one whose ``/healthz`` stops answering. ``/readyz`` never raises: every failure is a 503
that says which check failed.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

import portal.migrations
from portal.db import APP_LABEL

log = logging.getLogger("portal.health")
MIGRATIONS_DIR = Path(portal.migrations.__file__).resolve().parent


def expected_migrations(folder: Path = MIGRATIONS_DIR) -> set[str]:
    """Names of the migration files shipped with this code (``0001_initial``, ...)."""
    return {p.stem for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py")}


async def applied_migrations(connection_name: str = "default") -> set[str]:
    from tortoise import connections

    client = connections.get(connection_name)
    rows = await client.execute_query_dict(
        f"SELECT name FROM tortoise_migrations WHERE app = '{APP_LABEL}'"
    )
    return {str(r["name"]) for r in rows}


async def check_database() -> dict[str, object]:
    """What /readyz reports; ``ok`` is False when the database or its schema is not ready."""
    from tortoise import connections

    await connections.get("default").execute_query("SELECT 1")
    missing = sorted(expected_migrations() - await applied_migrations())
    return {"ok": not missing, "database": "ok", "pendingMigrations": missing}


async def readyz(request: Request) -> Response:
    settings = request.app.state.settings
    timeout = settings.database_connect_timeout + 1
    try:
        report = await asyncio.wait_for(check_database(), timeout=timeout)
    except Exception as exc:  # any failure is "not ready", never a 500
        log.warning("not ready: %r", exc)
        return JSONResponse(
            {"status": "unavailable", "database": "unreachable", "code": "DATABASE_UNAVAILABLE"},
            status_code=503,
            headers={"Cache-Control": "no-store", "Retry-After": "5"},
        )
    status = 200 if report["ok"] else 503
    body = {"status": "ready" if report["ok"] else "migrations pending", **report}
    body.pop("ok")
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
