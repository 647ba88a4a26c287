"""Cross-site request forgery defence for cookie-authenticated requests.

The rule: an unsafe request (not GET/HEAD/OPTIONS/TRACE) that carries our session cookie and no
bearer token is let through only when

1. its ``Origin`` is ours (the origin of PORTAL_BASE_URL, or the origin the request itself was
   sent to), or, without ``Origin``, its ``Referer`` is on one of those origins; or
2. it has neither header (not a browser) and shows it is not a cross-site form: the custom header
   ``X-Portal-CSRF`` or ``Content-Type: application/json``. A page on another site can send
   neither without a CORS preflight, which we never grant.

``Origin: null`` (sandboxed frames, some redirects) is refused. Bearer-authenticated requests are
not checked: a browser never attaches a bearer token on its own. ``/auth/dev-login`` is exempt:
it exists only in development and does nothing but replace the session. The same Origin rule
guards WebSocket handshakes that carry the cookie (cross-site WebSocket hijacking).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import orjson
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from portal.auth.bearer import bearer_token
from portal.auth.sessions import SESSION_COOKIE
from portal.settings import Settings

log = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_HEADER = "x-portal-csrf"
EXEMPT_PATHS = frozenset({"/auth/dev-login"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` as browsers write it in ``Origin`` (default ports dropped)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return (
        f"{scheme}://{host}"
        if port in (None, _DEFAULT_PORTS[scheme])
        else f"{scheme}://{host}:{port}"
    )


class CsrfMiddleware:
    """Refuses cross-site unsafe requests and WebSocket handshakes that ride on our cookie."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        base = origin_of(settings.base_url)
        self.trusted = frozenset({base} if base else set())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        reason = self.refusal_reason(scope)
        if reason is None:
            await self.app(scope, receive, send)
            return
        log.warning("CSRF refused %s %s: %s", scope.get("method", "WS"), scope["path"], reason)
        if scope["type"] == "websocket":
            await receive()  # websocket.connect; closing before accept answers the handshake 403
            await send({"type": "websocket.close", "code": 1008})
            return
        body = orjson.dumps(
            {
                "errors": [
                    {
                        "message": "Permintaan lintas situs ditolak (CSRF).",
                        "extensions": {"code": "CSRF_REJECTED"},
                    }
                ]
            }
        )
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def refusal_reason(self, scope: Scope) -> str | None:
        """Why this request must be refused, or None when it may pass."""
        headers = Headers(scope=scope)
        is_ws = scope["type"] == "websocket"
        if not is_ws and (scope["method"] in SAFE_METHODS or scope["path"] in EXEMPT_PATHS):
            return None
        if SESSION_COOKIE not in cookie_parser(headers.get("cookie", "")):
            return None  # no ambient credential to abuse
        if bearer_token(headers) is not None:
            return None  # identity comes from the token (verified before we run)
        own = _request_origin(scope, headers)
        trusted = self.trusted | ({own} if own else set())
        origin = headers.get("origin")
        if origin is not None:
            return None if origin.strip().lower() in trusted else f"origin {origin!r}"
        if is_ws:
            return None  # browsers always send Origin on WebSocket handshakes
        referer = headers.get("referer")
        if referer:
            return None if origin_of(referer) in trusted else "referer from another origin"
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if headers.get(CSRF_HEADER) or content_type == "application/json":
            return None
        return "no Origin, Referer, X-Portal-CSRF or JSON body"


def _request_origin(scope: Scope, headers: Headers) -> str:
    scheme = {"ws": "http", "wss": "https"}.get(
        scope.get("scheme", "http"), scope.get("scheme", "http")
    )
    return origin_of(f"{scheme}://{headers.get('host', '')}") or ""
