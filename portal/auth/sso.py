"""SSO sign-in and sign-out: ``/auth/login``, ``/auth/callback``, ``/auth/logout``.

Authorization code flow with PKCE (S256), ``state`` and ``nonce``, all kept by Authlib in the
session cookie between ``/auth/login`` and ``/auth/callback`` and consumed there (a replayed
callback finds no state). Sign-out ends our session and, for an SSO session, the IdP's too
(RP-initiated logout with ``id_token_hint``).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from joserfc.errors import JoseError
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from portal.audit.service import record
from portal.auth.errors import AuthError, AuthErrorCode
from portal.auth.identity import Identity, bind_subject, find_employee, identity_from_claims
from portal.auth.oidc import HTTP_ERRORS, OidcProvider, get_provider
from portal.auth.pages import refusal, wants_json
from portal.auth.sessions import end_session, start_session
from portal.auth.urls import safe_next
from portal.security.ratelimit import limit_account, too_many_response
from portal.settings import Settings

log = logging.getLogger(__name__)

# The session cookie must stay under the browsers' 4 KB: a bigger ID token is not kept, and
# logout then names the client (client_id) instead of hinting the token.
MAX_ID_TOKEN_CHARS = 2000
NEXT_KEY = "login_next"


async def login(request: Request) -> Response:
    """Start the code flow at the IdP; ``next`` (a path on this site) is where we end up."""
    settings: Settings = request.app.state.settings
    next_url = safe_next(request.query_params.get("next"))
    if not settings.sso_enabled:
        if settings.dev_login:
            return RedirectResponse(f"/auth/dev-login?{urlencode({'next': next_url})}", 303)
        return refusal(request, AuthError(AuthErrorCode.SSO_DISABLED))
    provider = get_provider(settings)
    try:
        await provider.metadata()
        response: Response = await provider.client.authorize_redirect(
            request, settings.oidc_redirect_uri
        )
    except AuthError as error:
        log.warning("SSO login unavailable: %s", error.detail)
        return refusal(request, error)
    except HTTP_ERRORS as exc:
        log.warning("SSO login unavailable: %r", exc)
        return refusal(request, AuthError(AuthErrorCode.IDP_UNAVAILABLE, repr(exc)))
    request.session[NEXT_KEY] = next_url
    response.headers["Cache-Control"] = "no-store"
    return response


async def callback(request: Request) -> Response:
    """Finish the code flow, map the identity to an employee, start a fresh session."""
    settings: Settings = request.app.state.settings
    if not settings.sso_enabled:
        return refusal(request, AuthError(AuthErrorCode.SSO_DISABLED))
    provider = get_provider(settings)
    next_url = safe_next(request.session.get(NEXT_KEY))
    identity: Identity | None = None
    try:
        claims, id_token = await _complete_flow(request, provider)
        identity = identity_from_claims(claims, nip_claim=settings.oidc_nip_claim)
        account = f"sub:{identity.subject}"
        limiter = getattr(request.app.state, "rate_limiter", None)
        verdict = await limit_account(limiter, settings, account)
        if not verdict.allowed:
            request.session.clear()
            return too_many_response(verdict.retry_after)
        employee = await find_employee(identity)
        newly_bound = await bind_subject(employee, identity.subject)
    except AuthError as error:
        request.session.clear()  # no half-signed-in state survives a refusal
        log.info("SSO sign-in refused: %s %s", error.code, error.detail)
        await record(
            action="auth.sign_in_refused",
            actor_id=None,
            actor_label=identity.subject if identity else "",
            after={"method": "sso", "reason": str(error.code), "detail": error.detail[:200]}
            | (identity.audit() if identity else {}),
        )
        return refusal(request, error)
    keep = id_token if id_token and len(id_token) <= MAX_ID_TOKEN_CHARS else None
    start_session(request, employee_id=employee.id, via="sso", id_token=keep)
    await record(
        action="auth.sign_in",
        actor_id=employee.id,
        actor_label=employee.name,
        object_type="Employee",
        object_id=employee.id,
        after={"method": "sso", "subject": identity.subject, "subject_bound": newly_bound},
    )
    return RedirectResponse(next_url, status_code=303)


async def _complete_flow(request: Request, provider: OidcProvider) -> tuple[dict[str, Any], str]:
    """Exchange the code (state, PKCE and nonce checked by Authlib): (claims, raw id_token)."""
    settings = provider.settings
    metadata = await provider.metadata()
    try:
        token = await provider.client.authorize_access_token(request, leeway=settings.oidc_leeway)
    except MismatchingStateError as exc:
        raise AuthError(AuthErrorCode.STATE_MISMATCH, "unknown or replayed state") from exc
    except OAuthError as exc:
        raise AuthError(AuthErrorCode.IDP_ERROR, f"{exc.error}: {exc.description}") from exc
    except HTTP_ERRORS as exc:
        raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, f"token endpoint: {exc!r}") from exc
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise AuthError(AuthErrorCode.TOKEN_INVALID, f"id token: {exc!r}") from exc
    userinfo = token.get("userinfo")
    id_token = token.get("id_token")
    if not userinfo or not isinstance(id_token, str):
        raise AuthError(AuthErrorCode.TOKEN_INVALID, "no verified ID token")
    claims = dict(userinfo)
    if settings.oidc_nip_claim not in claims and "email" not in claims:
        # Some IdPs put profile claims in userinfo only (Keycloak: "Add to ID token" off).
        claims = await _merge_userinfo(provider, token, claims, metadata)
    return claims, id_token


async def _merge_userinfo(
    provider: OidcProvider, token: dict[str, Any], claims: dict[str, Any], metadata: dict[str, Any]
) -> dict[str, Any]:
    if not metadata.get("userinfo_endpoint"):
        return claims
    try:
        info = await provider.client.userinfo(token=token)
    except (*HTTP_ERRORS, OAuthError) as exc:
        raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, f"userinfo: {exc!r}") from exc
    if info.get("sub") != claims.get("sub"):  # OIDC Core §5.3.2: must be the same person
        raise AuthError(AuthErrorCode.TOKEN_INVALID, "userinfo sub differs from the ID token")
    return dict(info) | claims


async def logout(request: Request) -> Response:
    """End our session; an SSO session goes on to the IdP's end-session endpoint."""
    settings: Settings = request.app.state.settings
    held = end_session(request)
    employee_id, via = held.get("eid"), held.get("via")
    if isinstance(employee_id, int):
        await record(
            action="auth.sign_out",
            actor_id=employee_id,
            object_type="Employee",
            object_id=employee_id,
            after={"method": via},
        )
    target = "/"
    if via == "sso" and settings.sso_enabled:
        id_token = held.get("id_token")
        target = await _end_session_url(settings, id_token if isinstance(id_token, str) else None)
    if wants_json(request):
        return JSONResponse({"signedOut": True, "redirect": target})
    return RedirectResponse(target, status_code=303)


async def _end_session_url(settings: Settings, id_token: str | None) -> str:
    """The IdP's end-session URL for RP-initiated logout, or ``/`` when it cannot be had."""
    provider = get_provider(settings)
    try:
        metadata = await provider.metadata()
        if not metadata.get("end_session_endpoint"):
            return "/"
        extra = {} if id_token else {"client_id": settings.oidc_client_id}
        result = await provider.client.create_logout_url(
            post_logout_redirect_uri=settings.oidc_post_logout_uri,
            id_token_hint=id_token,
            **extra,
        )
    except AuthError as error:
        # Our session is over already; the IdP's ends when it is reachable again or expires.
        log.warning("RP-initiated logout skipped: %s", error.detail)
        return "/"
    return str(result["url"])


routes = [
    Route("/auth/login", login, methods=["GET"]),
    Route("/auth/callback", callback, methods=["GET"]),
    Route("/auth/logout", logout, methods=["POST"]),
]
