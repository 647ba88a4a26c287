"""The OpenID provider as the portal sees it: Authlib's client, discovery and signing keys.

One ``OidcProvider`` per configuration, shared by every request of the process: it caches the
discovery document (Authlib keeps it once loaded) and the JWKS. Nothing in it is bound to an
event loop (HTTP clients are opened per call), so tests may reuse it across loops.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App

from portal.auth.errors import AuthError, AuthErrorCode
from portal.auth.tokens import JwksCache, TokenPolicy
from portal.settings import Settings

# Authlib talks through the httpx2 fork when it is installed, else through httpx: catch both.
try:
    import httpx2  # type: ignore[import-not-found]

    HTTP_ERRORS: tuple[type[Exception], ...] = (httpx.HTTPError, httpx2.HTTPError)
except ImportError:
    HTTP_ERRORS = (httpx.HTTPError,)

CLIENT_NAME = "portal"  # Authlib keeps the flow's state under session["_state_portal_<state>"]


@dataclass(eq=False)
class OidcProvider:
    settings: Settings
    client: StarletteOAuth2App
    keys: JwksCache

    async def metadata(self) -> dict[str, Any]:
        """The discovery document, checked to belong to the configured issuer."""
        try:
            metadata: dict[str, Any] = await self.client.load_server_metadata()
        except HTTP_ERRORS as exc:
            raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, f"discovery: {exc!r}") from exc
        except ValueError as exc:  # not JSON
            raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, "discovery is not JSON") from exc
        expected = str(self.settings.oidc_issuer).rstrip("/")
        if str(metadata.get("issuer", "")).rstrip("/") != expected:
            # OpenID Connect Discovery 1.0 §4.3: a mismatch means someone else's document.
            self.client.server_metadata.pop("_loaded_at", None)
            raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, "discovery issuer mismatch")
        return metadata

    async def token_policy(self) -> TokenPolicy:
        metadata = await self.metadata()
        return TokenPolicy(
            issuer=str(metadata["issuer"]),
            audience=self.settings.oidc_audience,
            algorithms=frozenset(self.settings.oidc_algorithm_list),
            leeway=self.settings.oidc_leeway,
        )

    async def _fetch_jwks(self) -> dict[str, Any]:
        uri = (await self.metadata()).get("jwks_uri")
        if not uri:
            raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, "no jwks_uri in discovery")
        try:
            async with httpx.AsyncClient(timeout=self.settings.oidc_http_timeout) as http:
                response = await http.get(uri, headers={"Accept": "application/json"})
                response.raise_for_status()
                document: dict[str, Any] = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise AuthError(AuthErrorCode.IDP_UNAVAILABLE, f"jwks: {exc!r}") from exc
        return document


_providers: dict[tuple[object, ...], OidcProvider] = {}


def get_provider(settings: Settings) -> OidcProvider:
    """The provider for these settings (SSO must be enabled)."""
    if not settings.sso_enabled:
        raise AuthError(AuthErrorCode.SSO_DISABLED)
    key = (
        settings.oidc_issuer,
        settings.oidc_client_id,
        settings.oidc_client_secret.get_secret_value(),
        settings.oidc_scopes,
        settings.oidc_audience,
        settings.oidc_algorithms,
        settings.oidc_leeway,
        settings.oidc_http_timeout,
        settings.oidc_jwks_max_age,
        settings.oidc_jwks_min_refetch,
    )
    provider = _providers.get(key)
    if provider is None:
        provider = _providers[key] = _build(settings)
    return provider


def _build(settings: Settings) -> OidcProvider:
    issuer = str(settings.oidc_issuer).rstrip("/")
    oauth = OAuth()
    client = oauth.register(
        name=CLIENT_NAME,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret.get_secret_value() or None,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": settings.oidc_scopes,
            "code_challenge_method": "S256",  # PKCE: Authlib keeps the verifier with the state
            "timeout": settings.oidc_http_timeout,
        },
    )
    provider = OidcProvider(settings=settings, client=client, keys=None)  # type: ignore[arg-type]
    provider.keys = JwksCache(
        provider._fetch_jwks,
        max_age=settings.oidc_jwks_max_age,
        min_refetch=settings.oidc_jwks_min_refetch,
    )
    return provider
