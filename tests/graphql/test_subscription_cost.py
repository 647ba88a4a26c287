"""An event costs only the subscribers it may concern: the others read nothing at all.

With a thousand pages open, each enrollment change used to reload every subscriber's principal
(one statement each) before finding it was about someone else.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from portal.auth.principal import load_principal
from portal.events import Event, InMemoryBus, get_bus, set_bus
from portal.graphql import subscriptions as subs
from portal.graphql.loaders import Loaders
from tests.factories import make_world


async def _collect(stream, into: list) -> None:
    async for item in stream:
        into.append(item)


async def test_each_stream_lets_through_only_what_may_concern_its_subscriber(db):
    w = await make_world()
    siti = await load_principal(employee_id=w.siti.id, via="test")
    budi = await load_principal(employee_id=w.budi.id, via="test")
    assert siti is not None
    assert budi is not None
    previous = get_bus()
    bus = InMemoryBus()
    set_bus(bus)
    got: dict[str, list] = {name: [] for name in ("mine", "inbox", "skp", "profile", "budi")}

    def info(principal):
        return SimpleNamespace(context=SimpleNamespace(principal=principal, loaders=Loaders()))

    streams = {
        "mine": subs._events(info(siti), {"enrollment.changed"}, subs._about_me),
        "inbox": subs._events(info(siti), {"enrollment.changed"}, subs._awaits_someone),
        "skp": subs._events(info(siti), {"skp.changed"}, subs._about_me),
        "profile": subs._events(info(siti), subs.PROFILE_TOPICS, subs._may_concern_me),
        # Without a filter every event reloads the principal (the team views need it).
        "budi": subs._events(info(budi), {"enrollment.changed"}),
    }
    tasks = [asyncio.create_task(_collect(s, got[n])) for n, s in streams.items()]
    try:
        await asyncio.sleep(0.05)
        others = [
            Event("enrollment.changed", {"employee": w.stranger.id, "awaiting_position": 0,
                                         "awaiting_hr": 0, "previous_awaiting_position": 0,
                                         "previous_awaiting_hr": 0})
            for _ in range(20)
        ] + [
            Event("skp.changed", {"employee": w.stranger.id}),
            Event("profile.changed", {"employee": w.stranger.id}),
            Event("plan.changed", {"employee": w.budi.id}),
        ]  # fmt: skip
        await bus.publish(others)
        await asyncio.sleep(0.2)
        # Budi's unfiltered stream reloaded his principal for each of the 20 enrollment events;
        # Siti's four streams let none through (statements counted in the next test).
        assert [len(got[n]) for n in ("mine", "inbox", "skp", "profile")] == [0, 0, 0, 0]
        assert len(got["budi"]) == 20

        about_siti = [
            Event("enrollment.changed", {"employee": w.siti.id, "awaiting_position": 0,
                                         "awaiting_hr": 0, "previous_awaiting_position": 0,
                                         "previous_awaiting_hr": 0}),
            Event("skp.changed", {"employee": w.siti.id}),
            Event("plan.changed", {"employee": w.siti.id}),
            # A request waiting for someone: the inbox stream must look (the rest is its rule).
            Event("enrollment.changed", {"employee": w.stranger.id,
                                         "awaiting_position": w.budi.position_id,
                                         "awaiting_hr": 0, "previous_awaiting_position": 0,
                                         "previous_awaiting_hr": 0}),
        ]  # fmt: skip
        await bus.publish(about_siti)
        await asyncio.sleep(0.2)
        assert [e.topic for e, _ in got["mine"]] == ["enrollment.changed"]
        assert [e.ids["awaiting_position"] for e, _ in got["inbox"]] == [w.budi.position_id]
        assert [e.topic for e, _ in got["skp"]] == ["skp.changed"]
        assert [e.topic for e, _ in got["profile"]] == ["plan.changed"]
        assert all(p.employee_id == w.siti.id for n in ("mine", "skp") for _, p in got[n])
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        set_bus(previous)


async def test_a_filtered_stream_sends_no_statement_for_others(db, count_queries):
    """Counted in the stream's own task: 20 events about others, 0 statements; 1 about me, 1."""
    w = await make_world()
    siti = await load_principal(employee_id=w.siti.id, via="test")
    previous = get_bus()
    bus = InMemoryBus()
    set_bus(bus)
    context = SimpleNamespace(principal=siti, loaders=Loaders())
    stream = subs._events(SimpleNamespace(context=context), {"skp.changed"}, subs._about_me)
    try:
        with count_queries() as counter:
            first = asyncio.ensure_future(stream.__anext__())  # a task started inside the count
            await asyncio.sleep(0.05)
            await bus.publish([Event("skp.changed", {"employee": w.stranger.id})] * 20)
            await asyncio.sleep(0.2)
            assert counter.count == 0
            assert not first.done()
            await bus.publish([Event("skp.changed", {"employee": w.siti.id})])
            event, principal = await asyncio.wait_for(first, 5)
        assert event.ids["employee"] == w.siti.id
        assert principal.employee_id == w.siti.id
        assert counter.count == 1  # the principal, re-read for the one event that concerns her
    finally:
        await stream.aclose()
        set_bus(previous)
