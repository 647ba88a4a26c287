"""Prometheus metrics at ``/metrics`` and one structured access-log line per request.

Each app has its own registry (several apps live in one test process). With ``--workers N`` every
worker keeps its own counters and ``/metrics`` shows the worker that answered: run one worker per
container (scale with containers) so that each scrape target is one process, or scrape and sum
them all (docs/deploy.md). SQL statements per request are not counted: Tortoise reports them only
through DEBUG logging, which costs more than it tells in production.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

access_log = logging.getLogger("portal.access")

# Operation names come from clients: only sane ones become labels, and only so many.
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
MAX_OPERATION_LABELS = 200
SCOPE_OPERATION = "portal.operation"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class _PoolCollector:
    """Database pool size and idle connections, read at scrape time."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        size = GaugeMetricFamily(
            "portal_db_pool_size", "Open connections in the pool", labels=["connection"]
        )
        idle = GaugeMetricFamily(
            "portal_db_pool_idle", "Idle connections in the pool", labels=["connection"]
        )
        for name, pool in _pools():
            size.add_metric([name], pool.get_size())
            idle.add_metric([name], pool.get_idle_size())
        yield size
        yield idle


def _pools() -> list[tuple[str, Any]]:
    try:
        from tortoise import connections

        found = []
        for name in ("default", "reports"):
            try:
                pool = getattr(connections.get(name), "_pool", None)
            except Exception:  # not configured
                continue
            if pool is not None and hasattr(pool, "get_idle_size"):
                found.append((name, pool))
        return found
    except Exception:
        return []


class _SubscriptionCollector:
    def collect(self) -> Iterator[GaugeMetricFamily]:
        from portal.events import get_bus

        bus = get_bus()
        yield GaugeMetricFamily(
            "portal_subscriptions_open",
            "Open GraphQL subscriptions (event-bus subscribers) in this process",
            value=bus.subscriber_count if bus is not None else 0,
        )


class Metrics:
    """The metrics of one app."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "portal_http_requests", "HTTP requests", ["method", "route", "status"], registry=r
        )
        self.latency = Histogram(
            "portal_http_request_duration_seconds",
            "HTTP request latency",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.operations = Counter(
            "portal_graphql_operations",
            "GraphQL operations",
            ["operation", "type", "outcome"],
            registry=r,
        )
        self.operation_latency = Histogram(
            "portal_graphql_operation_duration_seconds",
            "GraphQL operation latency",
            ["operation", "type"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.errors = Counter(
            "portal_graphql_errors", "Top-level GraphQL errors by code", ["code"], registry=r
        )
        self.websockets = Gauge(
            "portal_websocket_connections", "Open WebSocket connections", registry=r
        )
        r.register(_PoolCollector())  # type: ignore[arg-type]
        r.register(_SubscriptionCollector())  # type: ignore[arg-type]
        self._names: set[str] = set()

    def operation_label(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if not _NAME.match(name):
            return "invalid"
        if name not in self._names:
            if len(self._names) >= MAX_OPERATION_LABELS:
                return "other"
            self._names.add(name)
        return name

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


async def metrics_endpoint(request: Request) -> Response:
    metrics: Metrics = request.app.state.metrics
    return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


def _route(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if path is None:
        return "unmatched"
    return path or "static"


class ObservabilityMiddleware:
    """Counts and times every request and writes one access-log line (with the request id)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            self.metrics.websockets.inc()
            try:
                await self.app(scope, receive, send)
            finally:
                self.metrics.websockets.dec()
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            elapsed = time.perf_counter() - started
            route = _route(scope)
            method = scope["method"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(elapsed)
            access_log.info(
                "%s %s %s %.1fms",
                method,
                scope["path"],
                status,
                elapsed * 1000,
                extra={
                    "method": method,
                    "path": scope["path"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                    "operation": scope.get(SCOPE_OPERATION),
                },
            )


class OperationMetrics(SchemaExtension):
    """Counts and times GraphQL operations by name; counts top-level errors by code."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        request = getattr(context.context, "request", None)
        state = getattr(getattr(request, "app", None), "state", None)
        metrics: Metrics | None = getattr(state, "metrics", None)
        if metrics is None:
            return
        try:
            kind = context.operation_type.value
        except Exception:  # unparsable document: no operation type
            kind = "unknown"
        name = metrics.operation_label(context.operation_name)
        if request is not None and request.scope.get("type") == "http":
            request.scope[SCOPE_OPERATION] = name
        errors = list(getattr(context.result, "errors", None) or context.pre_execution_errors or [])
        for error in errors:
            code = (error.extensions or {}).get("code") or "GRAPHQL_ERROR"
            metrics.errors.labels(str(code)[:40]).inc()
        metrics.operations.labels(name, kind, "error" if errors else "ok").inc()
        metrics.operation_latency.labels(name, kind).observe(time.perf_counter() - started)
