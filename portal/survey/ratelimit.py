"""Rate limits for the public survey: at most N submissions per client and service per window.

The key is a keyed hash of the client address and the service (never the address itself). The
default store is in-process (one server process, tests); with several processes or machines,
``PORTAL_SURVEY_RATE_STORE=redis://...`` shares one count through Redis (INCR + EXPIRE: a fixed
window, atomic across processes). Either way a store failure lets the citizen through: losing a
few limits beats losing answers.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import time
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger(__name__)
_RULE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class RateRule:
    """``limit`` hits per ``window`` seconds; a limit of 0 turns the rule off."""

    limit: int
    window: int

    @classmethod
    def parse(cls, text: str) -> RateRule:
        """``"5/1h"``, ``"10/30m"``, ``"3/600"`` (seconds); ``"0/1h"`` disables the limit."""
        match = _RULE.match(text)
        if match is None:
            raise ValueError(f"rate limit {text!r} is not N/WINDOW (e.g. 5/1h)")
        window = int(match.group(2)) * _UNIT_SECONDS[match.group(3)]
        if window <= 0:
            raise ValueError("the rate limit window must be positive")
        return cls(int(match.group(1)), window)


def client_key(secret: str, address: str, scope: str) -> str:
    """A keyed hash (HMAC-SHA256) of ``address`` and ``scope``: stable, not reversible."""
    message = f"{address}|{scope}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class RateStore(Protocol):
    async def hit(self, key: str, rule: RateRule) -> bool:
        """Count one hit for ``key``; False when it goes over the rule's limit."""
        ...

    async def close(self) -> None: ...


class MemoryRateStore:
    """Fixed windows in a dict, pruned as it grows. One process only."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = asyncio.Lock()
        self.max_keys = max_keys

    async def hit(self, key: str, rule: RateRule) -> bool:
        if rule.limit <= 0:
            return True
        now = time.monotonic()
        async with self._lock:
            started, count = self._counts.get(key, (now, 0))
            if now - started >= rule.window:
                started, count = now, 0
            count += 1
            self._counts[key] = (started, count)
            if len(self._counts) > self.max_keys:
                self._prune(now, rule.window)
        return count <= rule.limit

    def _prune(self, now: float, window: int) -> None:
        for k in [k for k, (s, _) in self._counts.items() if now - s >= window]:
            del self._counts[k]

    async def close(self) -> None:
        self._counts.clear()


class RedisRateStore:
    """One counter per key and window in Redis, shared by every process."""

    def __init__(self, url: str) -> None:
        import redis.asyncio as redis

        self._redis: Any = redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    async def hit(self, key: str, rule: RateRule) -> bool:
        if rule.limit <= 0:
            return True
        bucket = int(time.time() // rule.window)
        name = f"portal:survey:rl:{key}:{bucket}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(name)
                pipe.expire(name, rule.window + 1)
                count, _ = await pipe.execute()
        except Exception as exc:  # Redis down: let the citizen through, say so in the log
            log.warning("survey rate store unavailable: %s", exc)
            return True
        return int(count) <= rule.limit

    async def close(self) -> None:
        await self._redis.aclose()


def make_store(url: str | None) -> RateStore:
    """The store a ``PORTAL_SURVEY_RATE_STORE`` URL names (None or ``memory``: in-process)."""
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        return RedisRateStore(url)
    return MemoryRateStore()


_store: RateStore | None = None


def set_store(store: RateStore | None) -> None:
    global _store
    _store = store


def get_store() -> RateStore:
    """The app's store (set in the lifespan); an in-process one when none was set."""
    global _store
    if _store is None:
        _store = MemoryRateStore()
    return _store
