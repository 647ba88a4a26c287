"""PostgreSQL unreachable (the proxy cut): fast, clear 503s; recovery without a restart."""

from __future__ import annotations

import asyncio
import time

import asyncpg
import pytest

from portal.events import CHANNEL, Event, get_bus
from portal.settings import load_settings
from tests.conftest import running_app
from tests.factories import DEWI_NIP, SITI_NIP, make_world
from tests.faults.proxy import tcp_proxy

pytestmark = pytest.mark.postgres_only
ME = {"query": "{ me { nip } }"}
FAIL_FAST_SECONDS = 3.0


def _settings(url: str):
    return load_settings(
        database_url=url, dev_login=True, env="development", database_connect_timeout=1.0
    )


async def _timed(call):
    started = time.perf_counter()
    response = await call
    return response, time.perf_counter() - started


async def test_requests_fail_fast_with_503_and_recover_without_restart(database_url, capsys):
    with tcp_proxy() as proxy:
        async with running_app(_settings(proxy.url(database_url))) as client:
            await make_world()
            await client.login(DEWI_NIP)
            assert (await client.http.post("/graphql", json=ME)).status_code == 200
            assert (await client.http.get("/readyz")).status_code == 200

            proxy.cut()
            timings = {}
            for name, call in {
                "graphql": client.http.post("/graphql", json=ME),
                "readyz": client.http.get("/readyz"),
                "csv export": client.http.get("/exports/audit-log.csv"),
                "dev sign-in": client.http.post("/auth/dev-login", data={"nip": SITI_NIP}),
            }.items():
                response, seconds = await _timed(call)
                timings[name] = seconds
                assert response.status_code == 503, (name, response.text)
                assert seconds < FAIL_FAST_SECONDS, (name, seconds)
                assert "DATABASE_UNAVAILABLE" in response.text
                assert response.headers["retry-after"]
            body = (await client.http.post("/graphql", json=ME)).json()
            assert body["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"

            proxy.restore()
            response, seconds = await _timed(client.http.post("/graphql", json=ME))
            assert response.status_code == 200, response.text
            assert response.json()["data"]["me"]["nip"] == DEWI_NIP
            assert (await client.http.get("/readyz")).status_code == 200
            with capsys.disabled():
                shown = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())
                print(
                    f"\n[fail-fast while PostgreSQL is cut] {shown}; "
                    f"first request after restore {seconds * 1000:.0f} ms"
                )


async def test_terminated_backends_are_replaced_by_the_pool(database_url):
    """pg_terminate_backend on this test's own database: the next requests reconnect."""
    async with running_app(_settings(database_url)) as client:
        await make_world()
        await client.login(SITI_NIP)
        assert (await client.http.post("/graphql", json=ME)).status_code == 200
        database = database_url.rsplit("/", 1)[1]
        admin = await asyncpg.connect(database_url)
        try:
            killed = await admin.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = $1 AND pid <> pg_backend_pid()",
                database,
            )
        finally:
            await admin.close()
        assert killed >= 1
        statuses = [(await client.http.post("/graphql", json=ME)).status_code for _ in range(3)]
        # A request may meet a dead pooled connection (503) before the pool replaces it.
        assert statuses[-1] == 200, statuses
        assert set(statuses) <= {200, 503}, statuses


async def test_event_bus_relistens_after_the_connection_is_cut(database_url):
    with tcp_proxy() as proxy:
        async with running_app(_settings(proxy.url(database_url))):
            bus = get_bus()
            assert bus is not None
            assert bus._connected.is_set()
            subscription = bus.subscribe(["test.ping"])
            proxy.cut()
            await _until(lambda: not bus._connected.is_set())  # type: ignore[attr-defined]
            await asyncio.sleep(1.2)  # a few failed reconnects while it is down
            proxy.restore()
            await _until(lambda: bus._connected.is_set())  # type: ignore[attr-defined]
            # A later event, sent by another process's connection, reaches the subscriber.
            other = await asyncpg.connect(database_url)
            try:
                event = Event("test.ping", {"id": 7}, origin="elsewhere")
                await other.execute("SELECT pg_notify($1, $2)", CHANNEL, event.to_json())
            finally:
                await other.close()
            received = await asyncio.wait_for(subscription.queue.get(), timeout=5)
            assert received.ids == {"id": 7}
            subscription.close()


async def _until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.05)


async def test_anonymous_resolver_meeting_the_outage_gets_503(database_url):
    """No principal to load: the outage is met inside a resolver, not before execution."""
    query = {"query": '{ surveyService(code: "no-such-service") { __typename } }'}
    with tcp_proxy() as proxy:
        async with running_app(_settings(proxy.url(database_url))) as client:
            assert (await client.http.post("/graphql", json=query)).status_code == 200
            proxy.cut()
            response, seconds = await _timed(client.http.post("/graphql", json=query))
            assert response.status_code == 503, response.text
            assert seconds < FAIL_FAST_SECONDS
            error = response.json()["errors"][0]
            assert error["extensions"]["code"] == "DATABASE_UNAVAILABLE"
            assert error["extensions"]["requestId"] == response.headers["x-request-id"]
            proxy.restore()
            assert (await client.http.post("/graphql", json=query)).status_code == 200
