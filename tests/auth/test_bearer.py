"""Bearer access tokens from the real provider: accepted when genuine, refused when forged."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterator

import pytest
from joserfc.jwk import KeySet

from portal.auth.bearer import principal_from_token
from portal.people.models import Employee
from tests.auth.conftest import ME, PORTAL, error_code, gql, portal_client, sso_settings_for
from tests.factories import BUDI_NIP, SITI_NIP, make_world
from tests.idp.fixture import TestIdP, client_credentials_token, obtain_user_tokens, start_idp

EVIL = {"Origin": "https://evil.example"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


@pytest.fixture(scope="module")
def other_idp() -> Iterator[TestIdP]:
    """Another provider (own issuer and keys) that the portal does not trust."""
    server = start_idp(redirect_uris=[f"{PORTAL}/auth/callback"], post_logout_redirect_uris=[])
    yield server
    server.stop()


async def refused(portal, token: str, caplog, *, status: int = 401) -> str:
    """POST a query with the token; assert the refusal and return the logged reason."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="portal.auth.bearer"):
        response = await portal.post("/graphql", json={"query": ME}, headers=bearer(token))
    assert response.status_code == status, response.text
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert "data" not in response.json()  # no resolver ran
    return caplog.text


async def test_token_from_the_idp_works_for_graphql(portal, idp):
    await make_world()
    token = obtain_user_tokens(idp, "siti")["access_token"]
    body = await gql(portal, ME, headers=bearer(token))
    assert body["data"]["me"]["nip"] == SITI_NIP
    assert "portal_session" not in portal.cookies  # a token never starts a session


async def test_token_wins_over_the_cookie_and_needs_no_csrf_proof(portal, idp):
    await make_world()
    await portal.post("/auth/dev-login", data={"nip": BUDI_NIP})
    token = obtain_user_tokens(idp, "siti")["access_token"]
    # Budi's cookie rides along from another origin; the token decides and no CSRF check applies.
    body = await gql(portal, ME, headers=bearer(token) | EVIL)
    assert body["data"]["me"]["nip"] == SITI_NIP


async def test_tampered_token_is_refused(portal, idp, caplog):
    await make_world()
    token = obtain_user_tokens(idp, "siti")["access_token"]
    header, payload, signature = token.split(".")
    claims = unb64(payload) | {"nip": BUDI_NIP}
    forged = f"{header}.{b64(json.dumps(claims).encode())}.{signature}"
    assert "signature" in await refused(portal, forged, caplog)


async def test_id_token_is_refused_for_its_audience(portal, idp, caplog):
    await make_world()
    id_token = obtain_user_tokens(idp, "siti")["id_token"]  # aud = client id, not portal-api
    assert "aud" in await refused(portal, id_token, caplog)


async def test_token_of_another_issuer_is_refused(portal, idp, other_idp, caplog):
    await make_world()
    token = obtain_user_tokens(other_idp, "siti")["access_token"]
    assert "no IdP signing key" in await refused(portal, token, caplog)


async def test_alg_none_is_refused(portal, idp, caplog):
    await make_world()
    token = obtain_user_tokens(idp, "siti")["access_token"]
    header, payload, _ = token.split(".")
    none_header = unb64(header) | {"alg": "none"}
    forged = f"{b64(json.dumps(none_header).encode())}.{payload}."
    assert "'none' not allowed" in await refused(portal, forged, caplog)


async def test_hs256_signed_with_the_public_key_is_refused(portal, idp, caplog):
    """The classic key-confusion forgery: HMAC keyed with the IdP's public RSA key."""
    await make_world()
    token = obtain_user_tokens(idp, "siti")["access_token"]
    header, payload, _ = token.split(".")
    public = KeySet.import_key_set(idp.jwks()).keys[0]
    pem = public.as_pem(private=False)
    hs_header = b64(json.dumps(unb64(header) | {"alg": "HS256"}).encode())
    signing_input = f"{hs_header}.{payload}".encode()
    signature = b64(hmac.new(pem, signing_input, hashlib.sha256).digest())
    assert "'HS256' not allowed" in await refused(
        portal, f"{hs_header}.{payload}.{signature}", caplog
    )


async def test_expired_token_is_refused(database_url, caplog):
    short = start_idp(
        redirect_uris=[f"{PORTAL}/auth/callback"], post_logout_redirect_uris=[], access_token_ttl=2
    )
    try:
        settings = sso_settings_for(database_url, short, oidc_leeway=0)
        async with portal_client(settings) as portal:
            await make_world()
            token = obtain_user_tokens(short, "siti")["access_token"]
            claims = unb64(token.split(".")[1])
            assert claims["exp"] - claims["iat"] == 2  # genuine, only short-lived
            # The provider's clock decides: wait until exp has passed, then one second more.
            await asyncio.sleep(max(0.0, claims["exp"] + 1.1 - time.time()))
            assert "expired" in await refused(portal, token, caplog)
    finally:
        short.stop()


async def test_opaque_token_is_refused(portal, idp, caplog):
    await make_world()
    opaque = obtain_user_tokens(idp, "siti", resource=None)["access_token"]
    assert "not a compact JWS" in await refused(portal, opaque, caplog)


async def test_token_of_an_unknown_person_is_refused(portal, idp):
    await make_world()
    token = obtain_user_tokens(idp, "stranger")["access_token"]
    response = await portal.post("/graphql", json={"query": ME}, headers=bearer(token))
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_REGISTERED"


async def test_client_credentials_token_has_no_employee_and_is_refused(portal, idp):
    await make_world()
    token = client_credentials_token(idp, scope="api")["access_token"]
    response = await portal.post("/graphql", json={"query": ME}, headers=bearer(token))
    assert response.status_code == 403


async def test_token_of_an_inactive_employee_is_refused(portal, idp):
    w = await make_world()
    token = obtain_user_tokens(idp, "siti")["access_token"]
    await Employee.filter(id=w.siti.id).update(active=False)
    response = await portal.post("/graphql", json={"query": ME}, headers=bearer(token))
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACTIVE"


async def test_no_other_header_is_trusted_for_identity(portal, idp):
    await make_world()
    headers = {
        "Authorization": f"Basic {b64(b'siti:password')}",
        "X-Forwarded-User": "siti",
        "X-NIP": SITI_NIP,
        "X-Remote-User": SITI_NIP,
    }
    assert error_code(await gql(portal, ME, headers=headers)) == "UNAUTHENTICATED"


async def test_principal_from_token_for_websocket_connection_init(portal, idp, sso_settings):
    await make_world()
    token = obtain_user_tokens(idp, "budi")["access_token"]
    principal = await principal_from_token(token, sso_settings)
    assert principal is not None
    assert principal.nip == BUDI_NIP
    assert principal.via == "bearer"
    assert await principal.is_supervisor()
    assert await principal_from_token(token[:-4] + "AAAA", sso_settings) is None
    assert await principal_from_token("", sso_settings) is None
