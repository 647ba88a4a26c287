"""Pure ASGI middleware: request ids and a request body cap."""

from __future__ import annotations

import secrets
from collections.abc import Collection

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.audit.service import RequestInfo, current_request


class RequestIdMiddleware:
    """Gives every request an id (``X-Request-ID``), visible to logs, audit and masked errors."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(8)
        client = scope.get("client")
        token = current_request.set(
            RequestInfo(client_ip=client[0] if client else "", request_id=request_id)
        )

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current_request.reset(token)


class BodySizeLimitMiddleware:
    """Refuses request bodies above the limit with 413, declared or streamed.

    File uploads (``multipart/form-data`` to one of ``upload_paths``) have their own limit,
    ``max_upload_bytes``: a CSV of ten thousand employees is megabytes, a GraphQL document is not,
    and one large limit for every request would let anyone make the server read megabytes.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        max_upload_bytes: int | None = None,
        upload_paths: Collection[str] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_bytes if max_upload_bytes is None else max_upload_bytes
        self.upload_paths = frozenset(upload_paths)

    def limit_for(self, scope: Scope, headers: Headers) -> int:
        """The largest body this request may have."""
        content_type = headers.get("content-type", "").lower()
        if scope["path"] in self.upload_paths and content_type.startswith("multipart/form-data"):
            return self.max_upload_bytes
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(scope, headers)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send, limit)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._too_large(scope, receive, send, limit)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = JSONResponse(
            {
                "errors": [
                    {
                        "message": "Request body too large.",
                        "extensions": {"code": "PAYLOAD_TOO_LARGE", "maxBytes": limit},
                    }
                ]
            },
            status_code=413,
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass
