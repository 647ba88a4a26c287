"""The ASGI GraphQL endpoint: context per request, orjson encoding."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UNSET, UnsetType

from portal.audit.service import current_request
from portal.auth.bearer import principal_from_token
from portal.auth.dependencies import principal_from_connection
from portal.graphql.context import Context
from portal.graphql.limits import NUL_MESSAGE, has_nul
from portal.graphql.trusted import load_registry, persisted_hash
from portal.settings import Settings


class PortalGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with our context; GET queries are off (CSRF and caching hygiene).

    File uploads (the GraphQL multipart request spec, for ``importFile``) are on. Strawberry turns
    them off by default because a cross-site HTML form can post ``multipart/form-data`` with the
    victim's cookie (CVE-2024-47082); CsrfMiddleware refuses exactly that (a cookie-authenticated
    POST needs our Origin or Referer, or X-Portal-CSRF), and anonymous uploads are refused before
    their body is read.
    """

    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphql_ide_enabled else None,
            allow_queries_via_get=False,
            multipart_uploads_enabled=True,
        )
        self.settings = settings

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:  # type: ignore[override]
        principal = await principal_from_connection(request, self.settings)
        if principal is None and _is_upload(request):
            # Strawberry builds the context before it parses the body: refusing here spares the
            # server reading megabytes (PORTAL_MAX_UPLOAD_BYTES) for someone who may not upload.
            raise HTTPException(
                401, detail="Silakan masuk terlebih dahulu untuk mengunggah berkas."
            )
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            settings=self.settings,
            principal=principal,
            request_id=current_request.get().request_id,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:  # type: ignore[override]
        """A token in connection_init authenticates the socket.

        The token is sent as ``{"authorization": "Bearer ..."}``. Without one, the session cookie
        seen at the handshake stands; a bad token closes it (4403).
        """
        params = context.connection_params or {}
        raw = params.get("authorization") or params.get("Authorization") or params.get("token")
        if raw is None:
            return UNSET
        token = str(raw).removeprefix("Bearer ").strip()
        principal = await principal_from_token(token, self.settings) if token else None
        if principal is None:
            raise ConnectionRejectionError({"message": "Token tidak valid."})
        context.principal = principal
        return UNSET

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        """Strawberry's run, then the uploaded files' temporary files closed, whatever happened.

        Strawberry makes the Starlette request itself and never closes it, so a file part nobody
        read (a refused or failed upload) would stay open until the garbage collector found it.
        """
        try:
            return await super().run(request, context, root_value)
        finally:
            if isinstance(request, Request):
                await request.close()

    async def parse_multipart(self, request: Any) -> Any:
        """A malformed ``operations``/``map`` pair is the client's mistake (400), not ours (500)."""
        try:
            return await super().parse_multipart(request)
        except (AttributeError, IndexError, TypeError, ValueError) as exc:
            raise HTTPException(
                400, detail="Permintaan multipart tidak sesuai spesifikasi unggah GraphQL."
            ) from exc

    async def parse_http_body(self, request: Any) -> Any:
        """A request may name a trusted document by hash instead of sending its text."""
        data = await super().parse_http_body(request)
        for item in data if isinstance(data, list) else [data]:
            if has_nul(item.variables):
                raise HTTPException(400, detail=NUL_MESSAGE)
            digest = persisted_hash(item.extensions)
            if item.query is None and digest is not None:
                item.query = load_registry(self.settings.trusted_documents_dir).get(digest)
        return data

    def encode_json(self, data: object) -> str:
        # orjson is several times faster than json; WebSocket frames must be text, so decode.
        return orjson.dumps(data).decode()


def _is_upload(request: Request | WebSocket) -> bool:
    content_type = request.headers.get("content-type", "")
    return isinstance(request, Request) and content_type.lower().startswith("multipart/form-data")
