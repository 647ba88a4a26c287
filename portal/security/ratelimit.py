"""Fixed-window rate limits, in memory (one process) or in Redis (shared by every instance).

Keys are ``<bucket>:<who>`` (``signin-ip:10.0.0.7``, ``mutation-user:42``). A request over its limit
gets 429 with ``Retry-After`` (seconds until the window ends). When Redis cannot be reached the
limiter fails open and logs it: a broken rate-limit store must not take sign-in down with it.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Protocol

import orjson
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from portal.settings import Settings

log = logging.getLogger(__name__)

REDIS_PREFIX = "portal:rl:"
SIGN_IN_PATHS = frozenset({"/auth/login", "/auth/callback", "/auth/dev-login"})


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


class RateLimitStore(Protocol):
    async def hit(self, key: str, window: int) -> tuple[int, float]:
        """Count one hit on ``key``; returns (hits in this window, seconds until it ends)."""
        ...

    async def close(self) -> None: ...


class MemoryStore:
    """Per-process counters; stale windows are swept as new ones start."""

    def __init__(self) -> None:
        self._windows: dict[str, tuple[float, int]] = {}
        self._last_sweep = time.monotonic()

    async def hit(self, key: str, window: int) -> tuple[int, float]:
        now = time.monotonic()
        if now - self._last_sweep > window:
            self._windows = {k: v for k, v in self._windows.items() if v[0] > now}
            self._last_sweep = now
        ends, count = self._windows.get(key, (0.0, 0))
        if ends <= now:
            ends, count = now + window, 0
        count += 1
        self._windows[key] = (ends, count)
        return count, ends - now

    async def close(self) -> None:
        self._windows.clear()


class RedisStore:
    """Counters in Redis: INCR, EXPIRE NX and PTTL in one transaction."""

    def __init__(self, url: str, prefix: str | None = None) -> None:
        import redis.asyncio as redis

        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix = REDIS_PREFIX if prefix is None else prefix

    async def hit(self, key: str, window: int) -> tuple[int, float]:
        name = self.prefix + key
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window, nx=True)
            pipe.pttl(name)
            count, _, ttl_ms = await pipe.execute()
        return int(count), max(ttl_ms, 0) / 1000 if ttl_ms and ttl_ms > 0 else float(window)

    async def close(self) -> None:
        await self.client.aclose()


class RateLimiter:
    """Checks hits against limits; fails open when the store does."""

    def __init__(self, store: RateLimitStore, window: int, enabled: bool = True) -> None:
        self.store = store
        self.window = window
        self.enabled = enabled

    async def check(self, key: str, limit: int) -> Verdict:
        if not self.enabled:
            return Verdict(True)
        try:
            count, remaining = await self.store.hit(key, self.window)
        except (TimeoutError, OSError, ConnectionError) as exc:
            log.warning("rate-limit store unavailable, allowing %s: %r", key, exc)
            return Verdict(True)
        except Exception as exc:  # redis.exceptions.* (not all are OSErrors)
            log.warning("rate-limit store failed, allowing %s: %r", key, exc)
            return Verdict(True)
        if count > limit:
            return Verdict(False, max(1, math.ceil(remaining)))
        return Verdict(True)

    async def check_all(self, checks: list[tuple[str, int]]) -> Verdict:
        """Every check is counted; the answer is the strictest."""
        refused = [v for v in [await self.check(k, n) for k, n in checks] if not v.allowed]
        if refused:
            return Verdict(False, max(v.retry_after for v in refused))
        return Verdict(True)

    async def close(self) -> None:
        await self.store.close()


def make_limiter(settings: Settings) -> RateLimiter:
    store: RateLimitStore
    if settings.rate_limit_redis_url is not None:
        store = RedisStore(settings.rate_limit_redis_url.get_secret_value())
    else:
        store = MemoryStore()
    return RateLimiter(store, settings.rate_limit_window, settings.rate_limit_enabled)


def client_address(scope: Scope) -> str:
    """The peer address (uvicorn's --proxy-headers/forwarded-allow-ips set it behind a proxy)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def too_many_body(retry_after: int) -> bytes:
    return orjson.dumps(
        {
            "errors": [
                {
                    "message": "Terlalu banyak permintaan. Coba lagi sebentar lagi.",
                    "extensions": {"code": "RATE_LIMITED", "retryAfter": retry_after},
                }
            ]
        }
    )


async def send_too_many(send: Send, retry_after: int) -> None:
    body = too_many_body(retry_after)
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SignInRateLimitMiddleware:
    """Limits the sign-in routes per client address (per account: see ``limit_account``)."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter, settings: Settings) -> None:
        self.app = app
        self.limiter = limiter
        self.limit = settings.rate_limit_sign_in_per_address

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in SIGN_IN_PATHS:
            verdict = await self.limiter.check(f"signin-ip:{client_address(scope)}", self.limit)
            if not verdict.allowed:
                log.warning("sign-in rate limit hit by %s", client_address(scope))
                await send_too_many(send, verdict.retry_after)
                return
        await self.app(scope, receive, send)


async def limit_account(limiter: RateLimiter | None, settings: Settings, account: str) -> Verdict:
    """Counts a sign-in attempt for one account (NIP or SSO subject)."""
    if limiter is None or not account:
        return Verdict(True)
    return await limiter.check(f"signin-user:{account}", settings.rate_limit_sign_in_per_user)


def too_many_response(retry_after: int) -> Response:
    return Response(
        too_many_body(retry_after),
        status_code=429,
        media_type="application/json",
        headers={"Retry-After": str(retry_after), "Cache-Control": "no-store"},
    )
