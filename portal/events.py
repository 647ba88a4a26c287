"""The event bus: domain services emit events inside a transaction; they go out after commit.

One process (SQLite, tests): an in-memory fan-out. Several processes on PostgreSQL: LISTEN/NOTIFY
on one dedicated connection that re-listens after a reconnect. Events carry ids only (NOTIFY
payloads are capped at 8000 bytes and we never want a stale document); subscribers re-read and
re-authorize.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

log = logging.getLogger("portal.events")
CHANNEL = "portal_events"


@dataclass(frozen=True, slots=True)
class Event:
    """Something changed. ``topic`` like ``enrollment.changed``; ``ids`` name what changed."""

    topic: str
    ids: dict[str, int] = field(default_factory=dict)
    origin: str = ""

    def to_json(self) -> str:
        return json.dumps({"t": self.topic, "i": self.ids, "o": self.origin}, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str) -> Event:
        data = json.loads(raw)
        return cls(
            topic=str(data["t"]),
            ids={k: int(v) for k, v in data["i"].items()},
            origin=data.get("o", ""),
        )


class Subscription:
    """A queue of events for one subscriber; iterate it, close it when done."""

    def __init__(self, bus: InMemoryBus, topics: frozenset[str]) -> None:
        self._bus = bus
        self.topics = topics
        self.queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=1000)

    def matches(self, event: Event) -> bool:
        return not self.topics or event.topic in self.topics

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        while True:
            yield await self.queue.get()

    def close(self) -> None:
        self._bus._subscriptions.discard(self)


class InMemoryBus:
    """Fan-out to the subscribers of this process."""

    def __init__(self) -> None:
        self._subscriptions: set[Subscription] = set()
        self.instance_id = f"{os.getpid()}-{id(self):x}"

    @property
    def subscriber_count(self) -> int:
        return len(self._subscriptions)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        self._subscriptions.clear()

    def subscribe(self, topics: Iterable[str] = ()) -> Subscription:
        sub = Subscription(self, frozenset(topics))
        self._subscriptions.add(sub)
        return sub

    def deliver(self, event: Event) -> None:
        for sub in list(self._subscriptions):
            if sub.matches(event):
                try:
                    sub.queue.put_nowait(event)
                except asyncio.QueueFull:
                    # A stuck subscriber must not stall everyone: it misses events, and
                    # re-reads state on its next one (events name ids, not contents).
                    log.warning("subscriber queue full; dropping %s", event.topic)

    async def publish(self, events: list[Event]) -> None:
        for event in events:
            self.deliver(event)


class PostgresBus(InMemoryBus):
    """LISTEN/NOTIFY across processes; local delivery happens when our own NOTIFY comes back."""

    def __init__(self, dsn: str, reconnect_delay: float = 0.5) -> None:
        super().__init__()
        self.dsn = dsn
        self.reconnect_delay = reconnect_delay
        self._conn: Any = None
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self._stopping = False

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen_forever(), name="portal-event-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._connected.wait(), timeout=5)

    async def stop(self) -> None:
        self._stopping = True
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()
        await super().stop()

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            self.deliver(Event.from_json(payload))
        except (ValueError, KeyError):
            log.warning("ignoring malformed event payload")

    async def _listen_forever(self) -> None:
        import asyncpg

        while not self._stopping:
            try:
                self._conn = await asyncpg.connect(self.dsn)
                await self._conn.add_listener(CHANNEL, self._on_notify)
                self._connected.set()
                log.info("event bus listening on %s", CHANNEL)
                # Wait until the connection drops; asyncpg calls the termination listener.
                closed = asyncio.Event()
                self._conn.add_termination_listener(lambda _c, done=closed: done.set())
                await closed.wait()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # network, server restart: retry, never die
                log.warning("event bus connection failed: %s", exc)
            self._connected.clear()
            await asyncio.sleep(self.reconnect_delay)

    async def publish(self, events: list[Event]) -> None:
        from tortoise import connections

        client = connections.get("default")
        # One round trip however many events a transaction produced (bulk operations make
        # thousands); each stays its own NOTIFY so payloads stay small.
        await client.execute_query(
            "SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload",
            [CHANNEL, [event.to_json() for event in events]],
        )


_bus: InMemoryBus | None = None
_pending: ContextVar[list[Event] | None] = ContextVar("portal_pending_events", default=None)
_callbacks: ContextVar[list[Callable[[], Awaitable[None]]] | None] = ContextVar(
    "portal_after_commit", default=None
)
_background: set[asyncio.Task[None]] = set()


def set_bus(bus: InMemoryBus | None) -> None:
    global _bus
    _bus = bus


def get_bus() -> InMemoryBus | None:
    return _bus


def emit(event: Event) -> None:
    """Queue an event for after the current transaction commits (dropped if it rolls back)."""
    pending = _pending.get()
    if pending is None:
        raise RuntimeError("emit() outside portal.events.transaction()")
    pending.append(event)


def after_commit(callback: Callable[[], Awaitable[None]]) -> None:
    """Run ``callback`` in the background once the current transaction has committed."""
    callbacks = _callbacks.get()
    if callbacks is None:
        raise RuntimeError("after_commit() outside portal.events.transaction()")
    callbacks.append(callback)


@contextlib.asynccontextmanager
async def transaction() -> AsyncIterator[Any]:
    """A database transaction whose emitted events are published only after commit."""
    outer = _pending.get()
    if outer is not None:  # nested: the outermost transaction publishes
        async with in_transaction("default") as conn:
            yield conn
        return
    pending: list[Event] = []
    callbacks: list[Callable[[], Awaitable[None]]] = []
    token, callbacks_token = _pending.set(pending), _callbacks.set(callbacks)
    try:
        async with in_transaction("default") as conn:
            yield conn
    finally:
        _pending.reset(token)
        _callbacks.reset(callbacks_token)
    if pending and _bus is not None:
        try:
            await _bus.publish(pending)
        except Exception:  # the change is committed; a lost notification must not undo it
            log.exception("publishing %d events failed", len(pending))
    for callback in callbacks:
        # Slow side effects (e-mail) must not hold the request; keep a reference so the
        # task is not garbage-collected mid-flight.
        task = asyncio.create_task(_run_quietly(callback))
        _background.add(task)
        task.add_done_callback(_background.discard)


async def _run_quietly(callback: Callable[[], Awaitable[None]]) -> None:
    try:
        await callback()
    except Exception:
        log.exception("after-commit callback failed")


# ASYNC109: `timeout` is part of this public helper's signature (app shutdown, tests, bench) and is
# handed straight to asyncio.wait, which returns on time-out instead of raising.
async def drain_background(timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Wait for after-commit work still running (shutdown, tests)."""
    if _background:
        await asyncio.wait(set(_background), timeout=timeout)


def make_bus(database_url: str) -> InMemoryBus:
    if database_url.startswith(("postgres://", "postgresql://")):
        return PostgresBus("postgresql://" + database_url.split("://", 1)[1])
    return InMemoryBus()
