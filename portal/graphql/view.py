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
    """Strawberry's ASGI app with our context; GET queries are off (CSRF and caching hygiene)."""

    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphql_ide_enabled else None,
            allow_queries_via_get=False,
        )
        self.settings = settings

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:  # type: ignore[override]
        principal = await principal_from_connection(request, self.settings)
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            settings=self.settings,
            principal=principal,
            request_id=current_request.get().request_id,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:  # type: ignore[override]
        """A token in connection_init (``{"authorization": "Bearer ..."}``) authenticates the socket.

        Without one, the session cookie seen at the handshake stands; a bad token closes it (4403).
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
