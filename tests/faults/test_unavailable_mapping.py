"""Which failures count as "the database is unavailable" (503), on both engines."""

from __future__ import annotations

import asyncpg
from tortoise.exceptions import OperationalError

from portal.ops.database import is_database_unavailable
from tests.factories import SITI_NIP, make_world


def test_connection_failures_are_unavailable_and_bad_sql_is_not():
    assert is_database_unavailable(ConnectionRefusedError(111, "refused"))
    assert is_database_unavailable(TimeoutError())
    assert is_database_unavailable(asyncpg.exceptions.ConnectionDoesNotExistError("gone"))
    assert is_database_unavailable(asyncpg.exceptions.AdminShutdownError("terminated"))
    wrapped = RuntimeError("while loading")
    wrapped.__cause__ = ConnectionResetError()
    assert is_database_unavailable(wrapped)
    assert not is_database_unavailable(OperationalError("syntax error at or near"))
    assert not is_database_unavailable(ValueError("bug"))
    assert not is_database_unavailable(None)


async def test_a_resolver_meeting_a_dead_connection_answers_503(client, monkeypatch):
    await make_world()
    await client.login(SITI_NIP)
    from portal.graphql.people import types

    def refused(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(types, "format_nip", refused)
    response = await client.http.post("/graphql", json={"query": "{ me { nipFormatted } }"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
