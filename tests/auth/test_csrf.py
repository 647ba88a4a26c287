"""CSRF: a cookie-authenticated change must come from our own pages (see portal/auth/csrf.py)."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

from portal.auth.csrf import CsrfMiddleware, origin_of
from portal.people.models import Role, RoleGrant
from portal.settings import load_settings
from tests.factories import DEWI_NIP, SITI_NIP, make_world

OURS = {"Origin": "http://testserver"}
EVIL = {"Origin": "https://evil.example"}
GRANT = """mutation { grantRole(input: {nip: "%s", role: HR}) { __typename } }"""


async def signed_in_as_dewi(client) -> None:
    await make_world()
    await client.login(DEWI_NIP)


def refused(response) -> bool:
    return (
        response.status_code == 403
        and response.json()["errors"][0]["extensions"]["code"] == "CSRF_REJECTED"
    )


async def test_mutation_from_another_site_is_refused(client):
    await signed_in_as_dewi(client)
    response = await client.http.post("/graphql", json={"query": GRANT % SITI_NIP}, headers=EVIL)
    assert refused(response)
    assert not await RoleGrant.exists(role=Role.HR, employee__nip=SITI_NIP)


async def test_mutation_from_our_origin_passes(client):
    await signed_in_as_dewi(client)
    response = await client.http.post("/graphql", json={"query": GRANT % SITI_NIP}, headers=OURS)
    assert response.json()["data"]["grantRole"]["__typename"] == "GrantRoleSuccess"


async def test_the_configured_base_url_is_our_origin_too(client, settings):
    await signed_in_as_dewi(client)
    base = {"Origin": origin_of(settings.base_url) or ""}
    response = await client.http.post("/graphql", json={"query": "{ me { nip } }"}, headers=base)
    assert response.json()["data"]["me"]["nip"] == DEWI_NIP


async def test_referer_is_checked_when_there_is_no_origin(client):
    await signed_in_as_dewi(client)
    own = await client.http.post("/auth/logout", headers={"Referer": "http://testserver/profil"})
    assert own.status_code == 303
    await client.login(DEWI_NIP)
    other = await client.http.post("/auth/logout", headers={"Referer": "https://evil.example/x"})
    assert refused(other)


async def test_cross_site_form_without_origin_or_referer_is_refused(client):
    """A form cannot send JSON or custom headers: without Origin/Referer it is refused."""
    await signed_in_as_dewi(client)
    form = await client.http.post("/auth/logout", data={"x": "1"})
    assert refused(form)
    text = await client.http.post(
        "/graphql", content='{"query": "mutation { x }"}', headers={"Content-Type": "text/plain"}
    )
    assert refused(text)
    null_origin = await client.http.post("/auth/logout", headers={"Origin": "null"})
    assert refused(null_origin)
    assert (await client.gql("{ me { nip } }"))["data"]["me"]["nip"] == DEWI_NIP  # still signed in


async def test_scripts_prove_themselves_with_json_or_the_custom_header(client):
    await signed_in_as_dewi(client)
    body = await client.gql(GRANT % SITI_NIP)  # JSON, no Origin: a script, not a form
    assert body["data"]["grantRole"]["__typename"] == "GrantRoleSuccess"
    response = await client.http.post("/auth/logout", headers={"X-Portal-CSRF": "1"})
    assert response.status_code == 303


async def test_requests_without_our_cookie_are_not_checked(client):
    response = await client.http.post("/auth/logout", headers=EVIL)
    assert response.status_code == 303


async def test_dev_login_form_works_while_signed_in(client):
    await signed_in_as_dewi(client)
    response = await client.http.post("/auth/dev-login", data={"nip": SITI_NIP})
    assert response.status_code == 303
    assert (await client.gql("{ me { nip } }"))["data"]["me"]["nip"] == SITI_NIP


async def test_graphql_over_get_runs_no_mutation_and_no_query(client):
    await signed_in_as_dewi(client)
    mutation = await client.http.get("/graphql", params={"query": GRANT % SITI_NIP})
    assert mutation.status_code >= 400
    assert not await RoleGrant.exists(role=Role.HR, employee__nip=SITI_NIP)
    query = await client.http.get("/graphql", params={"query": "{ me { nip } }"})
    assert query.status_code >= 400
    assert DEWI_NIP not in query.text


def _ws_app() -> Starlette:
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("hello")
        await websocket.close()

    settings = load_settings(base_url="https://portal.example.go.id")
    return Starlette(
        routes=[WebSocketRoute("/graphql", echo)],
        middleware=[Middleware(CsrfMiddleware, settings=settings)],
    )


async def _handshake(origin: str) -> list[dict[str, Any]]:
    """One WebSocket handshake straight through ASGI; what the app sent back."""
    headers = {"host": "portal.example.go.id", "cookie": "portal_session=abc", "origin": origin}
    scope = {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "wss",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "root_path": "",
        "query_string": b"",
        "subprotocols": [],
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
        "server": ("portal.example.go.id", 443),
        "client": ("10.0.0.7", 50000),
    }
    inbox = [{"type": "websocket.connect"}, {"type": "websocket.disconnect", "code": 1000}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return inbox.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await _ws_app()(scope, receive, send)
    return sent


async def test_websocket_handshake_with_our_cookie_from_another_site_is_refused():
    assert await _handshake("https://evil.example") == [{"type": "websocket.close", "code": 1008}]
    accepted = await _handshake("https://portal.example.go.id")
    assert accepted[0]["type"] == "websocket.accept"


def test_origin_of_normalises_like_browsers():
    assert origin_of("https://Portal.Example.go.id:443/x?y") == "https://portal.example.go.id"
    assert origin_of("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert origin_of("javascript:alert(1)") is None
    assert origin_of("null") is None
