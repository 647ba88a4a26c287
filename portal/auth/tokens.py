"""Bearer access tokens: the IdP's signing keys (cached JWKS) and JWT verification with joserfc.

Rules, in order: a compact JWS; an allowed asymmetric algorithm (never ``none`` or HS*, so a
public key can never be used as an HMAC secret); a signing key from the IdP's JWKS chosen by
``kid`` (one re-fetch on an unknown ``kid``, at most once per ``min_refetch`` seconds, so forged
``kid``s cannot make us hammer the IdP); a valid signature; then ``iss``, ``aud``, ``exp``,
``nbf``, ``iat`` with a small leeway, and a ``sub``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError, MissingClaimError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

from portal.auth.errors import AuthError, AuthErrorCode
from portal.settings import OIDC_SAFE_ALGORITHMS

log = logging.getLogger(__name__)

JwksFetcher = Callable[[], Awaitable[dict[str, Any]]]
Key = Any  # a joserfc public key (RSAKey / ECKey)


class JwksCache:
    """The IdP's public signing keys, fetched lazily and kept ``max_age`` seconds."""

    def __init__(
        self,
        fetch: JwksFetcher,
        *,
        max_age: float,
        min_refetch: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._max_age = max_age
        self._min_refetch = min_refetch
        self._clock = clock
        self._keys: list[Key] = []
        self._fetched_at: float | None = None
        self.fetches = 0  # how often the JWKS was requested (tests and metrics)

    async def key_for(self, kid: str | None, alg: str) -> Key | None:
        """The signing key for this ``kid``/``alg``, or None when the IdP has no such key."""
        now = self._clock()
        if self._fetched_at is None or now - self._fetched_at > self._max_age:
            await self._refresh(required=not self._keys)
        key = self._find(kid, alg)
        # Keys rotate: one re-fetch for an unknown kid, but never more often than allowed.
        fetched = self._fetched_at
        if key is None and fetched is not None and self._clock() - fetched >= self._min_refetch:
            await self._refresh(required=False)
            key = self._find(kid, alg)
        return key

    async def _refresh(self, *, required: bool) -> None:
        # Stamp first: a failing or slow IdP is not asked again by every request meanwhile.
        self._fetched_at = self._clock()
        self.fetches += 1
        try:
            document = await self._fetch()
            key_set = KeySet.import_key_set(document)  # type: ignore[arg-type]
        except AuthError:
            if required:
                self._fetched_at = None
                raise
            log.warning("JWKS refresh failed; keeping the %d cached keys", len(self._keys))
            return
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            if required:
                self._fetched_at = None
                raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, f"bad JWKS: {exc}") from exc
            log.warning("JWKS refresh returned an unusable document: %s", exc)
            return
        self._keys = [
            k
            for k in key_set.keys
            if k.key_type in ("RSA", "EC") and not k.is_private and k.get("use") in (None, "sig")
        ]

    def _find(self, kid: str | None, alg: str) -> Key | None:
        candidates = [k for k in self._keys if k.get("alg") in (None, alg)]
        if kid is not None:
            return next((k for k in candidates if k.kid == kid), None)
        # No kid: acceptable only when the choice is unambiguous.
        return candidates[0] if len(candidates) == 1 else None


@dataclass(frozen=True, slots=True)
class TokenPolicy:
    """What a valid access token must say."""

    issuer: str
    audience: str
    algorithms: frozenset[str]
    leeway: int


async def verify_access_token(
    token: str, *, keys: JwksCache, policy: Callable[[], Awaitable[TokenPolicy]]
) -> dict[str, Any]:
    """The verified claims of a JWT access token; AuthError(INVALID_TOKEN) when it is not valid.

    ``policy`` is asked only for a well-formed token, so garbage never costs an IdP round trip.
    """
    try:
        header = extract_compact(token.encode("ascii")).headers()
    except (JoseError, ValueError, UnicodeError) as exc:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, "not a compact JWS") from exc
    alg = header.get("alg")
    if alg not in OIDC_SAFE_ALGORITHMS:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, f"algorithm {alg!r} not allowed")
    kid = header.get("kid")
    if kid is not None and not isinstance(kid, str):
        raise AuthError(AuthErrorCode.INVALID_TOKEN, "kid is not a string")
    rules = await policy()
    if alg not in rules.algorithms:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, f"algorithm {alg!r} not configured")
    key = await keys.key_for(kid, alg)
    if key is None:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, f"no IdP signing key {kid!r}")
    try:
        decoded = jwt.decode(token, key, algorithms=[alg])
    except (JoseError, ValueError) as exc:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, f"signature: {exc}") from exc
    registry = jwt.JWTClaimsRegistry(
        None,
        rules.leeway,
        iss={"essential": True, "value": rules.issuer},
        aud={"essential": True, "value": rules.audience},
        exp={"essential": True},
        sub={"essential": True},
    )
    try:
        registry.validate(decoded.claims)
    except ExpiredTokenError as exc:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, "expired") from exc
    except (InvalidClaimError, MissingClaimError) as exc:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, f"claim {exc.claim}: {exc}") from exc
    return decoded.claims
