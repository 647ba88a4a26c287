"""SSO fixtures: the real test OpenID provider (tests/idp) and the portal configured for it.

The portal runs in-process (httpx ASGITransport) under ``PORTAL``: the URL its settings build the
callback from, registered at the IdP. The IdP side is driven by a plain sync httpx client (the
"browser") following the provider's own pages; the callback URL it ends on is handed to the
portal client, exactly as a browser would follow the redirect.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from portal.settings import Settings, load_settings
from tests.idp.fixture import TestIdP, login_with_http_client, start_idp

PORTAL = "http://127.0.0.1:8765"
ORIGIN = {"Origin": PORTAL}
ME = "{ me { nip name } }"


@pytest.fixture(scope="module")
def idp() -> Iterator[TestIdP]:
    server = start_idp(
        redirect_uris=[f"{PORTAL}/auth/callback"], post_logout_redirect_uris=[f"{PORTAL}/"]
    )
    yield server
    server.stop()


def sso_settings_for(database_url: str, idp: TestIdP, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "env": "development",
        "dev_login": True,
        "base_url": PORTAL,
        "oidc_issuer": idp.issuer,
        "oidc_client_id": idp.client_id,
        "oidc_client_secret": idp.client_secret,
        "oidc_leeway": 5,
    }
    return load_settings(**(values | overrides))


@pytest.fixture
def sso_settings(database_url: str, idp: TestIdP) -> Settings:
    return sso_settings_for(database_url, idp)


@contextlib.asynccontextmanager
async def portal_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The portal app with its lifespan, reached at ``PORTAL`` (cookies are kept per host)."""
    from portal.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=PORTAL) as http:
            yield http


@pytest.fixture
async def portal(sso_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(sso_settings) as http:
        yield http


@pytest.fixture
def browser() -> Iterator[httpx.Client]:
    """The user's browser at the IdP (its own cookie jar: the IdP session)."""
    with httpx.Client() as http:
        yield http


async def start_login(portal: httpx.AsyncClient, next_url: str = "/") -> str:
    """``/auth/login``: the authorization URL the portal redirects to."""
    response = await portal.get("/auth/login", params={"next": next_url})
    assert response.status_code == 302, response.text
    return response.headers["location"]


async def sign_in(
    portal: httpx.AsyncClient,
    browser: httpx.Client,
    login: str,
    *,
    next_url: str = "/",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """The whole code flow: portal -> IdP login page -> portal callback; the callback's answer."""
    authorize = await start_login(portal, next_url)
    callback = login_with_http_client(browser, authorize, login, "password")
    assert callback.startswith(f"{PORTAL}/auth/callback?"), callback
    return await portal.get(callback, headers=headers or {})


async def gql(
    portal: httpx.AsyncClient, query: str, *, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    response = await portal.post("/graphql", json={"query": query}, headers=headers or {})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_code(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    return errors[0].get("extensions", {}).get("code") if errors else None


def session_data(http: httpx.AsyncClient, settings: Settings) -> dict[str, Any]:
    """What the signed session cookie holds (Starlette: base64 JSON signed by itsdangerous)."""
    import base64
    import json

    from itsdangerous import TimestampSigner

    cookie = http.cookies.get("portal_session")
    if not cookie:
        return {}
    signer = TimestampSigner(settings.secret_key.get_secret_value())
    data: dict[str, Any] = json.loads(base64.b64decode(signer.unsign(cookie)))
    return data
