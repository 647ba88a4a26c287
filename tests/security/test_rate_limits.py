"""Rate limits: sign-in floods and mutation floods get 429 with Retry-After.

Each runs with the in-memory store and with Redis (the store several instances share).
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
import redis

from portal.security import ratelimit
from tests.factories import BUDI_NIP, SITI_NIP, make_world
from tests.security.conftest import dev_settings, error_codes, portal

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
MARK_READ = "mutation { markNotificationsRead(input: {}) { marked } }"


def _redis_problem() -> str | None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:
        return repr(exc)
    return None


@pytest.fixture(params=["memory", "redis"])
def store(request, monkeypatch) -> Iterator[dict[str, str]]:
    """Settings overrides for the store; Redis keys get a prefix of this test's own."""
    if request.param == "memory":
        yield {}
        return
    problem = _redis_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required on CI: {problem}")
        pytest.skip(f"Redis not available at {REDIS_URL}: {problem}")
    prefix = f"test:{uuid.uuid4().hex}:"
    monkeypatch.setattr(ratelimit, "REDIS_PREFIX", prefix)
    yield {"rate_limit_redis_url": REDIS_URL}
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


@contextlib.asynccontextmanager
async def limited(database_url: str, store: dict[str, str], **limits) -> AsyncIterator:
    async with portal(dev_settings(database_url, **store, **limits)) as client:
        await make_world()
        yield client


async def test_rate_limit_sign_in_flood_per_address_gets_429(database_url, store):
    async with limited(database_url, store, rate_limit_sign_in_per_address=5) as client:
        statuses = [
            (await client.http.post("/auth/dev-login", data={"nip": SITI_NIP})).status_code
            for _ in range(7)
        ]
        assert statuses[:5] == [303] * 5
        assert statuses[5:] == [429, 429]
        refused = await client.http.get("/auth/login")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_rate_limit_sign_in_flood_per_account_gets_429(database_url, store):
    async with limited(database_url, store, rate_limit_sign_in_per_user=3) as client:
        for _ in range(3):
            assert (
                await client.http.post("/auth/dev-login", data={"nip": SITI_NIP})
            ).status_code == 303
        refused = await client.http.post("/auth/dev-login", data={"nip": SITI_NIP})
        assert refused.status_code == 429
        assert "retry-after" in refused.headers
        other = await client.http.post("/auth/dev-login", data={"nip": BUDI_NIP})
        assert other.status_code == 303  # another account is not locked out


async def test_rate_limit_mutation_flood_gets_429_and_rate_limited(database_url, store):
    async with limited(database_url, store, rate_limit_mutations_per_user=4) as client:
        await client.login(SITI_NIP)
        for _ in range(4):
            assert "errors" not in await client.gql(MARK_READ)
        response = await client.http.post("/graphql", json={"query": MARK_READ})
        assert response.status_code == 429
        assert int(response.headers["retry-after"]) >= 1
        body = response.json()
        assert error_codes(body) == ["RATE_LIMITED"]
        assert body["data"] is None
        # Queries are not mutations: still answered.
        assert (await client.data("{ me { nip } }"))["me"]["nip"] == SITI_NIP


async def test_rate_limit_mutations_per_address(database_url, store):
    async with limited(
        database_url, store, rate_limit_mutations_per_address=3, rate_limit_mutations_per_user=100
    ) as client:
        await client.login(SITI_NIP)
        for _ in range(3):
            await client.gql(MARK_READ)
        await client.login(BUDI_NIP)  # another user behind the same address
        response = await client.http.post("/graphql", json={"query": MARK_READ})
        assert response.status_code == 429


async def test_rate_limit_redis_store_is_shared_by_instances(database_url, monkeypatch):
    problem = _redis_problem()
    if problem:
        pytest.skip(f"Redis not available: {problem}")
    monkeypatch.setattr(ratelimit, "REDIS_PREFIX", f"test:{uuid.uuid4().hex}:")
    settings = dev_settings(
        database_url, rate_limit_redis_url=REDIS_URL, rate_limit_sign_in_per_address=4
    )
    async with portal(settings) as first, portal(settings) as second:
        await make_world()
        for client in (first, second, first, second):
            assert (await client.http.get("/auth/login")).status_code == 303
        assert (await first.http.get("/auth/login")).status_code == 429
        assert (await second.http.get("/auth/login")).status_code == 429


async def test_rate_limit_store_down_fails_open_quickly(database_url):
    settings = dev_settings(database_url, rate_limit_redis_url="redis://127.0.0.1:1/0")
    async with portal(settings) as client:
        await make_world()
        started = time.perf_counter()
        response = await client.http.post("/auth/dev-login", data={"nip": SITI_NIP})
        assert response.status_code == 303
        assert time.perf_counter() - started < 3


async def test_memory_store_window_resets():
    store = ratelimit.MemoryStore()
    limiter = ratelimit.RateLimiter(store, window=1)
    assert (await limiter.check("k", 1)).allowed
    refused = await limiter.check("k", 1)
    assert not refused.allowed
    assert refused.retry_after == 1
    store._windows["k"] = (time.monotonic() - 1, 5)  # the window has ended
    assert (await limiter.check("k", 1)).allowed
