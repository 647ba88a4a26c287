"""Helpers for the catalog, plan and export tests: principals, captured events, table dumps."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from portal.audit.models import AuditEntry
from portal.auth.principal import Principal, principal_for
from portal.db import fetch
from portal.events import Event, InMemoryBus, get_bus, set_bus
from portal.people.models import Employee

# Every table a catalog or plan change may touch: "bad input changes nothing" compares them all.
TABLES = [
    "course",
    "course_competency",
    "course_unit",
    "training_session",
    "enrollment",
    "enrollment_event",
    "training_plan",
    "training_plan_item",
    "notification",
    "audit_entry",
]


async def as_principal(employee: Employee) -> Principal:
    return await principal_for(employee, via="test")


async def dump() -> dict[str, list[dict[str, Any]]]:
    """Every row of the touched tables, in a stable order (sign-ins are not changes)."""
    rows = {t: await fetch(f'SELECT * FROM "{t}" ORDER BY 1, 2') for t in TABLES}
    rows["audit_entry"] = [r for r in rows["audit_entry"] if not r["action"].startswith("auth.")]
    return rows


class Captured:
    """Events published while the context is open."""

    def __init__(self, bus: InMemoryBus) -> None:
        self.sub = bus.subscribe()

    def drain(self) -> list[Event]:
        out = []
        while not self.sub.queue.empty():
            out.append(self.sub.queue.get_nowait())
        return out

    def topics(self) -> list[str]:
        return [e.topic for e in self.drain()]


@contextlib.asynccontextmanager
async def captured_events() -> AsyncIterator[Captured]:
    """An in-memory bus for the test (restores whatever bus was set)."""
    previous = get_bus()
    bus = InMemoryBus()
    set_bus(bus)
    try:
        yield Captured(bus)
    finally:
        set_bus(previous)


async def audit(action: str) -> list[AuditEntry]:
    return await AuditEntry.filter(action=action).order_by("id")
