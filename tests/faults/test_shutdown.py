"""SIGTERM: in-flight requests finish, WebSockets are closed cleanly (1012), the process exits."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
import websockets

from portal.db import close_db, fetch, init_db
from tests.factories import DEWI_NIP, make_world
from tests.live import free_port, session_cookie

ROWS = 30_000
BULK_SQL = {
    "postgres": "INSERT INTO audit_entry (at, actor_label, action, object_type, object_id, "
    "client_ip, request_id) SELECT now(), 'bulk', 'test.bulk', 'X', g::text, '', '' "
    f"FROM generate_series(1, {ROWS}) g",
    "sqlite": "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < "
    f"{ROWS}) INSERT INTO audit_entry (at, actor_label, action, object_type, object_id, "
    "client_ip, request_id) SELECT datetime('now'), 'bulk', 'test.bulk', 'X', n, '', '' FROM g",
}


async def _seed(settings) -> None:
    from tortoise import connections

    await init_db(settings)
    try:
        await make_world()
        dialect = connections.get("default").capabilities.dialect
        await fetch(BULK_SQL[dialect]) if dialect == "sqlite" else await connections.get(
            "default"
        ).execute_script(BULK_SQL[dialect])
    finally:
        await close_db()


def _start(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_DEV_LOGIN": "1",
        "PORTAL_BASE_URL": base,
        "PORTAL_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "portal.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "no output")
        time.sleep(0.1)


async def _subscribe(base: str, cookie: str) -> websockets.ClientConnection:
    ws = await websockets.connect(
        base.replace("http", "ws") + "/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        additional_headers={"Cookie": cookie, "Origin": base},
    )
    await ws.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    await ws.send(
        json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": "subscription { notificationReceived { id } }"},
            }
        )
    )
    return ws


async def test_sigterm_drains_in_flight_requests_and_closes_websockets(settings):
    await _seed(settings)
    proc, base = _start(settings.database_url)
    try:
        cookie = await session_cookie(base, DEWI_NIP)
        ws = await _subscribe(base, cookie)
        headers = {"Cookie": cookie, "Origin": base}
        export = "/exports/audit-log.csv?action=test.bulk"
        async with (
            httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as http,
            http.stream("GET", export) as response,
        ):
            assert response.status_code == 200
            chunks = response.aiter_text()
            received = [await anext(chunks)]  # the download is under way...
            proc.send_signal(signal.SIGTERM)  # ...when the instance is told to stop
            received += [chunk async for chunk in chunks]
        lines = "".join(received).splitlines()
        assert len(lines) == ROWS + 1  # header + every row: the request was drained, not cut
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), timeout=10)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 1012  # service restart: reconnect elsewhere
        # Uvicorn re-raises SIGTERM once it has shut down cleanly: the exit says "terminated".
        assert proc.wait(timeout=20) in (0, -signal.SIGTERM)
        async with httpx.AsyncClient() as http:
            with pytest.raises(httpx.HTTPError):
                await http.get(f"{base}/healthz", timeout=1)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
