"""The typed context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info as _Info

from portal.auth.principal import Principal
from portal.graphql.loaders import Loaders
from portal.settings import Settings


@dataclass(slots=True)
class Context:
    request: Request | WebSocket
    response: Response | None
    settings: Settings
    principal: Principal | None
    request_id: str
    loaders: Loaders = field(default_factory=Loaders)
    # Filled by strawberry from graphql-transport-ws connection_init (WebSockets only).
    connection_params: dict[str, object] | None = None


Info = _Info[Context, None]
