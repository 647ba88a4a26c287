"""Sign-out: our session ends, and an SSO session ends at the IdP too (RP-initiated logout)."""

from __future__ import annotations

import httpx
import pytest

from portal.audit.models import AuditEntry
from tests.auth.conftest import (
    ME,
    ORIGIN,
    PORTAL,
    error_code,
    gql,
    portal_client,
    session_data,
    sign_in,
    sso_settings_for,
)
from tests.factories import SITI_NIP, make_world
from tests.idp.fixture import IdPFlowError, login_with_http_client, logout_with_http_client


async def test_logout_ends_our_session_and_the_idp_session(portal, browser, idp, sso_settings):
    w = await make_world()
    await sign_in(portal, browser, "siti")
    assert (await gql(portal, ME))["data"]["me"]["nip"] == SITI_NIP
    held = session_data(portal, sso_settings)
    assert set(held) == {"sid", "eid", "via", "iat", "seen", "id_token"}  # nothing else kept

    response = await portal.post("/auth/logout", headers=ORIGIN)

    assert response.status_code == 303
    end_session = httpx.URL(response.headers["location"])
    assert str(end_session.copy_with(query=None)) == f"{idp.issuer}/session/end"
    assert end_session.params["post_logout_redirect_uri"] == f"{PORTAL}/"
    assert end_session.params["id_token_hint"] == held["id_token"]
    assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"
    # The browser follows the redirect: the IdP ends its session and sends it back to us.
    back = logout_with_http_client(browser, str(end_session))
    assert back.startswith(f"{PORTAL}/?state=")
    # The IdP session is gone: signing in again asks for the password (a wrong one fails).
    authorize = (await portal.get("/auth/login")).headers["location"]
    with pytest.raises(IdPFlowError, match="credentials rejected"):
        login_with_http_client(browser, authorize, "siti", "wrong-password")
    entry = await AuditEntry.get(action="auth.sign_out")
    assert entry.actor_id == w.siti.id
    assert entry.after == {"method": "sso"}


async def test_logout_of_a_dev_login_session_stays_local(portal, idp):
    await make_world()
    await portal.post("/auth/dev-login", data={"nip": SITI_NIP})
    response = await portal.post("/auth/logout", headers=ORIGIN)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert error_code(await gql(portal, ME)) == "UNAUTHENTICATED"


async def test_logout_for_a_script_answers_json(portal, browser, idp):
    await make_world()
    await sign_in(portal, browser, "siti")
    response = await portal.post("/auth/logout", headers=ORIGIN | {"Accept": "application/json"})
    assert response.status_code == 200
    assert response.json()["signedOut"] is True
    assert response.json()["redirect"].startswith(f"{idp.issuer}/session/end?")


async def test_logout_when_the_idp_is_down_still_ends_our_session(database_url, idp, browser):
    settings = sso_settings_for(database_url, idp)
    async with portal_client(settings) as portal:
        await make_world()
        await sign_in(portal, browser, "siti")
        # Another configuration of the same portal, whose IdP cannot be reached.
    down = sso_settings_for(database_url, idp, oidc_issuer="http://127.0.0.1:9")
    async with portal_client(down) as portal2:
        portal2.cookies = portal.cookies
        response = await portal2.post("/auth/logout", headers=ORIGIN)
        assert response.status_code == 303
        assert response.headers["location"] == "/"
        assert error_code(await gql(portal2, ME)) == "UNAUTHENTICATED"
