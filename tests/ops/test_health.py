"""/healthz and /readyz."""

from __future__ import annotations

from portal.ops import health


async def test_healthz_says_alive(client):
    response = await client.http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_ready_when_the_database_is_migrated(client):
    response = await client.http.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready", "database": "ok", "pendingMigrations": []}
    assert response.headers["cache-control"] == "no-store"


async def test_readyz_is_503_while_a_migration_is_pending(client, monkeypatch):
    shipped = health.expected_migrations()
    monkeypatch.setattr(health, "expected_migrations", lambda: shipped | {"9999_future"})
    response = await client.http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["pendingMigrations"] == ["9999_future"]


def test_every_migration_file_is_expected():
    names = health.expected_migrations()
    assert "0001_initial" in names
    assert all(n[:4].isdigit() for n in names)
