"""Self-check of the test IdP: a hand-written relying party against server.mjs.

Proves the IdP does what the portal's tests rely on: discovery, code flow with
PKCE, nip in the ID token, JWT access tokens for the API audience, and
RP-initiated logout back to the portal.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from .fixture import (
    IdPFlowError,
    client_credentials_token,
    login_with_http_client,
    logout_with_http_client,
    obtain_user_tokens,
    start_idp,
)
from .fixture import TestIdP as IdP  # aliased so pytest does not try to collect it

PORTAL = "http://127.0.0.1:8765"  # a relying party that never has to exist
REDIRECT_URI = f"{PORTAL}/auth/callback"
POST_LOGOUT_URI = f"{PORTAL}/"
SITI_NIP = "199203152019032001"


@pytest.fixture(scope="module")
def idp() -> Iterator[IdP]:
    server = start_idp(redirect_uris=[REDIRECT_URI], post_logout_redirect_uris=[POST_LOGOUT_URI])
    yield server
    server.stop()


def _verify(token: str, keys: KeySet, **claims: jwt.ClaimsOption) -> dict:
    decoded = jwt.decode(token, keys, algorithms=["RS256"])
    # now/leeway positional, so that **claims cannot bind to them (mypy).
    jwt.JWTClaimsRegistry(None, 5, **claims).validate(decoded.claims)
    return decoded.claims


def test_full_code_flow_with_pkce_and_logout(idp: IdP) -> None:
    metadata = httpx.get(f"{idp.issuer}/.well-known/openid-configuration").json()
    assert metadata["issuer"] == idp.issuer
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert {"openid", "profile", "email", "nip"} <= set(metadata["scopes_supported"])
    assert "nip" in metadata["claims_supported"]
    keys = KeySet.import_key_set(httpx.get(metadata["jwks_uri"]).json())

    # Authorization request, built by hand.
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    state, nonce = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    query = {
        "response_type": "code",
        "client_id": idp.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile email nip",
        "state": state,
        "nonce": nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    authorize_url = f"{metadata['authorization_endpoint']}?{urlencode(query)}"

    with httpx.Client() as browser:
        callback = httpx.URL(login_with_http_client(browser, authorize_url, "siti", "password"))
        assert str(callback.copy_with(query=None)) == REDIRECT_URI
        assert callback.params["state"] == state
        assert callback.params["iss"] == idp.issuer

        # Token request: client_secret_basic + resource => JWT access token.
        response = httpx.post(
            metadata["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": callback.params["code"],
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier,
                "resource": idp.resource,
            },
            auth=(idp.client_id, idp.client_secret),
        )
        assert response.status_code == 200, response.text
        tokens = response.json()

        id_claims = _verify(
            tokens["id_token"],
            keys,
            iss={"essential": True, "value": idp.issuer},
            aud={"essential": True, "value": idp.client_id},
            nonce={"essential": True, "value": nonce},
            exp={"essential": True},
        )
        assert id_claims["sub"] == "siti"
        assert id_claims["nip"] == SITI_NIP
        assert id_claims["name"] == "Siti Rahmawati"
        assert id_claims["email"] == "siti@tangerangselatankota.go.id"
        assert id_claims["email_verified"] is True

        access = jwt.decode(tokens["access_token"], keys, algorithms=["RS256"])
        assert access.header["typ"] == "at+jwt"
        jwt.JWTClaimsRegistry(
            leeway=5,
            iss={"essential": True, "value": idp.issuer},
            aud={"essential": True, "value": idp.audience},
            sub={"essential": True, "value": "siti"},
            exp={"essential": True},
            nbf={"essential": True},
            iat={"essential": True},
        ).validate(access.claims)
        assert access.claims["aud"] == "portal-api"
        assert access.claims["nip"] == SITI_NIP
        assert access.claims["client_id"] == idp.client_id
        assert "refresh_token" in tokens

        # RP-initiated logout back to the portal (the browser holds the IdP session).
        end_session = f"{metadata['end_session_endpoint']}?" + urlencode(
            {
                "id_token_hint": tokens["id_token"],
                "post_logout_redirect_uri": POST_LOGOUT_URI,
                "state": "bye",
            }
        )
        assert logout_with_http_client(browser, end_session) == f"{POST_LOGOUT_URI}?state=bye"

        # The IdP session is gone: the next authorization asks for credentials again.
        with pytest.raises(IdPFlowError, match="credentials rejected"):
            login_with_http_client(browser, authorize_url, "siti", "wrong-password")


def test_client_secret_post_and_userinfo_without_resource(idp: IdP) -> None:
    tokens = obtain_user_tokens(idp, "budi", resource=None)
    # Without resource the access token is opaque and meant for userinfo.
    assert tokens["access_token"].count(".") != 2
    userinfo = httpx.get(
        idp.userinfo_endpoint, headers={"Authorization": f"Bearer {tokens['access_token']}"}
    ).json()
    assert userinfo["sub"] == "budi"
    assert userinfo["nip"] == "197805102005011002"

    # client_secret_post works for the same client as client_secret_basic.
    response = httpx.post(
        idp.token_endpoint,
        data={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": idp.client_id,
            "client_secret": idp.client_secret,
        },
    )
    assert response.status_code == 200, response.text


def test_account_without_nip_and_email_only_account(idp: IdP) -> None:
    keys = idp.key_set()
    stranger = _verify(obtain_user_tokens(idp, "stranger")["id_token"], keys)
    assert "nip" not in stranger
    assert stranger["email"] == "stranger@example.org"
    email_only = _verify(obtain_user_tokens(idp, "emailonly")["id_token"], keys)
    assert "nip" not in email_only
    assert email_only["email"] == "siti@tangerangselatankota.go.id"
    assert email_only["email_verified"] is True


def test_client_credentials_jwt_has_no_user(idp: IdP) -> None:
    keys = idp.key_set()
    token = client_credentials_token(idp, scope="api")["access_token"]
    claims = _verify(token, keys, aud={"essential": True, "value": idp.audience})
    assert claims["sub"] == idp.client_id
    assert claims["scope"] == "api"
    assert "nip" not in claims


def test_user_jwt_helper_and_unknown_resource(idp: IdP) -> None:
    keys = idp.key_set()
    tokens = obtain_user_tokens(idp, "dewi", scope="openid profile email nip api")
    claims = _verify(tokens["access_token"], keys, aud={"essential": True, "value": "portal-api"})
    assert claims["nip"] == "198511202010012003"
    assert claims["scope"] == "api"

    with pytest.raises(IdPFlowError, match="invalid_target"):
        client_credentials_token(idp, resource="urn:somebody-else")
