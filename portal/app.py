"""create_app(settings) -> the Starlette application."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from portal.audit.service import record
from portal.auth import dev_login
from portal.auth.sessions import end_session
from portal.db import close_db, init_db, normalise_url
from portal.events import make_bus, set_bus
from portal.graphql.schema import build_schema
from portal.graphql.view import PortalGraphQL
from portal.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from portal.settings import Settings, load_settings

SESSION_COOKIE = "portal_session"


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def logout(request: Request) -> Response:
    """End the local session (the SSO module adds the IdP's RP-initiated logout)."""
    held = end_session(request)
    if isinstance(held.get("eid"), int):
        await record(action="auth.sign_out", actor_id=held["eid"], object_type="Employee", object_id=held["eid"])
    return RedirectResponse("/", status_code=303)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()
    logging.basicConfig(level=settings.log_level)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await init_db(settings)
        bus = make_bus(normalise_url(settings.database_url))
        await bus.start()
        set_bus(bus)
        app.state.bus = bus
        try:
            yield
        finally:
            set_bus(None)
            await bus.stop()
            await close_db()

    graphql_app = PortalGraphQL(build_schema(settings), settings)
    routes = [
        Route("/healthz", healthz),
        Route("/auth/logout", logout, methods=["POST"]),
        *(dev_login.routes if settings.dev_login else []),
        Route("/graphql", graphql_app, methods=["GET", "POST"]),
    ]
    if settings.web_dir.is_dir():
        routes.append(Mount("/", StaticFiles(directory=settings.web_dir, html=True), name="web"))
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes),
        Middleware(
            SessionMiddleware,
            secret_key=settings.secret_key.get_secret_value(),
            session_cookie=SESSION_COOKIE,
            max_age=settings.session_max_age,
            same_site="lax",
            https_only=settings.is_production,
        ),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    return app
