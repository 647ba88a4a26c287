"""create_app(settings) -> the Starlette application."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from portal import exports
from portal.auth import dev_login, sso
from portal.auth.bearer import BearerAuthMiddleware
from portal.auth.csrf import CsrfMiddleware
from portal.auth.sessions import SESSION_COOKIE
from portal.db import close_db, init_db, normalise_url
from portal.events import drain_background, make_bus, set_bus
from portal.graphql.reports import export as report_export
from portal.graphql.schema import build_schema
from portal.graphql.survey import routes as survey_routes
from portal.graphql.view import PortalGraphQL
from portal.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from portal.notifications.mailer import Mailer, SmtpConfig, set_mailer
from portal.ops.database import DatabaseUnavailableMiddleware
from portal.ops.health import readyz
from portal.ops.logs import configure_logging
from portal.ops.metrics import Metrics, ObservabilityMiddleware, metrics_endpoint
from portal.security.headers import SecurityHeadersMiddleware
from portal.security.ratelimit import SignInRateLimitMiddleware, make_limiter
from portal.settings import Settings, load_settings
from portal.survey import ratelimit as survey_ratelimit


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()
    configure_logging(settings)
    limiter = make_limiter(settings)
    metrics = Metrics()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await init_db(settings)
        bus = make_bus(normalise_url(settings.database_url))
        await bus.start()
        set_bus(bus)
        app.state.bus = bus
        survey_store = survey_ratelimit.make_store(settings.survey_rate_store)
        survey_ratelimit.set_store(survey_store)
        if settings.smtp_url is not None:
            config = SmtpConfig.from_url(settings.smtp_url.get_secret_value(), settings.mail_from)
            set_mailer(Mailer(config))
        # What is loaded by now (modules, schema, models) lives as long as the process: keep it
        # out of the collector's full passes, which otherwise walk it every few hundred
        # requests and stall a busy worker for tens of milliseconds (bench/RESULTS.md).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            await drain_background()
            set_mailer(None)
            survey_ratelimit.set_store(None)
            await survey_store.close()
            set_bus(None)
            await bus.stop()
            await limiter.close()
            await close_db()

    graphql_app = PortalGraphQL(build_schema(settings), settings)
    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        *([Route("/metrics", metrics_endpoint)] if settings.metrics_enabled else []),
        *sso.routes,  # /auth/login, /auth/callback, /auth/logout
        *(dev_login.routes if settings.dev_login else []),
        Route("/graphql", graphql_app, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql_app),
        *exports.routes,  # /exports/training-history.csv (HR)
        *report_export.routes(graphql_app.schema),  # /reports/export.csv (as `report`)
        *survey_routes.routes(graphql_app.schema),  # /survey/<code>/qr.svg, results.csv
    ]
    if settings.web_dir.is_dir():
        routes.append(Mount("/", StaticFiles(directory=settings.web_dir, html=True), name="web"))
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(ObservabilityMiddleware, metrics=metrics),
        Middleware(SecurityHeadersMiddleware, settings=settings),
        *cors_middleware(settings),
        Middleware(DatabaseUnavailableMiddleware),
        Middleware(GZipMiddleware, minimum_size=1024),
        Middleware(
            BodySizeLimitMiddleware,
            max_bytes=settings.max_body_bytes,
            max_upload_bytes=settings.max_upload_bytes,
            upload_paths={"/graphql"},  # importFile; nothing else takes files
        ),
        Middleware(SignInRateLimitMiddleware, limiter=limiter, settings=settings),
        Middleware(
            SessionMiddleware,
            secret_key=settings.secret_key.get_secret_value(),
            session_cookie=SESSION_COOKIE,
            max_age=settings.session_max_age,
            same_site="lax",
            https_only=settings.is_production,
        ),
        # Inside the session: a bearer token is checked (or refused) before the CSRF rule,
        # which skips bearer-authenticated requests.
        Middleware(BearerAuthMiddleware, settings=settings),
        Middleware(CsrfMiddleware, settings=settings),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    app.state.rate_limiter = limiter
    app.state.metrics = metrics
    return app


def cors_middleware(settings: Settings) -> list[Middleware]:
    """No CORS headers at all unless PORTAL_CORS_ORIGINS lists origins (bearer-token clients).

    Credentials (cookies) are never allowed cross-site: such clients authenticate with tokens.
    """
    if not settings.cors_origin_list:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
            max_age=600,
        )
    ]
