"""Shared fixtures: a fresh migrated database per test on SQLite and on PostgreSQL.

Each backend migrates one template per test session; every test gets a copy (a file copy on
SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL) and it is dropped afterwards.

PostgreSQL is found at ``PORTAL_TEST_POSTGRES_URL`` (default postgres://root@127.0.0.1:5432/test).
When it is missing, CI (``CI=true``) fails at once; a developer's run skips those tests and says
so in a banner at the end, never quietly.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from portal.db import close_db, init_db, migrate
from portal.settings import Settings, load_settings

PG_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgres://root@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgres"]
_pg_problem: str | None = None


def _pg_server_url(database: str) -> str:
    base, _, _ = PG_URL.rpartition("/")
    return f"{base}/{database}"


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _check_postgres() -> str | None:
    async def probe() -> None:
        conn = await asyncpg.connect(PG_URL, timeout=5)
        await conn.close()

    try:
        asyncio.run(probe())
    except Exception as exc:  # any failure means "no PostgreSQL here"
        return f"{type(exc).__name__}: {exc}"
    return None


def pytest_configure(config: pytest.Config) -> None:
    global _pg_problem
    _pg_problem = _check_postgres()
    if _pg_problem and os.environ.get("CI"):
        raise pytest.UsageError(
            f"PostgreSQL is required on CI but not reachable at {PG_URL}: {_pg_problem}"
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _pg_problem:
        terminalreporter.write_sep("!", "POSTGRESQL NOT AVAILABLE", red=True, bold=True)
        terminalreporter.write_line(
            f"Every PostgreSQL test was SKIPPED: {_pg_problem}. Set PORTAL_TEST_POSTGRES_URL.",
            red=True,
        )


@dataclass
class _Templates:
    root: Path
    sqlite_file: Path | None = None
    pg_name: str | None = None


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    templates = _Templates(root=tmp_path_factory.mktemp("db-templates"))
    yield templates
    if templates.pg_name:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{templates.pg_name}" WITH (FORCE)'))


def _template_for(backend: str, templates: _Templates) -> None:
    """Migrate the backend's template once per session (lazily, only if a test needs it)."""
    if backend == "sqlite" and templates.sqlite_file is None:
        path = templates.root / "template.sqlite3"
        asyncio.run(migrate(load_settings(database_url=f"sqlite://{path}")))
        templates.sqlite_file = path
    elif backend == "postgres" and templates.pg_name is None:
        name = f"portal_tpl_{uuid.uuid4().hex[:10]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
        asyncio.run(migrate(load_settings(database_url=_pg_server_url(name))))
        templates.pg_name = name


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, _templates: _Templates, tmp_path: Path
) -> Iterator[str]:
    """A fresh, migrated, empty database for this test only."""
    backend: str = request.param
    if backend == "postgres" and _pg_problem:
        pytest.skip(f"PostgreSQL not available: {_pg_problem}")
    marker = request.node.get_closest_marker("postgres_only")
    if marker and backend != "postgres":
        pytest.skip("the feature exists only on PostgreSQL")
    _template_for(backend, _templates)
    if backend == "sqlite":
        assert _templates.sqlite_file is not None
        path = tmp_path / "portal.sqlite3"
        shutil.copyfile(_templates.sqlite_file, path)
        yield f"sqlite://{path}"
        return
    name = f"portal_t_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{_templates.pg_name}"'))
    try:
        yield _pg_server_url(name)
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def settings(database_url: str) -> Settings:
    return load_settings(database_url=database_url, dev_login=True, env="development")


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Settings]:
    """Tortoise initialised on this test's database (for domain-level tests)."""
    await init_db(settings)
    try:
        yield settings
    finally:
        await close_db()


_MEASURED: contextvars.ContextVar[QueryCounter | None] = contextvars.ContextVar(
    "portal_test_query_counter", default=None
)


class QueryCounter(logging.Handler):
    """Counts SQL statements sent by Tortoise (it logs each at DEBUG on tortoise.db_client).

    Only statements of the measured code count: those sent from the task that opened the
    ``with`` block or from tasks it started (they inherit the context). Work left running by
    earlier steps of a test (an after-commit handler still busy under a loaded machine) is not
    the request's cost and would make the count flaky.
    """

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if _MEASURED.get() is not self:
            return
        message = record.getMessage()
        if not message.startswith(("Created connection pool", "Closed connection pool")):
            self.statements.append(message)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries() -> Iterator[Any]:
    """``with count_queries() as counter: ...`` then ``counter.count``."""
    logger = logging.getLogger("tortoise.db_client")

    @contextlib.contextmanager
    def counting() -> Iterator[QueryCounter]:
        handler = QueryCounter()
        old_level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        token = _MEASURED.set(handler)
        try:
            yield handler
        finally:
            _MEASURED.reset(token)
            logger.removeHandler(handler)
            logger.setLevel(old_level)

    return counting


class PortalClient:
    """An httpx client on the ASGI app, with GraphQL and sign-in helpers."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def login(self, nip: str) -> None:
        response = await self.http.post("/auth/dev-login", data={"nip": nip})
        assert response.status_code == 303, response.text

    async def logout(self) -> None:
        await self.http.post("/auth/logout", headers={"Origin": "http://testserver"})

    async def gql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``data`` of a GraphQL answer that must have no errors."""
        body = await self.gql(query, variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]


@contextlib.asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[PortalClient]:
    from portal.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield PortalClient(http)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[PortalClient]:
    """The app with its lifespan running (Tortoise is initialised for the test too)."""
    async with running_app(settings) as c:
        yield c


@pytest.fixture
def new_client(settings: Settings) -> Any:
    """Another browser on the same running app: ``async with new_client(app_client) as c``."""

    @contextlib.asynccontextmanager
    async def make(existing: PortalClient) -> AsyncIterator[PortalClient]:
        transport = existing.http._transport
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield PortalClient(http)

    return make
