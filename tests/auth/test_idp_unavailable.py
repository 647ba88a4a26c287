"""An unreachable IdP is a clear 503, never a crash."""

from __future__ import annotations

import socket

from tests.auth.conftest import ME, PORTAL, error_code, gql, portal_client, sso_settings_for
from tests.factories import make_world
from tests.idp.fixture import login_with_http_client, start_idp

JSON = {"Accept": "application/json"}


def closed_port_url() -> str:
    """A loopback URL where nothing listens (the port was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


async def test_login_when_the_idp_is_unreachable_is_a_503_page(database_url, idp):
    settings = sso_settings_for(database_url, idp, oidc_issuer=closed_port_url())
    async with portal_client(settings) as portal:
        page = await portal.get("/auth/login")
        assert page.status_code == 503
        assert "SSO tidak dapat dihubungi" in page.text
        assert page.headers["retry-after"]
        body = await portal.get("/auth/login", headers=JSON)
        assert body.status_code == 503
        assert body.json()["error"]["code"] == "IDP_UNAVAILABLE"


async def test_idp_going_down_during_the_flow_is_a_503(database_url, browser):
    idp = start_idp(
        redirect_uris=[f"{PORTAL}/auth/callback"], post_logout_redirect_uris=[f"{PORTAL}/"]
    )
    try:
        settings = sso_settings_for(database_url, idp)
        async with portal_client(settings) as portal:
            await make_world()
            authorize = (await portal.get("/auth/login")).headers["location"]
            callback = login_with_http_client(browser, authorize, "siti", "password")
            idp.stop()
            response = await portal.get(callback, headers=JSON)
            assert response.status_code == 503
            assert response.json()["error"]["code"] == "IDP_UNAVAILABLE"
            assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"
    finally:
        idp.stop()


async def test_bearer_token_when_the_idp_is_unreachable_is_a_503(database_url, idp):
    settings = sso_settings_for(database_url, idp, oidc_issuer=closed_port_url())
    async with portal_client(settings) as portal:
        response = await portal.post(
            "/graphql", json={"query": ME}, headers={"Authorization": "Bearer a.b.c"}
        )
        # The token cannot even be parsed: refused before the IdP is needed.
        assert response.status_code == 401
        token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzaXRpIn0.c2ln"
        response = await portal.post(
            "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 503
        assert response.json()["errors"][0]["extensions"]["code"] == "IDP_UNAVAILABLE"
