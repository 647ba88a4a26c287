"""JWT verification and the JWKS cache, with keys we generate (no IdP, no database)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, OctKey, RSAKey

from portal.auth.errors import AuthError, AuthErrorCode
from portal.auth.tokens import JwksCache, TokenPolicy, verify_access_token

ISSUER = "https://sso.example.go.id/realms/tangsel"
RSA = RSAKey.generate_key(2048, parameters={"kid": "rsa-1", "use": "sig"})
RSA_2 = RSAKey.generate_key(2048, parameters={"kid": "rsa-2", "use": "sig"})
EC = ECKey.generate_key("P-256", parameters={"kid": "ec-1", "use": "sig"})
HMAC = OctKey.generate_key(256, parameters={"kid": "oct-1"})


class FakeIdP:
    """Serves a JWKS document and counts the fetches; a clock we move by hand."""

    def __init__(self, *keys: Any) -> None:
        self.keys = list(keys)
        self.fetches = 0
        self.now = 1000.0
        self.down = False

    async def fetch(self) -> dict[str, Any]:
        self.fetches += 1
        if self.down:
            raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, "down")
        return {"keys": [k.as_dict(private=False) for k in self.keys]}

    def cache(self, *, max_age: float = 3600, min_refetch: float = 60) -> JwksCache:
        return JwksCache(
            self.fetch, max_age=max_age, min_refetch=min_refetch, clock=lambda: self.now
        )


def policy(**changes: Any) -> Any:
    values = {
        "issuer": ISSUER,
        "audience": "portal-api",
        "algorithms": frozenset({"RS256", "ES256", "PS256"}),
        "leeway": 30,
    } | changes

    async def get() -> TokenPolicy:
        return TokenPolicy(**values)

    return get


def mint(key: Any, alg: str = "RS256", kid: str | None = "rsa-1", **claims: Any) -> str:
    now = int(time.time())
    body = {
        "iss": ISSUER,
        "aud": "portal-api",
        "sub": "siti",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "nip": "199203152019032001",
    } | claims
    header = {"alg": alg, "typ": "at+jwt"} | ({"kid": kid} if kid else {})
    return jwt.encode(
        header, {k: v for k, v in body.items() if v is not None}, key, algorithms=[alg]
    )


async def verify(token: str, idp: FakeIdP, **changes: Any) -> dict[str, Any]:
    return await verify_access_token(token, keys=idp.cache(), policy=policy(**changes))


async def refusal(token: str, idp: FakeIdP, **changes: Any) -> str:
    with pytest.raises(AuthError) as info:
        await verify(token, idp, **changes)
    assert info.value.code is AuthErrorCode.INVALID_TOKEN
    return info.value.detail


async def test_valid_rs256_es256_and_ps256_tokens_are_accepted():
    idp = FakeIdP(RSA, EC)
    assert (await verify(mint(RSA), idp))["nip"] == "199203152019032001"
    assert (await verify(mint(EC, "ES256", "ec-1"), idp))["sub"] == "siti"
    assert (await verify(mint(RSA, "PS256"), idp))["sub"] == "siti"


async def test_wrong_issuer_or_audience_is_refused_even_with_a_trusted_key():
    idp = FakeIdP(RSA)
    assert "iss" in await refusal(mint(RSA, iss="https://evil.example"), idp)
    assert "aud" in await refusal(mint(RSA, aud="someone-else"), idp)
    assert (await verify(mint(RSA, aud=["other", "portal-api"]), idp))["sub"] == "siti"


async def test_time_claims_with_leeway():
    idp = FakeIdP(RSA)
    now = int(time.time())
    assert await refusal(mint(RSA, exp=now - 31), idp) == "expired"
    assert (await verify(mint(RSA, exp=now - 10), idp))["sub"] == "siti"  # within the leeway
    assert "nbf" in await refusal(mint(RSA, nbf=now + 120), idp)
    assert "iat" in await refusal(mint(RSA, iat=now + 120), idp)
    assert "exp" in await refusal(mint(RSA, exp=None), idp)
    assert "sub" in await refusal(mint(RSA, sub=None), idp)


async def test_algorithms_outside_the_allowed_set_are_refused():
    idp = FakeIdP(RSA, HMAC)
    assert "'HS256' not allowed" in await refusal(mint(HMAC, "HS256", "oct-1"), idp)
    # A configuration may narrow the set further, never widen it.
    assert "not configured" in await refusal(
        mint(RSA, "PS256"), idp, algorithms=frozenset({"RS256"})
    )


async def test_symmetric_keys_in_a_jwks_are_never_used():
    idp = FakeIdP(HMAC)
    cache = idp.cache()
    assert await cache.key_for("oct-1", "RS256") is None


async def test_unknown_kid_refetches_once_then_respects_the_minimum_interval():
    idp = FakeIdP(RSA)
    cache = idp.cache(min_refetch=60)
    await verify_access_token(mint(RSA), keys=cache, policy=policy())
    assert idp.fetches == 1
    idp.keys.append(RSA_2)  # the IdP rotates in a new key
    idp.now += 61
    assert await verify_access_token(mint(RSA_2, kid="rsa-2"), keys=cache, policy=policy())
    assert idp.fetches == 2  # one re-fetch found it
    for _ in range(5):  # forged kids within the interval cause no more fetches
        with pytest.raises(AuthError):
            await verify_access_token(mint(RSA, kid="forged"), keys=cache, policy=policy())
    assert idp.fetches == 2
    idp.now += 61
    with pytest.raises(AuthError):
        await verify_access_token(mint(RSA, kid="forged"), keys=cache, policy=policy())
    assert idp.fetches == 3


async def test_keys_are_reread_after_max_age_and_kept_when_the_idp_is_down():
    idp = FakeIdP(RSA)
    cache = idp.cache(max_age=3600)
    assert await cache.key_for("rsa-1", "RS256") is not None
    idp.now += 3601
    idp.down = True
    assert await cache.key_for("rsa-1", "RS256") is not None  # stale keys beat no keys
    assert idp.fetches == 2


async def test_no_keys_and_idp_down_is_unavailable():
    idp = FakeIdP(RSA)
    idp.down = True
    with pytest.raises(AuthError) as info:
        await idp.cache().key_for("rsa-1", "RS256")
    assert info.value.code is AuthErrorCode.IDP_UNAVAILABLE


async def test_token_without_kid_needs_a_single_candidate_key():
    assert (await verify(mint(RSA, kid=None), FakeIdP(RSA)))["sub"] == "siti"
    assert "signing key" in await refusal(mint(RSA, kid=None), FakeIdP(RSA, RSA_2))


def test_keyset_import_ignores_private_material():
    document = KeySet([RSA]).as_dict(private=False)
    assert "d" not in document["keys"][0]
