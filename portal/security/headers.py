"""Security headers on every HTTP response.

The web app (``web/``) and the sign-in pages use no inline script, style or handler, so the policy
is strict: everything from our own origin, images also as ``data:``, nothing framed, no plugins.
The one exception is the GraphiQL page (``GET /graphql`` as HTML, on only where
``PORTAL_GRAPHQL_IDE`` is on, by default in development): it loads React and GraphiQL from
unpkg.com with inline bootstrapping, so that one response gets a relaxed policy naming the CDN.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.settings import Settings

CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
GRAPHIQL_CDN = "https://unpkg.com"
GRAPHIQL_CSP = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {GRAPHIQL_CDN}; "
    f"style-src 'self' 'unsafe-inline' {GRAPHIQL_CDN}; font-src 'self' data: {GRAPHIQL_CDN}; "
    "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), magnetometer=(), gyroscope=(), accelerometer=()"
)


class SecurityHeadersMiddleware:
    """Adds CSP, nosniff, framing, referrer and permissions headers (and HSTS in production)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.graphiql = settings.graphql_ide_enabled
        self.static: list[tuple[bytes, bytes]] = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            # same-origin: our own pages keep the Referer the CSRF check reads; others get none.
            (b"referrer-policy", b"same-origin"),
            (b"permissions-policy", PERMISSIONS_POLICY.encode()),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if settings.is_production and settings.hsts_max_age:
            value = f"max-age={settings.hsts_max_age}; includeSubDomains"
            self.static.append((b"strict-transport-security", value.encode()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.static:
                    if name.decode() not in headers:
                        headers.append(name.decode(), value.decode())
                if "content-security-policy" not in headers:
                    headers.append("Content-Security-Policy", self._policy(scope, headers))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _policy(self, scope: Scope, headers: MutableHeaders) -> str:
        is_ide = (
            self.graphiql
            and scope["path"] == "/graphql"
            and scope["method"] == "GET"
            and headers.get("content-type", "").startswith("text/html")
        )
        return GRAPHIQL_CSP if is_ide else CSP
