"""Rate limits for the public survey: at most N submissions per client and service per window.

The key is a keyed hash of the client address and the service (never the address itself). The
counters are the portal's own fixed-window stores (``portal.security.ratelimit``): in-process by
default, or Redis (``PORTAL_SURVEY_RATE_STORE=redis://...``) shared by every process, under the
``portal:survey:rl:`` prefix. Either way a store failure lets the citizen through: losing a few
limits beats losing answers.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from dataclasses import dataclass

from portal.security.ratelimit import MemoryStore, RateLimitStore, RedisStore

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


REDIS_PREFIX = "portal:survey:rl:"


class SurveyRateLimit:
    """Counts survey submissions per key against a rule, on one of the shared stores."""

    def __init__(self, store: RateLimitStore) -> None:
        self.store = store

    async def hit(self, key: str, rule: RateRule) -> bool:
        """Count one hit for ``key``; False when it goes over the rule's limit."""
        if rule.limit <= 0:
            return True
        try:
            count, _ = await self.store.hit(key, rule.window)
        except Exception as exc:  # Redis down (not every redis error is an OSError)
            log.warning("survey rate store unavailable, letting the answer in: %r", exc)
            return True
        return count <= rule.limit

    async def close(self) -> None:
        await self.store.close()


def make_store(url: str | None) -> SurveyRateLimit:
    """The limiter a ``PORTAL_SURVEY_RATE_STORE`` URL names (None or ``memory``: in-process)."""
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        return SurveyRateLimit(RedisStore(url, prefix=REDIS_PREFIX))
    return SurveyRateLimit(MemoryStore())


_store: SurveyRateLimit | None = None


def set_store(store: SurveyRateLimit | None) -> None:
    global _store
    _store = store


def get_store() -> SurveyRateLimit:
    """The app's limiter (set in the lifespan); an in-process one when none was set."""
    global _store
    if _store is None:
        _store = make_store(None)
    return _store
