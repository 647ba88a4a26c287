"""When the database cannot be reached: recognise it, answer 503 at once, recover by itself.

asyncpg's pool reconnects on the next acquire once PostgreSQL answers again, so nothing here
restarts anything: a request that meets a dead connection or a refused connect is answered
``503 DATABASE_UNAVAILABLE`` (with ``Retry-After``) within the connect timeout
(PORTAL_DATABASE_CONNECT_TIMEOUT), and the next one after the outage simply works.
"""

from __future__ import annotations

import asyncio
import logging
import socket

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("portal.database")

CODE = "DATABASE_UNAVAILABLE"
MESSAGE = "Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi."
RETRY_AFTER = "5"


def is_database_unavailable(error: BaseException | None) -> bool:
    """True for connection-level failures (refused, reset, timed out, terminated), not bad SQL."""
    import asyncpg
    from tortoise.exceptions import DBConnectionError

    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(
            error,
            ConnectionError
            | TimeoutError
            | asyncio.TimeoutError
            | DBConnectionError
            | asyncpg.PostgresConnectionError
            | asyncpg.exceptions.ConnectionDoesNotExistError
            | asyncpg.exceptions.AdminShutdownError
            | asyncpg.exceptions.CannotConnectNowError
            | asyncpg.exceptions.CrashShutdownError,
        ):
            return True
        if isinstance(error, socket.gaierror):
            return True  # the database host name does not resolve
        if isinstance(error, asyncpg.exceptions.InterfaceError) and "closed" in str(error):
            return True  # "connection is closed" / "pool is closed"
        if isinstance(
            error, asyncpg.exceptions.InternalClientError
        ) and "cannot switch to state" in str(error):
            # The server's FATAL (e.g. pg_terminate_backend) arrived on an idle pooled connection
            # and left its protocol consuming an error that never ends, before the socket's EOF is
            # seen: the connection is dead; the pool replaces it when it is released.
            return True
        error = error.__cause__ or error.__context__
    return False


def unavailable_body() -> bytes:
    return orjson.dumps({"errors": [{"message": MESSAGE, "extensions": {"code": CODE}}]})


class DatabaseUnavailableMiddleware:
    """Turns a database outage that escapes a route (not GraphQL's own errors) into a 503."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started or not is_database_unavailable(exc):
                raise
            log.warning("database unavailable on %s: %r", scope["path"], exc)
            scope.setdefault("state", {})["portal.database_unavailable"] = True
            body = unavailable_body()
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"retry-after", RETRY_AFTER.encode()),
                        (b"cache-control", b"no-store"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
