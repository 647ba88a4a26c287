"""Live-test helpers: a client library we did not write (gql over graphql-transport-ws) on a real
portal process, timed subscription streams, and mutations over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from gql import Client, GraphQLRequest
from gql.transport.websockets import WebsocketsTransport
from graphql import DocumentNode

from portal.db import close_db, init_db
from portal.people.models import ActingAppointment, ActingKind, Employee
from portal.settings import Settings
from tests.factories import World, make_employee, make_world
from tests.live import live_portal

T = TypeVar("T")

# What "live" means in the issues: a change reaches an open page within this many seconds.
LIVE = 1.0
# How long a subscriber that must hear nothing is watched.
QUIET = 0.5


def ws_transport(base: str, cookie: str, origin: str | None = None) -> WebsocketsTransport:
    headers = {"Cookie": cookie, "Origin": origin or base}
    return WebsocketsTransport(
        url=base.replace("http", "ws") + "/graphql",
        headers=headers,
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )


async def first_result(session: Any, document: DocumentNode, within: float = 5.0) -> Any:
    async def take() -> Any:
        async for result in session.subscribe(document):
            return result

    return await asyncio.wait_for(take(), within)


async def seed(settings: Settings) -> World:
    await init_db(settings)
    try:
        return await make_world()
    finally:
        await close_db()


async def seed_with(settings: Settings, build: Callable[[World], Awaitable[T]]) -> T:
    """The test world plus what ``build`` adds to it, written before any portal starts."""
    await init_db(settings)
    try:
        return await build(await make_world())
    finally:
        await close_db()


async def appoint_plt(w: World) -> Employee:
    """Wawan, who holds another Dinkes position, is acting (Plt) for Budi's position this week."""
    plt = await make_employee("Wawan Setiawan", w.other_pos, w.dinkes)
    today = dt.date.today()
    await ActingAppointment.create(
        position=w.budi_pos,
        employee=plt,
        kind=ActingKind.PLT,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=5),
    )
    return plt


@contextlib.contextmanager
def portals(database_url: str, *, processes: int) -> Iterator[tuple[str, str]]:
    """(where changes are made, where subscribers listen): one portal, or two on one database."""
    with live_portal(database_url) as first:
        if processes == 1:
            yield first, first
            return
        with live_portal(database_url) as second:
            yield first, second


async def post_graphql(base: str, cookie: str, document: str, variables: dict) -> dict:
    async with httpx.AsyncClient(base_url=base, headers={"Cookie": cookie, "Origin": base}) as http:
        response = await http.post("/graphql", json={"query": document, "variables": variables})
        return response.json()


@dataclass(frozen=True, slots=True)
class Change:
    """A mutation's success payload and when its answer came: the change is committed by then."""

    payload: dict[str, Any]
    at: float


async def mutate(
    base: str, cookie: str, name: str, values: dict[str, Any], *, select: str = ""
) -> Change:
    """Run mutation ``name`` with one ``input`` (the schema's conventions) and insist it succeeds.

    ``select`` is more of the payload to read (e.g. ``... on XSuccess { item { id } }``).
    """
    kind = name[0].upper() + name[1:]
    document = (
        f"mutation($input: {kind}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on {kind}Error {{ code field message }} {select} }} }}"
    )
    body = await post_graphql(base, cookie, document, {"input": values})
    payload = (body.get("data") or {}).get(name)
    assert payload is not None, body
    assert not payload["__typename"].endswith("Error"), payload
    return Change(payload, now())


@dataclass(frozen=True, slots=True)
class Arrival:
    at: float
    data: dict[str, Any]


class Stream:
    """One subscription on an open gql session, each result queued with the time it arrived."""

    def __init__(
        self, session: Any, document: str, *, label: str, variables: dict | None = None
    ) -> None:
        self.label = label
        self._arrivals: asyncio.Queue[Arrival | Exception] = asyncio.Queue()
        request = GraphQLRequest(document, variable_values=variables)
        self._task = asyncio.create_task(self._run(session, request))

    async def _run(self, session: Any, request: GraphQLRequest) -> None:
        loop = asyncio.get_running_loop()
        try:
            async for result in session.subscribe(request):
                (data,) = result.values()  # one root field per subscription
                self._arrivals.put_nowait(Arrival(loop.time(), data))
        except Exception as exc:  # surfaces in next(), not as a silent time-out
            self._arrivals.put_nowait(exc)

    async def next(self, *, since: float, within: float = LIVE) -> dict[str, Any]:
        """The next result, which must arrive within ``within`` seconds of ``since``.

        Tests pass the moment a mutation answered (``Change.at``): the change is committed and
        its events published by then. The mutation's own time is not the live path's, and on a
        shared, loaded machine it alone has taken two seconds.
        """
        if self._arrivals.empty():
            left = since + within - now()
            try:
                arrival = await asyncio.wait_for(self._arrivals.get(), max(left, 0.001))
            except TimeoutError:
                raise AssertionError(f"{self.label}: nothing within {within}s") from None
        else:
            arrival = self._arrivals.get_nowait()
        if isinstance(arrival, Exception):
            raise arrival
        assert arrival.at - since < within, f"{self.label}: after {arrival.at - since:.2f}s"
        return arrival.data

    async def take(self, count: int, *, since: float, within: float = LIVE) -> list[dict]:
        """Exactly ``count`` results, each within ``within`` seconds of ``since``."""
        return [await self.next(since=since, within=within) for _ in range(count)]

    def assert_nothing_queued(self) -> None:
        if not self._arrivals.empty():
            raise AssertionError(f"{self.label} received {self._arrivals.get_nowait()}")

    def close(self) -> None:
        self._task.cancel()


class Watchers:
    """Open WebSocket sessions (one per person) and the streams on them, closed together."""

    def __init__(self, stack: contextlib.AsyncExitStack, base: str, cookies: dict[str, str]):
        self._stack, self._base, self._cookies = stack, base, cookies
        self._sessions: dict[str, Any] = {}
        self.streams: list[Stream] = []

    async def watch(
        self, nip: str, document: str, *, label: str, variables: dict | None = None
    ) -> Stream:
        """Subscribe as the person with this NIP."""
        if nip not in self._sessions:
            client = Client(transport=ws_transport(self._base, self._cookies[nip]))
            self._sessions[nip] = await self._stack.enter_async_context(client)
        stream = Stream(self._sessions[nip], document, label=label, variables=variables)
        self.streams.append(stream)
        return stream


@contextlib.asynccontextmanager
async def watchers(base: str, cookies: dict[str, str]) -> AsyncIterator[Watchers]:
    async with contextlib.AsyncExitStack() as stack:
        opened = Watchers(stack, base, cookies)
        try:
            yield opened
        finally:
            for stream in opened.streams:
                stream.close()


async def settle() -> None:
    """Give the subscriptions just opened time to register on the server (no ack for that)."""
    await asyncio.sleep(0.5)


async def quiet(*streams: Stream) -> None:
    """None of these streams received anything, watched for ``QUIET`` seconds."""
    await asyncio.sleep(QUIET)
    for stream in streams:
        stream.assert_nothing_queued()


def now() -> float:
    return asyncio.get_running_loop().time()
