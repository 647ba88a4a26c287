"""The event bus: after-commit delivery, nothing on rollback, and re-listening after a reconnect."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from portal.db import normalise_url
from portal.events import CHANNEL, Event, emit, make_bus, set_bus, transaction


async def _next(sub, within: float = 3.0) -> Event:
    return await asyncio.wait_for(sub.__aiter__().__anext__(), within)


async def test_events_go_out_after_commit_and_never_on_rollback(db):
    bus = make_bus(normalise_url(db.database_url))
    await bus.start()
    set_bus(bus)
    try:
        sub = bus.subscribe({"x.changed"})

        async def emit_then_roll_back():
            async with transaction():
                emit(Event("x.changed", {"id": 1}))
                raise RuntimeError("rolled back")

        with pytest.raises(RuntimeError):
            await emit_then_roll_back()
        async with transaction():
            emit(Event("x.changed", {"id": 2}))
            emit(Event("other.topic", {"id": 3}))
        event = await _next(sub)
        assert event.ids == {"id": 2}
        with pytest.raises(asyncio.TimeoutError):
            await _next(sub, within=0.3)
        with pytest.raises(RuntimeError):
            emit(Event("x.changed"))  # outside a transaction is a bug, not a silent drop
    finally:
        set_bus(None)
        await bus.stop()


@pytest.mark.postgres_only
async def test_listener_reconnects_after_its_connection_is_killed(db):
    bus = make_bus(normalise_url(db.database_url))
    bus.reconnect_delay = 0.1  # type: ignore[attr-defined]
    await bus.start()
    set_bus(bus)
    try:
        sub = bus.subscribe({"x.changed"})
        old_connection = bus._conn  # type: ignore[attr-defined]
        dsn = "postgresql://" + normalise_url(db.database_url).split("://", 1)[1]
        admin = await asyncpg.connect(dsn)
        try:
            killed = await admin.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE $1",
                f"LISTEN%{CHANNEL}%",
            )
            assert killed == 1
        finally:
            await admin.close()
        for _ in range(50):  # the listener notices, reconnects and LISTENs again
            await asyncio.sleep(0.1)
            if bus._conn is not old_connection and bus._connected.is_set():  # type: ignore[attr-defined]
                break
        else:
            pytest.fail("the event listener did not reconnect")
        async with transaction():
            emit(Event("x.changed", {"id": 7}))
        assert (await _next(sub)).ids == {"id": 7}
    finally:
        set_bus(None)
        await bus.stop()
