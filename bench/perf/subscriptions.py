"""Many graphql-transport-ws subscriptions from one client process (the `websockets` package)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

SUBSCRIPTION = "subscription MyEnrollmentChanged { myEnrollmentChanged { id status } }"


async def _open(url: str, origin: str, cookie: str) -> ClientConnection:
    ws = await connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        additional_headers={"Cookie": cookie},
        origin=origin,  # type: ignore[arg-type]
        open_timeout=30,
        ping_interval=None,
        max_queue=16,
    )
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    ack = json.loads(await asyncio.wait_for(ws.recv(), 30))
    if ack.get("type") != "connection_ack":
        raise RuntimeError(f"no connection_ack: {ack}")
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}))
    return ws


@contextlib.asynccontextmanager
async def opened(
    base: str, cookies: list[str], count: int, *, parallel: int = 50
) -> AsyncIterator[list[Any]]:
    """``count`` open subscriptions (cookies reused round-robin); all closed afterwards."""
    url = base.replace("http://", "ws://", 1) + "/graphql"
    limit = asyncio.Semaphore(parallel)
    sockets: list[ClientConnection] = []

    async def one(i: int) -> None:
        async with limit:
            sockets.append(await _open(url, base, cookies[i % len(cookies)]))

    try:
        await asyncio.gather(*(one(i) for i in range(count)))
        # A subscribe has no answer until an event: give the server time to start every one.
        await asyncio.sleep(2.0)
        closed = [ws for ws in sockets if ws.close_code is not None]
        if closed:
            raise RuntimeError(f"{len(closed)} subscriptions were closed by the server")
        yield sockets
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
