"""``Authorization: Bearer <JWT>``: the same Principal as a session, from an IdP access token.

``BearerAuthMiddleware`` answers a request whose token is bad itself (401 invalid token, 403 not
registered, 503 IdP unreachable) so that no resolver ever runs on a forged identity, and leaves the
verified Principal in the ASGI scope for ``principal_from_connection``. Only the ``Authorization``
header is read: no other header (X-Forwarded-User, X-NIP, ...) is ever trusted for identity.
"""

from __future__ import annotations

import logging

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from portal.auth.errors import AuthError, AuthErrorCode
from portal.auth.identity import find_employee, identity_from_claims
from portal.auth.oidc import get_provider
from portal.auth.principal import Principal, principal_for
from portal.auth.tokens import verify_access_token
from portal.settings import Settings

log = logging.getLogger(__name__)

#: Where the middleware leaves the token's Principal in the ASGI scope.
SCOPE_KEY = "portal.bearer_principal"


def bearer_token(headers: Headers) -> str | None:
    """The token of an ``Authorization: Bearer`` header (other schemes are not ours: None)."""
    value = headers.get("authorization")
    if not value:
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip()


async def authenticate_token(token: str, settings: Settings) -> Principal:
    """Verify the token and map it to an active employee; AuthError says why not."""
    if not settings.sso_enabled:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, "bearer tokens need PORTAL_OIDC_ISSUER")
    if not token:
        raise AuthError(AuthErrorCode.INVALID_TOKEN, "empty token")
    provider = get_provider(settings)
    claims = await verify_access_token(token, keys=provider.keys, policy=provider.token_policy)
    identity = identity_from_claims(claims, nip_claim=settings.oidc_nip_claim)
    employee = await find_employee(identity)
    return await principal_for(employee, via="bearer")


async def principal_from_token(token: str, settings: Settings) -> Principal | None:
    """The Principal for an access token, or None when it is refused (WebSocket connection_init)."""
    try:
        return await authenticate_token(token, settings)
    except AuthError as error:
        log.info("bearer token refused: %s %s", error.code, error.detail)
        return None


class BearerAuthMiddleware:
    """Authenticates requests that carry a bearer token; a bad token gets a clear refusal."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = bearer_token(Headers(scope=scope))
        if token is None:
            await self.app(scope, receive, send)
            return
        try:
            scope[SCOPE_KEY] = await authenticate_token(token, self.settings)
        except AuthError as error:
            log.info("bearer token refused: %s %s", error.code, error.detail)
            await _refuse(error, send)
            return
        await self.app(scope, receive, send)


async def _refuse(error: AuthError, send: Send) -> None:
    body = orjson.dumps(
        {"errors": [{"message": error.message, "extensions": {"code": str(error.code)}}]}
    )
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if error.status == 401:
        # RFC 6750 §3: tell the client the token, not the request, is the problem.
        headers.append((b"www-authenticate", b'Bearer realm="portal", error="invalid_token"'))
    elif error.status == 503:
        headers.append((b"retry-after", b"30"))
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
